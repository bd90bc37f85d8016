import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { findArticleRow } from "../../lib/articles";
import { articleFields, readArticleText } from "../../lib/docs";
import { insertArticle, insertUser } from "../../lib/testing/factories";
import { storeKinds } from "../../lib/testing/stores";
import type { User } from "../../lib/users";
import { restoreVersion } from "../../lib/commands/restore-version";
import { createComment } from "../../lib/commands/create-comment";
import { encodeAnchorPosition, listThreads } from "../../lib/comments";
import { refusal } from "../../lib/testing/refusal";
import { listVersions, makeVersion, projectArticle, saveProjection } from "../../lib/versions";
import { runWorkflowAction } from "../../lib/commands/workflow";
import { loadReview } from "../../lib/workflow";
import { connectProvider, startCollab, tokenFor, waitFor, type TestCollab, type TestProvider } from "./testing/harness";

/** Polls the article row until `check` holds (the projection runs off the message path, within seconds). */
async function rowSoon(collab: TestCollab, articleId: string, check: (row: NonNullable<Awaited<ReturnType<typeof findArticleRow>>>) => boolean) {
  const deadline = Date.now() + 3000;
  for (;;) {
    const row = await findArticleRow(collab.db, articleId);
    if (row && check(row)) return row;
    if (Date.now() > deadline) throw new Error(`the article row did not follow the document: ${JSON.stringify(row)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the store holds this text (the client's edit reached the server and was committed). */
async function stored(collab: TestCollab, articleId: string, text: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await readArticleText(collab.db, articleId)).includes(text)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for "${text}" in the store`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function typeBody(p: TestProvider, text: string) {
  const paragraph = new Y.XmlElement("paragraph");
  p.doc.getXmlFragment(articleFields.body).insert(0, [paragraph]);
  paragraph.insert(0, [new Y.XmlText(text)]);
}

describe.each(storeKinds)("the article row follows its document on %s", (kind) => {
  let collab: TestCollab;
  let writer: User;
  const open: TestProvider[] = [];
  beforeAll(async () => {
    collab = await startCollab({ kind });
    writer = await insertUser(collab.db, { role: "writer", name: "Wes Writer" });
  });
  afterEach(() => {
    for (const p of open.splice(0)) p.destroy();
  });
  afterAll(async () => {
    await collab?.close();
  });

  it("an edit from a websocket client sets title, standfirst, words, content hash and the time of the change within 3 s", async () => {
    const article = await insertArticle(collab.db, writer, { title: "Untitled draft" });
    const before = await findArticleRow(collab.db, article.id);
    const p = connectProvider(collab.url, article.id, { token: tokenFor(writer) });
    open.push(p);
    await p.synced;
    p.doc.transact(() => {
      p.doc.getText(articleFields.headline).insert(0, "Ferry fares rise again");
      p.doc.getText(articleFields.standfirst).insert(0, "Operators blame fuel costs.");
      typeBody(p, "Fares go up by a fifth on Monday.");
    });
    const row = await rowSoon(collab, article.id, (r) => r.title === "Ferry fares rise again");
    expect(row).toMatchObject({ standfirst: "Operators blame fuel costs.", word_count: 8 });
    expect(row.content_hash).toBe(projectArticle(p.doc).contentHash);
    expect(row.updated_at > before!.updated_at).toBe(true);

    // An empty headline leaves the title as it was; a change nobody sees leaves the time of the last change.
    p.doc.getText(articleFields.headline).delete(0, p.doc.getText(articleFields.headline).length);
    await rowSoon(collab, article.id, (r) => r.content_hash !== row.content_hash);
    const untitled = await findArticleRow(collab.db, article.id);
    expect(untitled!.title).toBe("Ferry fares rise again");
    p.doc.getText(articleFields.headline).insert(0, "Ferry fares rise again");
    const back = await rowSoon(collab, article.id, (r) => r.content_hash === row.content_hash);
    const paragraph = p.doc.getXmlFragment(articleFields.body).get(0) as Y.XmlElement;
    // Typed and taken back in one change: the content is what it was.
    p.doc.transact(() => {
      (paragraph.get(0) as Y.XmlText).insert(0, "x");
      (paragraph.get(0) as Y.XmlText).delete(0, 1);
    });
    await collab.collab.idle();
    expect((await findArticleRow(collab.db, article.id))!.updated_at).toBe(back.updated_at);
  });

  it("an edit from a websocket client makes the approvals stale: the approved article goes back to review", async () => {
    const reviewer = await insertUser(collab.db, { role: "reviewer", name: "Rae Reviewer" });
    const article = await insertArticle(collab.db, writer, { title: "Tram fares" });
    const p = connectProvider(collab.url, article.id, { token: tokenFor(writer) });
    open.push(p);
    await p.synced;
    typeBody(p, "Fares stay the same.");
    await stored(collab, article.id, "Fares stay the same.");
    await runWorkflowAction(collab.db, writer, { articleId: article.id, action: "submit", reviewers: [reviewer.email] });
    await runWorkflowAction(collab.db, reviewer, { articleId: article.id, action: "approve" });
    expect((await findArticleRow(collab.db, article.id))!.status).toBe("approved");

    // Writers may still edit approved copy; doing so withdraws the approval's force.
    ((p.doc.getXmlFragment(articleFields.body).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, "All ");
    const row = await rowSoon(collab, article.id, (r) => r.status === "in_review");
    const review = await loadReview(collab.db, article.id, row.content_hash);
    expect(review.signoffs[0]!.approval).toMatchObject({ decision: "approved", stale: true });
    expect(await refusal(runWorkflowAction(collab.db, await insertUser(collab.db, { role: "editor" }), { articleId: article.id, action: "publish" }))).toMatchObject({ status: 409 });
  });

  it("a projection never replaces one made from later stored updates", async () => {
    const article = await insertArticle(collab.db, writer, { title: "Harbour" });
    const doc = new Y.Doc();
    doc.getText(articleFields.headline).insert(0, "Later headline");
    expect(await saveProjection(collab.db, article.id, projectArticle(doc), 50, "2026-12-01T10:00:00.000Z")).toBe(true);
    const older = new Y.Doc();
    older.getText(articleFields.headline).insert(0, "Earlier headline");
    expect(await saveProjection(collab.db, article.id, projectArticle(older), 40, "2026-12-01T10:00:01.000Z")).toBe(false);
    expect(await findArticleRow(collab.db, article.id)).toMatchObject({ title: "Later headline", projected_through: 50, updated_at: "2026-12-01T10:00:00.000Z" });
  });
});

describe.each(storeKinds)("automatic versions on %s", (kind) => {
  let collab: TestCollab;
  let writer: User;
  const open: TestProvider[] = [];
  beforeAll(async () => {
    collab = await startCollab({ kind, limits: { versionIdleMs: 400, versionMaxMs: 60_000 } });
    writer = await insertUser(collab.db, { role: "writer", name: "Wes Writer" });
  });
  afterAll(async () => {
    for (const p of open.splice(0)) p.destroy();
    await collab?.close();
  });

  it("come once nobody has edited for the idle time, naming who edited, and not again for unchanged text", async () => {
    const article = await insertArticle(collab.db, writer, { title: "Draft" });
    const p = connectProvider(collab.url, article.id, { token: tokenFor(writer) });
    open.push(p);
    await p.synced;
    p.doc.getText(articleFields.headline).insert(0, "Bridge closes for a year");
    const versions = () => listVersions(collab.db, article.id);
    const deadline = Date.now() + 5000;
    while ((await versions()).length === 0) {
      if (Date.now() > deadline) throw new Error("no automatic version was made");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const [first] = await versions();
    expect(first).toMatchObject({ number: 1, kind: "auto", createdBy: null, added: 5, contributors: [{ id: writer.id, name: "Wes Writer" }] });
    expect(first!.contentHash).toBe(projectArticle(p.doc).contentHash);

    // Typed and taken back: the content is the same, so no second version.
    p.doc.transact(() => {
      p.doc.getText(articleFields.headline).insert(0, "x");
      p.doc.getText(articleFields.headline).delete(0, 1);
    });
    await new Promise((resolve) => setTimeout(resolve, 2600));
    await collab.collab.idle();
    expect((await versions()).map((v) => v.number)).toEqual([1]);
  });
});

describe.each(storeKinds)("restoring a version on %s", (kind) => {
  let collab: TestCollab;
  let writer: User;
  const open: TestProvider[] = [];
  beforeAll(async () => {
    collab = await startCollab({ kind });
    writer = await insertUser(collab.db, { role: "writer", name: "Rosa Restorer" });
  });
  afterAll(async () => {
    for (const p of open.splice(0)) p.destroy();
    await collab?.close();
  });

  it("reaches a connected stock provider as an ordinary update, keeps a comment on surviving text, and makes a restored version", async () => {
    const article = await insertArticle(collab.db, writer, { title: "Tides" });
    const p = connectProvider(collab.url, article.id, { token: tokenFor(writer) });
    open.push(p);
    await p.synced;
    p.doc.getText(articleFields.headline).insert(0, "High tide at noon");
    typeBody(p, "Boats stay in the harbour until the evening.");
    await stored(collab, article.id, "Boats stay in the harbour");
    const { version: first } = await makeVersion(collab.db, article.id, { kind: "named", name: "before the rewrite", createdBy: writer.id });

    // A comment on words that the restore keeps, then edits that it takes back.
    const paragraph = p.doc.getXmlFragment(articleFields.body).get(0) as Y.XmlElement;
    const text = paragraph.get(0) as Y.XmlText;
    const anchor = {
      start: encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(text, 0, 0)),
      end: encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(text, "Boats".length, -1)),
    };
    p.doc.getText(articleFields.headline).delete(0, "High tide".length);
    p.doc.getText(articleFields.headline).insert(0, "Low tide");
    text.insert(text.length, " Ferries run.");
    await stored(collab, article.id, "Ferries run.");
    const comment = await createComment(collab.db, writer, { articleId: article.id, body: "Which boats?", anchor });

    const restored = await restoreVersion(collab.db, writer, { articleId: article.id, versionId: first.id });
    expect(restored).toMatchObject({ number: 2, kind: "restored", createdBy: { id: writer.id, name: "Rosa Restorer" } });
    await waitFor(() => p.doc.getText(articleFields.headline).toString() === "High tide at noon", "the restore to reach the open editor");
    expect(text.toString()).toBe("Boats stay in the harbour until the evening.");
    expect(projectArticle(p.doc).contentHash).toBe(first.content_hash);
    const [thread] = (await listThreads(collab.db, article.id)).filter((t) => t.id === comment.id);
    expect(thread!.anchor).toEqual({ state: "attached", text: "Boats" });
    expect(await findArticleRow(collab.db, article.id)).toMatchObject({ title: "High tide at noon", content_hash: first.content_hash });
  });

  it("answers 409 for an article whose status does not allow editing, and 403 for who may not edit", async () => {
    const article = await insertArticle(collab.db, writer, { title: "Archived" });
    const { version } = await makeVersion(collab.db, article.id, { kind: "named", name: "v1" });
    await collab.db.updateTable("articles").set({ status: "published" }).where("id", "=", article.id).execute();
    expect(await refusal(restoreVersion(collab.db, writer, { articleId: article.id, versionId: version.id }))).toMatchObject({ status: 409 });
    const reviewer = await insertUser(collab.db, { role: "reviewer" });
    await collab.db.updateTable("articles").set({ status: "in_review" }).where("id", "=", article.id).execute();
    expect(await refusal(restoreVersion(collab.db, reviewer, { articleId: article.id, versionId: version.id }))).toMatchObject({ status: 403 });
  });
});
