import { describe, expect, it } from "vitest";
import { findArticleAccess, listArticlesForActor } from "../articles";
import { listNotifications } from "../comments";
import { appendUpdates, articleFields, loadDocument } from "../docs";
import { seedNewsroom, type Newsroom } from "../testing/newsroom";
import { storeHeadline } from "../testing/documents";
import { insertUser } from "../testing/factories";
import { detailedRefusal as refusal } from "../testing/refusal";
import { storeKinds } from "../testing/stores";
import { setupSuiteStore } from "../testing/suite";
import { toActor, type User } from "../users";
import { articlesWaitingFor, articleTimeline, dropStaleApprovals, loadReview } from "../workflow";
import { addDeskMember, createDesk } from "./desks";
import { runWorkflowAction } from "./workflow";

describe.each(storeKinds)("review and approval on %s", (kind) => {
  const store = setupSuiteStore(kind);
  /** A change of the headline, stored and projected; then what the collab server's projection hook does. */
  async function edit(articleId: string, headline: string) {
    await storeHeadline(store.db, articleId, headline);
    await dropStaleApprovals(store.db, articleId);
  }

  const step = (user: User, articleId: string, input: Record<string, unknown>) => runWorkflowAction(store.db, user, { articleId, ...input });
  const status = async (articleId: string) => (await store.db.selectFrom("articles").select("status").where("id", "=", articleId).executeTakeFirstOrThrow()).status;
  /** A newsroom with a Legal desk staffed by one reviewer, and a headline in the article. */
  async function newsroomWithLegal(): Promise<Newsroom & { lawyer: User; legal: string }> {
    const people = await seedNewsroom(store.db);
    const lawyer = await insertUser(store.db, { role: "reviewer", name: "Lou Lawyer" });
    const legal = `Legal ${people.article.id}`;
    await createDesk(store.db, "cli", { name: legal });
    await addDeskMember(store.db, "cli", { name: legal, email: lawyer.email });
    await edit(people.article.id, "Fire at the harbour");
    return { ...people, lawyer, legal };
  }

  it("a writer submits naming a reviewer and a desk; each signs off; the article is approved by itself, bound to the version", async () => {
    const { article, writer, reviewer, lawyer, editor, legal } = await newsroomWithLegal();
    await step(writer, article.id, { action: "submit", reviewers: [reviewer.email], desks: [legal.toUpperCase()] });
    expect(await status(article.id)).toBe("in_review");

    await step(reviewer, article.id, { action: "approve", note: "Fine by me." });
    expect(await status(article.id)).toBe("in_review");
    await step(lawyer, article.id, { action: "approve" });
    expect(await status(article.id)).toBe("approved");

    const hash = (await store.db.selectFrom("articles").select("content_hash").where("id", "=", article.id).executeTakeFirstOrThrow()).content_hash;
    const review = await loadReview(store.db, article.id, hash);
    expect(review.signoffs.map((s) => [s.kind, s.name, s.approval?.reviewer.name, s.approval?.decision, s.approval?.stale])).toEqual([
      ["person", reviewer.name, reviewer.name, "approved", false],
      ["desk", legal, lawyer.name, "approved", false],
    ]);
    expect(review.signoffs[0]!.approval!.note).toBe("Fine by me.");
    const version = await store.db.selectFrom("article_versions").select(["kind", "content_hash"]).where("id", "=", review.signoffs[1]!.approval!.versionId).executeTakeFirstOrThrow();
    expect(version.content_hash).toBe(hash);
    expect(["submitted", "approved"]).toContain(version.kind);

    await step(editor, article.id, { action: "publish" });
    expect(await status(article.id)).toBe("published");
    const row = await store.db.selectFrom("articles").select(["published_version_id", "published_by"]).where("id", "=", article.id).executeTakeFirstOrThrow();
    expect(row.published_by).toBe(editor.id);
    const published = await store.db.selectFrom("article_versions").select(["kind", "content_hash"]).where("id", "=", row.published_version_id!).executeTakeFirstOrThrow();
    expect(published).toEqual({ kind: "published", content_hash: hash });
  });

  it("a desk's sign-off is given by any member and by no one else", async () => {
    const { article, writer, lawyer, legal } = await newsroomWithLegal();
    const stranger = await insertUser(store.db, { role: "reviewer" });
    await step(writer, article.id, { action: "submit", desks: [legal] });
    // A reviewer who owes nothing here may read it while it is in review, but not sign it off.
    expect(await refusal(step(stranger, article.id, { action: "approve" }))).toMatchObject({ status: 403 });
    expect(await status(article.id)).toBe("in_review");
    await step(lawyer, article.id, { action: "approve" });
    expect(await status(article.id)).toBe("approved");
  });

  it("a change of content makes approvals stale: back to review, no publishing until approved again", async () => {
    const { article, writer, reviewer, editor } = await newsroomWithLegal();
    await step(writer, article.id, { action: "submit", reviewers: [reviewer.email] });
    await step(reviewer, article.id, { action: "approve" });
    expect(await status(article.id)).toBe("approved");

    await edit(article.id, "Fire at the old harbour");
    expect(await status(article.id)).toBe("in_review");
    const hash = (await store.db.selectFrom("articles").select("content_hash").where("id", "=", article.id).executeTakeFirstOrThrow()).content_hash;
    expect((await loadReview(store.db, article.id, hash)).signoffs[0]!.approval).toMatchObject({ decision: "approved", stale: true });
    expect(await refusal(step(editor, article.id, { action: "publish" }))).toMatchObject({ status: 409, code: "invalid_transition", allowed: ["approve", "request_changes", "archive"] });

    // "Approve again": the reviewer's approval now names the new content.
    await step(reviewer, article.id, { action: "approve" });
    expect(await status(article.id)).toBe("approved");
    expect((await loadReview(store.db, article.id, hash)).signoffs[0]!.approval).toMatchObject({ stale: false });
  });

  it("publishing reads the stored document: an edit the projection has not caught up with still refuses it", async () => {
    const { article, writer, reviewer, editor } = await newsroomWithLegal();
    await step(writer, article.id, { action: "submit", reviewers: [reviewer.email] });
    await step(reviewer, article.id, { action: "approve" });
    // Stored, not yet projected: the article row still says approved.
    const doc = await loadDocument(store.db, article.id);
    let update: Uint8Array | null = null;
    doc.on("update", (u: Uint8Array) => (update = u));
    doc.getText(articleFields.headline).insert(0, "BREAKING: ");
    await appendUpdates(store.db, [{ articleId: article.id, data: update! }]);
    expect(await status(article.id)).toBe("approved");
    expect(await refusal(step(editor, article.id, { action: "publish" }))).toMatchObject({ status: 409, code: "invalid_transition" });
    // Reading it brought the row up to date: the approval is stale, the article back in review.
    expect(await status(article.id)).toBe("in_review");
  });

  it("requesting changes sends it back to the writer with the note; resubmitting keeps the sign-offs", async () => {
    const { article, writer, reviewer } = await newsroomWithLegal();
    await step(writer, article.id, { action: "submit", reviewers: [reviewer.email] });
    await step(reviewer, article.id, { action: "request_changes", note: "Name the source." });
    expect(await status(article.id)).toBe("changes_requested");
    const review = await loadReview(store.db, article.id, null);
    expect(review.signoffs[0]!.approval).toMatchObject({ decision: "changes_requested", note: "Name the source." });

    await edit(article.id, "Fire at the harbour, police say");
    await step(writer, article.id, { action: "submit" });
    expect(await status(article.id)).toBe("in_review");
    expect((await loadReview(store.db, article.id, null)).signoffs).toHaveLength(1);
  });

  it("archive and reopen are the desk's; a step out of turn is 409 with the steps that apply, a step not yours 403", async () => {
    const { article, writer, editor, reviewer } = await newsroomWithLegal();
    expect(await refusal(step(writer, article.id, { action: "publish" }))).toMatchObject({ status: 403 });
    expect(await refusal(step(editor, article.id, { action: "publish" }))).toMatchObject({ status: 409, allowed: ["submit", "archive"] });
    expect(await refusal(step(writer, article.id, { action: "archive" }))).toMatchObject({ status: 403 });
    await step(editor, article.id, { action: "archive" });
    expect(await status(article.id)).toBe("archived");
    expect(await refusal(step(writer, article.id, { action: "submit", reviewers: [reviewer.email] }))).toMatchObject({ status: 409, allowed: [] });
    await step(editor, article.id, { action: "reopen" });
    expect(await status(article.id)).toBe("draft");
    const access = await findArticleAccess(store.db, article.id, reviewer.id);
    expect(access?.owesSignoff).toBe(false);
  });

  it("names the field at fault: an unknown action, reviewers who are unknown or cannot sign, an unknown desk, nobody named", async () => {
    const { article, writer, coauthor } = await newsroomWithLegal();
    expect(await refusal(step(writer, article.id, { action: "publish-now" }))).toMatchObject({ status: 400, field: "action" });
    expect(await refusal(step(writer, article.id, { action: "submit", reviewers: ["nobody@newsroom.test"] }))).toMatchObject({ status: 400, field: "reviewers" });
    expect(await refusal(step(writer, article.id, { action: "submit", reviewers: "rae@newsroom.test" }))).toMatchObject({ status: 400, field: "reviewers" });
    expect(await refusal(step(writer, article.id, { action: "submit", reviewers: [coauthor.email] }))).toMatchObject({ status: 400, field: "reviewers" });
    expect(await refusal(step(writer, article.id, { action: "submit", desks: ["Sports"] }))).toMatchObject({ status: 400, field: "desks" });
    expect(await refusal(step(writer, article.id, { action: "submit" }))).toMatchObject({ status: 400, field: "reviewers" });
    expect(await status(article.id)).toBe("draft");
    // Nothing was kept for the refused submissions.
    expect(await store.db.selectFrom("article_versions").select("id").where("article_id", "=", article.id).where("kind", "=", "submitted").execute()).toEqual([]);
  });

  it("\"Waiting for me\" lists what needs this person's sign-off or their desk's, and reviewers see what they owe in any status", async () => {
    const { article, writer, reviewer, lawyer, legal, editor } = await newsroomWithLegal();
    expect(await articlesWaitingFor(store.db, lawyer.id)).not.toContain(article.id);
    await step(writer, article.id, { action: "submit", reviewers: [reviewer.email], desks: [legal] });
    expect(await articlesWaitingFor(store.db, lawyer.id)).toContain(article.id);
    expect(await articlesWaitingFor(store.db, reviewer.id)).toContain(article.id);
    await step(reviewer, article.id, { action: "approve" });
    expect(await articlesWaitingFor(store.db, reviewer.id)).not.toContain(article.id);
    expect(await articlesWaitingFor(store.db, lawyer.id)).toContain(article.id);
    await step(lawyer, article.id, { action: "approve" });
    expect(await articlesWaitingFor(store.db, lawyer.id)).not.toContain(article.id);
    await step(editor, article.id, { action: "publish" });
    // Published: the desk member who signed it off still finds it in their list.
    const listed = await listArticlesForActor(store.db, toActor(lawyer));
    expect(listed.map((a) => a.id)).toContain(article.id);
    expect((await listArticlesForActor(store.db, toActor(lawyer), { ids: [] })).length).toBe(0);
  });

  it("notifies whoever owes a sign-off when it is asked for, and the authors of a request for changes and of approval", async () => {
    const { article, writer, reviewer, lawyer, legal } = await newsroomWithLegal();
    const inbox = async (user: User) => (await listNotifications(store.db, user.id)).filter((n) => n.article.id === article.id).map((n) => [n.kind, n.actor.id, n.excerpt]);
    await step(writer, article.id, { action: "submit", reviewers: [reviewer.email], desks: [legal], note: "Tight deadline." });
    expect(await inbox(reviewer)).toEqual([["review_requested", writer.id, "Tight deadline."]]);
    expect(await inbox(lawyer)).toEqual([["review_requested", writer.id, "Tight deadline."]]);
    expect(await inbox(writer)).toEqual([]);

    await step(reviewer, article.id, { action: "request_changes", note: "Name the source." });
    expect(await inbox(writer)).toEqual([["changes_requested", reviewer.id, "Name the source."]]);
    await step(writer, article.id, { action: "submit" });
    await step(reviewer, article.id, { action: "approve" });
    await step(lawyer, article.id, { action: "approve" });
    expect((await inbox(writer))[0]).toEqual(["approved", lawyer.id, ""]);
    const [approved] = (await listNotifications(store.db, writer.id)).filter((n) => n.article.id === article.id);
    expect(approved).toMatchObject({ commentId: null, threadId: null });
  });

  it("keeps a timeline of the review, newest first, with notes and the versions each step names", async () => {
    const { article, writer, reviewer, editor, legal, lawyer } = await newsroomWithLegal();
    await step(writer, article.id, { action: "submit", reviewers: [reviewer.email], desks: [legal], note: "Ready." });
    await step(reviewer, article.id, { action: "request_changes", note: "Name the source." });
    await edit(article.id, "Fire at the harbour, police say");
    await step(writer, article.id, { action: "submit" });
    await step(reviewer, article.id, { action: "approve" });
    await step(lawyer, article.id, { action: "approve" });
    await step(editor, article.id, { action: "publish" });
    const timeline = await articleTimeline(store.db, article.id);
    expect(timeline.map((e) => `${e.actor} ${e.text}`)).toEqual([
      expect.stringMatching(new RegExp(`^${editor.name} published version \\d+$`)),
      expect.stringMatching(new RegExp(`^${lawyer.name} approved version \\d+$`)),
      expect.stringMatching(new RegExp(`^${reviewer.name} approved version \\d+$`)),
      expect.stringMatching(new RegExp(`^${writer.name} submitted version \\d+ for review$`)),
      expect.stringMatching(new RegExp(`^${reviewer.name} requested changes to version \\d+$`)),
      expect.stringMatching(new RegExp(`^${writer.name} submitted version \\d+ for review, asking ${reviewer.email} and the ${legal} desk$`)),
    ]);
    expect(timeline[4]!.note).toBe("Name the source.");
    expect(timeline[5]!.note).toBe("Ready.");
    expect(timeline[0]!.version).toEqual({ id: expect.any(String), number: expect.any(Number) });
  });
});
