import { beforeAll, describe, expect, it } from "vitest";
import { listArticleMembers, findArticleRow } from "../articles";
import { listAudit } from "../audit";
import { addMember, insertArticle, insertUser } from "../testing/factories";
import { seedNewsroom } from "../testing/newsroom";
import { refusal } from "../testing/refusal";
import { storeKinds } from "../testing/stores";
import { recordEvents, setupSuiteStore } from "../testing/suite";
import type { User } from "../users";
import { createArticle, shareArticle } from "./articles";

describe.each(storeKinds)("article commands on %s", (kind) => {
  const store = setupSuiteStore(kind);
  let writer: User, coauthor: User, outsider: User, reviewer: User, editor: User;
  beforeAll(async () => {
    ({ writer, coauthor, outsider, reviewer, editor } = await seedNewsroom(store.db));
  });
  const events = recordEvents();

  const auditFor = async (id: string) => (await listAudit(store.db)).filter((e) => e.targetId === id);
  const countArticles = async () => (await store.db.selectFrom("articles").select("id").execute()).length;

  describe("createArticle", () => {
    it("creates a draft owned by the signed-in writer, who is its first author", async () => {
      const row = await createArticle(store.db, writer, { title: "  Harbour fire  " });
      expect(row).toMatchObject({ title: "Harbour fire", status: "draft", owner_id: writer.id });
      expect(await findArticleRow(store.db, row.id)).toEqual(row);
      expect(await listArticleMembers(store.db, row.id)).toEqual([
        { userId: writer.id, name: "Wes Writer", email: writer.email, role: "owner" },
      ]);
      expect(await auditFor(row.id)).toMatchObject([
        {
          actorLabel: "Wes Writer",
          action: "article.create",
          targetLabel: "Harbour fire",
          before: null,
          after: { title: "Harbour fire", owner: writer.email },
        },
      ]);
    });

    it("lets the command line name the owner", async () => {
      const row = await createArticle(store.db, "cli", { title: "Night shift" }, editor);
      expect(row.owner_id).toBe(editor.id);
      expect((await auditFor(row.id))[0]).toMatchObject({ actorLabel: "cli", after: { owner: editor.email } });
    });

    it.each([
      [{ title: "   " }, "Title is required."],
      [{}, "Title is required."],
      [{ title: "x".repeat(201) }, "Title must be at most 200 characters."],
    ])("rejects %o with a 400 on the title", async (input, message) => {
      const before = await countArticles();
      expect(await refusal(createArticle(store.db, writer, input))).toEqual({ status: 400, field: "title", message });
      expect(await countArticles()).toBe(before);
    });

    it("refuses reviewers (403), and a reviewer or disabled account as owner (400)", async () => {
      const before = await countArticles();
      expect(await refusal(createArticle(store.db, reviewer, { title: "Mine" }))).toEqual({
        status: 403,
        field: undefined,
        message: "Your role may not create articles.",
      });
      expect(await refusal(createArticle(store.db, "cli", { title: "Theirs" }, reviewer))).toMatchObject({
        status: 400,
        field: "owner",
      });
      const gone = await insertUser(store.db, { disabled: true });
      expect(await refusal(createArticle(store.db, "cli", { title: "Theirs" }, gone))).toEqual({
        status: 400,
        field: "owner",
        message: `${gone.email} is disabled.`,
      });
      expect(await countArticles()).toBe(before);
    });
  });

  describe("shareArticle", () => {
    it("adds a co-author and an assigned reviewer, audited, and bumps the article", async () => {
      const article = await insertArticle(store.db, writer, { updatedAt: "2026-01-01T00:00:00.000Z" });
      await shareArticle(store.db, writer, { articleId: article.id, email: coauthor.email.toUpperCase(), as: "author" });
      await shareArticle(store.db, writer, { articleId: article.id, email: reviewer.email, as: "reviewer" });
      expect((await listArticleMembers(store.db, article.id)).map((m) => [m.name, m.role])).toEqual([
        ["Wes Writer", "owner"],
        ["Cora Coauthor", "author"],
        ["Rae Reviewer", "reviewer"],
      ]);
      expect((await findArticleRow(store.db, article.id))!.updated_at > "2026-01-01T00:00:00.000Z").toBe(true);
      expect((await auditFor(article.id)).map((e) => [e.action, e.before, e.after])).toEqual([
        ["article.share", null, { member: reviewer.email, as: "reviewer" }],
        ["article.share", null, { member: coauthor.email, as: "author" }],
      ]);
      expect(events).toEqual([
        { type: "article.changed", articleId: article.id },
        { type: "article.changed", articleId: article.id },
      ]);
    });

    it("changes a member's part, recording before and after, and does nothing when unchanged", async () => {
      const article = await insertArticle(store.db, writer);
      await addMember(store.db, article.id, coauthor, "reviewer");
      await shareArticle(store.db, editor, { articleId: article.id, email: coauthor.email, as: "author" });
      await shareArticle(store.db, editor, { articleId: article.id, email: coauthor.email, as: "author" });
      expect((await auditFor(article.id)).map((e) => [e.actorLabel, e.before, e.after])).toEqual([
        ["Eve Editor", { member: coauthor.email, as: "reviewer" }, { member: coauthor.email, as: "author" }],
      ]);
    });

    it("lets a co-author share further, but not someone who cannot see it", async () => {
      const article = await insertArticle(store.db, writer);
      await addMember(store.db, article.id, coauthor, "author");
      await shareArticle(store.db, coauthor, { articleId: article.id, email: editor.email, as: "author" });
      expect(await refusal(shareArticle(store.db, outsider, { articleId: article.id, email: outsider.email, as: "author" }))).toEqual({
        status: 403,
        field: undefined,
        message: "You do not have access to this article.",
      });
      expect((await listArticleMembers(store.db, article.id)).map((m) => m.userId)).not.toContain(outsider.id);
    });

    it("never makes a reviewer an author, and names unknown people and articles", async () => {
      const article = await insertArticle(store.db, writer);
      expect(await refusal(shareArticle(store.db, "cli", { articleId: article.id, email: reviewer.email, as: "author" }))).toEqual({
        status: 400,
        field: "as",
        message: "Reviewers never change the text; share with them as reviewer.",
      });
      expect(await refusal(shareArticle(store.db, "cli", { articleId: article.id, email: "nobody@example.com", as: "reviewer" }))).toEqual({
        status: 404,
        field: "email",
        message: "No user has the email nobody@example.com.",
      });
      expect(await refusal(shareArticle(store.db, "cli", { articleId: "no-such-article", email: reviewer.email, as: "reviewer" }))).toEqual({
        status: 404,
        field: "articleId",
        message: "No such article.",
      });
      expect(await refusal(shareArticle(store.db, "cli", { articleId: article.id, email: reviewer.email, as: "editor" as never }))).toMatchObject({
        status: 400,
        field: "as",
      });
      expect(await listArticleMembers(store.db, article.id)).toHaveLength(1);
      expect(events).toEqual([]);
    });
  });
});
