import * as Y from "yjs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadDocument, refusedChangesReason } from "../../lib/docs";
import { articleFields } from "../../lib/docs/text";
import { suggestDelete, suggestInsert } from "../../lib/suggestions/marks";
import { readSuggestions } from "../../lib/suggestions/read";
import { markBy } from "../../lib/suggestions/testing";
import { addMember, insertArticle, insertUser } from "../../lib/testing/factories";
import type { User } from "../../lib/users";
import { connectProvider, startCollab, tokenFor, waitFor, type TestCollab, type TestProvider } from "./testing/harness";

let server: TestCollab;
let owner: User;
const open: TestProvider[] = [];

beforeAll(async () => {
  server = await startCollab();
  owner = await insertUser(server.db, { role: "writer", name: "Wanda Writer" });
});
afterEach(() => {
  for (const p of open.splice(0)) p.destroy();
});
afterAll(async () => {
  await server?.close();
});

function provider(user: User, articleId: string) {
  const p = connectProvider(server.url, articleId, { token: tokenFor(user) });
  open.push(p);
  return p;
}

const body = (doc: Y.Doc) => (doc.getXmlFragment(articleFields.body).get(0) as Y.XmlElement).get(0) as Y.XmlText;
const plain = (text: Y.Text) => (text.toDelta() as { insert: string }[]).map((op) => op.insert).join("");

/** An article in review, written by the owner (one paragraph, with one suggestion by a colleague), and a reviewer on it. */
async function reviewSetup() {
  const article = await insertArticle(server.db, owner, { status: "in_review" });
  const reviewer = await insertUser(server.db, { role: "reviewer", name: "Rafa Reviewer" });
  await addMember(server.db, article.id, reviewer, "reviewer");
  const writing = provider(owner, article.id);
  await writing.synced;
  writing.doc.transact(() => {
    writing.doc.getText(articleFields.headline).insert(0, "Forty dead in flood");
    const paragraph = new Y.XmlElement("paragraph");
    writing.doc.getXmlFragment(articleFields.body).insert(0, [paragraph]);
    paragraph.insert(0, [new Y.XmlText("The river rose forty feet overnight.")]);
    body(writing.doc).format(0, 3, { [suggestDelete]: markBy(owner.id, "owners-own-deletion") });
    body(writing.doc).insert(36, " Officials", { [suggestInsert]: markBy(owner.id, "owners-own-insertion") });
  });
  const reviewing = provider(reviewer, article.id);
  await reviewing.synced;
  await waitFor(() => plain(body(reviewing.doc)).includes("overnight"), "the reviewer to have the text");
  await server.collab.idle();
  return { article, reviewer, writing, reviewing };
}

describe("a reviewer's suggestions", () => {
  it("are stored and reach the writer live, in the body and the headline", async () => {
    const { article, reviewer, writing, reviewing } = await reviewSetup();
    const mark = markBy(reviewer.id, "reviewer-replaces-forty");
    reviewing.doc.transact(() => {
      body(reviewing.doc).format(15, 5, { [suggestDelete]: mark });
      body(reviewing.doc).insert(20, "40", { [suggestInsert]: mark });
      reviewing.doc.getText(articleFields.headline).insert(0, "Breaking: ", { [suggestInsert]: markBy(reviewer.id, "reviewer-headline") });
    });
    await waitFor(() => plain(body(writing.doc)).includes("forty40"), "the writer to see the suggestion");
    await server.collab.idle();

    expect(reviewing.denied).toEqual([]);
    // The suggestions' rows follow once the typing pauses (the Review card reads them).
    const deadline = Date.now() + 5000;
    let rows: { id: string; author_id: string; state: string }[] = [];
    while (rows.length < 4 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      rows = await server.db.selectFrom("suggestions").select(["id", "author_id", "state"]).where("article_id", "=", article.id).orderBy("id").execute();
    }
    expect(rows).toEqual([
      { id: "owners-own-deletion", author_id: owner.id, state: "open" },
      { id: "owners-own-insertion", author_id: owner.id, state: "open" },
      { id: "reviewer-headline", author_id: reviewer.id, state: "open" },
      { id: "reviewer-replaces-forty", author_id: reviewer.id, state: "open" },
    ]);
    const stored = await loadDocument(server.db, article.id);
    expect(readSuggestions(stored).map((s) => [s.id, s.kind, s.inserted, s.deleted])).toEqual([
      ["reviewer-headline", "insert", "Breaking: ", ""],
      ["owners-own-deletion", "delete", "", "The"],
      ["reviewer-replaces-forty", "replace", "40", "forty"],
      ["owners-own-insertion", "insert", " Officials", ""],
    ]);
  });

  const refusedChanges: [string, (doc: Y.Doc, reviewer: User) => void][] = [
    ["a plain insertion", (doc) => body(doc).insert(4, "swollen ")],
    ["a plain deletion", (doc) => body(doc).delete(4, 6)],
    ["a formatting change", (doc) => body(doc).format(4, 5, { bold: {} })],
    ["an insertion attributed to the writer", (doc) => body(doc).insert(4, "swollen ", { [suggestInsert]: markBy(owner.id) })],
    ["taking back the writer's suggested deletion", (doc) => body(doc).format(0, 3, { [suggestDelete]: null })],
    ["removing the writer's pending insertion", (doc) => body(doc).delete(36, 10)],
    ["a plain edit of the headline", (doc) => doc.getText(articleFields.headline).insert(0, "BREAKING ")],
    ["a new paragraph", (doc) => doc.getXmlFragment(articleFields.body).insert(1, [new Y.XmlElement("paragraph")])],
  ];

  it.each(refusedChanges)("are refused when they are %s: nothing is stored or reaches the writer", async (_, change) => {
    const { article, reviewer, writing, reviewing } = await reviewSetup();
    change(reviewing.doc, reviewer);
    await waitFor(() => reviewing.denied.includes(refusedChangesReason), "the refusal");
    // The writer keeps typing; the reviewer still gets that.
    writing.doc.getText(articleFields.headline).insert(0, "Update: ");
    await waitFor(() => reviewing.doc.getText(articleFields.headline).toString().includes("Update: "), "the writer's edit");
    await server.collab.idle();

    const stored = await loadDocument(server.db, article.id);
    expect(plain(body(stored))).toBe("The river rose forty feet overnight. Officials");
    expect(body(stored).toDelta()).toEqual(body(writing.doc).toDelta());
    expect(stored.getText(articleFields.headline).toString()).toBe("Update: Forty dead in flood");

    // Brought back in step: a fresh copy (what the editor opens after a refusal) holds exactly what is stored.
    const again = provider(reviewer, article.id);
    await again.synced;
    await waitFor(() => again.doc.getText(articleFields.headline).toString().includes("Update: "), "the fresh copy");
    expect(Y.encodeStateAsUpdate(again.doc)).toEqual(Y.encodeStateAsUpdate(stored));
    // And it can suggest again.
    body(again.doc).insert(0, "Now ", { [suggestInsert]: markBy(reviewer.id, "after-the-refusal") });
    await waitFor(() => plain(body(writing.doc)).startsWith("Now "), "the new suggestion to reach the writer");
  });
});
