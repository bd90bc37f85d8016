import { beforeAll, describe, expect, it } from "vitest";
import { findArticleSummary } from "../articles";
import { listAudit } from "../audit";
import { addMember, insertArticle } from "../testing/factories";
import { seedNewsroom, type Newsroom } from "../testing/newsroom";
import { refusal } from "../testing/refusal";
import { storeKinds } from "../testing/stores";
import { recordEvents, setupSuiteStore } from "../testing/suite";
import type { User } from "../users";
import { setWordTarget } from "./set-word-target";

describe.each(storeKinds)("setWordTarget on %s", (kind) => {
  const store = setupSuiteStore(kind);
  let writer: User, coauthor: User, outsider: User, reviewer: User, editor: User;
  let article: Newsroom["article"];
  beforeAll(async () => {
    ({ writer, coauthor, outsider, reviewer, editor, article } = await seedNewsroom(store.db));
    await addMember(store.db, article.id, coauthor, "author");
  });
  const events = recordEvents();

  const shownTarget = async (id = article.id) => (await findArticleSummary(store.db, id))?.wordTarget;

  it("the owner sets a target that the article then shows, audited and announced", async () => {
    await expect(setWordTarget(store.db, writer, { articleId: article.id, wordTarget: 800 })).resolves.toEqual({
      articleId: article.id,
      wordTarget: 800,
    });
    expect(await shownTarget()).toBe(800);
    const [entry] = await listAudit(store.db, { limit: 1 });
    expect(entry).toMatchObject({ action: "article.word_target", actorLabel: "Wes Writer", targetId: article.id });
    expect(entry?.before).toEqual({ wordTarget: null });
    expect(entry?.after).toEqual({ wordTarget: 800 });
    expect(events).toContainEqual({ type: "article.changed", articleId: article.id });
  });

  it("a co-author and the desk may change it, and null clears it", async () => {
    await setWordTarget(store.db, coauthor, { articleId: article.id, wordTarget: 1200 });
    expect(await shownTarget()).toBe(1200);
    await setWordTarget(store.db, editor, { articleId: article.id, wordTarget: null });
    expect(await shownTarget()).toBeNull();
  });

  it("setting the same target again changes nothing and announces nothing", async () => {
    await setWordTarget(store.db, writer, { articleId: article.id, wordTarget: 500 });
    const before = await listAudit(store.db);
    events.length = 0;
    await setWordTarget(store.db, writer, { articleId: article.id, wordTarget: 500 });
    expect(await listAudit(store.db)).toHaveLength(before.length);
    expect(events).toEqual([]);
  });

  it("refuses the assigned reviewer and a writer the article is not shared with", async () => {
    await setWordTarget(store.db, writer, { articleId: article.id, wordTarget: 600 });
    expect(await refusal(setWordTarget(store.db, reviewer, { articleId: article.id, wordTarget: 900 }))).toMatchObject({ status: 403 });
    expect((await refusal(setWordTarget(store.db, outsider, { articleId: article.id, wordTarget: 900 }))).status).toBe(403);
    expect(await shownTarget()).toBe(600);
  });

  it("refuses a writer once the article is published, as renaming is", async () => {
    const published = await insertArticle(store.db, writer, { status: "published" });
    expect((await refusal(setWordTarget(store.db, writer, { articleId: published.id, wordTarget: 700 }))).status).toBe(403);
    expect(await shownTarget(published.id)).toBeNull();
  });

  it.each([
    ["zero", 0],
    ["a negative number", -5],
    ["more than 20,000", 20_001],
    ["a fraction", 250.5],
    ["text", "800"],
  ])("refuses %s, naming the field", async (_label, wordTarget) => {
    expect(await refusal(setWordTarget(store.db, writer, { articleId: article.id, wordTarget }))).toMatchObject({
      status: 400,
      field: "wordTarget",
    });
  });

  it("accepts the bounds 1 and 20,000", async () => {
    await setWordTarget(store.db, writer, { articleId: article.id, wordTarget: 1 });
    expect(await shownTarget()).toBe(1);
    await setWordTarget(store.db, writer, { articleId: article.id, wordTarget: 20_000 });
    expect(await shownTarget()).toBe(20_000);
  });

  it("answers 404 for an article that does not exist", async () => {
    expect(await refusal(setWordTarget(store.db, writer, { articleId: "nope", wordTarget: 10 }))).toMatchObject({ status: 404 });
  });
});
