import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { appendUpdates, articleFields, loadDocument } from "../docs";
import { readArticleContent } from "../editor/export/article-content";
import { renderArticleHtml } from "../editor/export/html";
import { renderArticleMarkdown } from "../editor/export/markdown";
import { nowIso } from "../ids";
import { suggestDelete, suggestInsert } from "../suggestions/marks";
import { markBy } from "../suggestions/testing";
import { detailedRefusal as refusal } from "../testing/refusal";
import { seedNewsroom } from "../testing/newsroom";
import { storeKinds } from "../testing/stores";
import { setupSuiteStore } from "../testing/suite";
import type { User } from "../users";
import { projectArticle, saveProjection } from "../versions";
import { listArticleSuggestions, replyToSuggestion, resolveAllSuggestions, resolveSuggestion } from "./suggestions";
import { articleTimeline } from "../workflow";
import { runWorkflowAction } from "./workflow";

describe.each(storeKinds)("suggestions on %s", (kind) => {
  const store = setupSuiteStore(kind);

  /** Stores a change made on the article's current document, and projects it as the collab server would. */
  async function change(articleId: string, edit: (doc: Y.Doc) => void) {
    const doc = await loadDocument(store.db, articleId);
    try {
      const updates: Uint8Array[] = [];
      doc.on("update", (update: Uint8Array) => updates.push(update));
      doc.transact(() => edit(doc));
      const ids = await appendUpdates(store.db, [{ articleId, data: Y.mergeUpdates(updates) }]);
      await saveProjection(store.db, articleId, projectArticle(doc), ids.get(articleId)!.at(-1)!, nowIso());
    } finally {
      doc.destroy();
    }
  }
  const body = (doc: Y.Doc) => (doc.getXmlFragment(articleFields.body).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  const contentHash = async (articleId: string) =>
    (await store.db.selectFrom("articles").select("content_hash").where("id", "=", articleId).executeTakeFirstOrThrow()).content_hash;

  /** The newsroom's article with text by its writer, then a replacement ("forty" → "40") and a deletion suggested by its reviewer. */
  async function suggested() {
    const people = await seedNewsroom(store.db);
    const { article, reviewer } = people;
    await change(article.id, (doc) => {
      doc.getText(articleFields.headline).insert(0, "Flood");
      const paragraph = new Y.XmlElement("paragraph");
      doc.getXmlFragment(articleFields.body).insert(0, [paragraph]);
      paragraph.insert(0, [new Y.XmlText("The river rose forty feet overnight.")]);
    });
    const hashBefore = await contentHash(article.id);
    const replace = markBy(reviewer.id, `replace-${article.id}`);
    const strike = markBy(reviewer.id, `strike-${article.id}`);
    await change(article.id, (doc) => {
      body(doc).format(15, 5, { [suggestDelete]: replace });
      body(doc).insert(20, "40", { [suggestInsert]: replace });
      body(doc).format(27, 10, { [suggestDelete]: strike });
    });
    return { ...people, replace: replace.id, strike: strike.id, hashBefore };
  }
  const text = async (articleId: string) => {
    const doc = await loadDocument(store.db, articleId);
    try {
      return (body(doc).toDelta() as { insert: string }[]).map((op) => op.insert).join("");
    } finally {
      doc.destroy();
    }
  };

  it("lists open suggestions with their suggester, and a pending one leaves the content hash as it was", async () => {
    const { article, reviewer, writer, replace, strike, hashBefore } = await suggested();
    const list = await listArticleSuggestions(store.db, writer, article.id);
    expect(list.map((s) => ({ id: s.id, author: s.author, kind: s.kind, inserted: s.inserted, deleted: s.deleted, state: s.state, replies: s.replies }))).toEqual([
      { id: replace, author: { id: reviewer.id, name: reviewer.name }, kind: "replace", inserted: "40", deleted: "forty", state: "open", replies: [] },
      { id: strike, author: { id: reviewer.id, name: reviewer.name }, kind: "delete", inserted: "", deleted: " overnight", state: "open", replies: [] },
    ]);
    expect(await contentHash(article.id)).toBe(hashBefore);
  });

  it("the writer accepts one and rejects the other; the text and the hash follow, and each is closed for good", async () => {
    const { article, writer, replace, strike, hashBefore } = await suggested();
    const accepted = await resolveSuggestion(store.db, writer, { suggestionId: replace, action: "accept", articleId: article.id });
    expect(accepted).toMatchObject({ state: "accepted", resolvedBy: { id: writer.id } });
    expect(await text(article.id)).toBe("The river rose 40 feet overnight.");
    expect(await contentHash(article.id)).not.toBe(hashBefore);

    await resolveSuggestion(store.db, writer, { suggestionId: strike, action: "reject" });
    expect(await text(article.id)).toBe("The river rose 40 feet overnight.");
    expect((await listArticleSuggestions(store.db, writer, article.id)).map((s) => s.state)).toEqual(["accepted", "rejected"]);

    expect(await refusal(resolveSuggestion(store.db, writer, { suggestionId: replace, action: "reject" }))).toMatchObject({ status: 409, state: "accepted" });

    // The timeline names who decided which words.
    const timeline = await articleTimeline(store.db, article.id);
    expect(timeline.slice(0, 2).map((entry) => `${entry.actor} ${entry.text}`)).toEqual([
      `${writer.name} rejected Rae Reviewer’s suggestion: Delete “ overnight”`,
      `${writer.name} accepted Rae Reviewer’s suggestion: Replace “forty” with “40”`,
    ]);
  });

  it("only those who may edit accept or reject; only the suggester withdraws", async () => {
    const { article, reviewer, coauthor, writer, replace, strike } = await suggested();
    await listArticleSuggestions(store.db, writer, article.id);
    expect(await refusal(resolveSuggestion(store.db, reviewer, { suggestionId: replace, action: "accept" }))).toMatchObject({ status: 403 });
    // Not on the article at all: it does not exist for them.
    expect(await refusal(resolveSuggestion(store.db, coauthor, { suggestionId: replace, action: "accept" }))).toMatchObject({ status: 403 });
    expect(await refusal(resolveSuggestion(store.db, writer, { suggestionId: replace, action: "withdraw" }))).toMatchObject({ status: 403 });
    expect(await refusal(resolveSuggestion(store.db, writer, { suggestionId: "no-such-suggestion", action: "accept" }))).toMatchObject({ status: 404 });

    await resolveSuggestion(store.db, reviewer, { suggestionId: strike, action: "withdraw" });
    expect(await text(article.id)).toBe("The river rose forty40 feet overnight.");
    expect((await listArticleSuggestions(store.db, writer, article.id)).find((s) => s.id === strike)?.state).toBe("withdrawn");
  });

  it("a suggestion whose text the author deleted stays listed as orphaned, not lost", async () => {
    const { article, writer, replace } = await suggested();
    await listArticleSuggestions(store.db, writer, article.id);
    await change(article.id, (doc) => body(doc).delete(10, 17));
    const found = (await listArticleSuggestions(store.db, writer, article.id)).find((s) => s.id === replace)!;
    expect(found).toMatchObject({ state: "open", inserted: "40", deleted: "forty" });
    expect(found.orphanedAt).not.toBeNull();
  });

  it("replies build a thread on the suggestion", async () => {
    const { article, writer, reviewer, replace } = await suggested();
    await replyToSuggestion(store.db, writer, { suggestionId: replace, articleId: article.id, body: "Style says numerals above ten?" });
    const record = await replyToSuggestion(store.db, reviewer, { suggestionId: replace, body: "Yes, 40." });
    expect(record.replies.map((r) => [r.author.name, r.body])).toEqual([
      [writer.name, "Style says numerals above ten?"],
      [reviewer.name, "Yes, 40."],
    ]);
    expect(await refusal(replyToSuggestion(store.db, writer, { suggestionId: replace, body: "  " }))).toMatchObject({ status: 400 });
  });

  it("publishing is refused with 409 while suggestions are open, and allowed once they are decided", async () => {
    const { article, writer, reviewer, editor } = await suggested();
    const step = (user: User, input: Record<string, unknown>) => runWorkflowAction(store.db, user, { articleId: article.id, ...input });
    await step(writer, { action: "submit", reviewers: [reviewer.email] });
    // Open suggestions do not stop an approval.
    await step(reviewer, { action: "approve" });
    expect(await refusal(step(editor, { action: "publish" }))).toMatchObject({ status: 409, code: "open_suggestions", count: 2 });

    await resolveAllSuggestions(store.db, editor, { articleId: article.id, action: "reject" });
    // Rejecting changes no accepted text: the approval still holds.
    await step(editor, { action: "publish" });
    const status = (await store.db.selectFrom("articles").select("status").where("id", "=", article.id).executeTakeFirstOrThrow()).status;
    expect(status).toBe("published");
  });

  it("exports show the accepted text, or the suggestions marked when asked", async () => {
    const { article } = await suggested();
    const doc = await loadDocument(store.db, article.id);
    try {
      const clean = readArticleContent(doc);
      expect(renderArticleHtml(clean)).toContain("The river rose forty feet overnight.");
      const marked = readArticleContent(doc, { withSuggestions: true });
      expect(renderArticleHtml(marked)).toContain("The river rose <del>forty</del><ins>40</ins> feet<del> overnight</del>.");
      expect(renderArticleMarkdown(marked)).toContain("The river rose {--forty--}{++40++} feet {--overnight--}.");
    } finally {
      doc.destroy();
    }
  });
});
