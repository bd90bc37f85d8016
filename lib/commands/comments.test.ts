import * as Y from "yjs";
import { beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "../audit";
import { countUnreadNotifications, encodeAnchorPosition, listNotifications, listThreads } from "../comments";
import { appendUpdates, articleFields } from "../docs";
import { seedNewsroom, type Newsroom } from "../testing/newsroom";
import { refusal } from "../testing/refusal";
import { storeKinds } from "../testing/stores";
import { recordEvents, setupSuiteStore } from "../testing/suite";
import type { User } from "../users";
import { maxCommentLength } from "./comment-support";
import { createComment } from "./create-comment";
import { deleteComment } from "./delete-comment";
import { editComment } from "./edit-comment";
import { markNotificationsRead } from "./mark-notifications-read";
import { reanchorComment } from "./reanchor-comment";
import { reopenThread, resolveThread } from "./resolve-thread";

const mention = (user: User) => `@[${user.name}](${user.id})`;

describe.each(storeKinds)("comment commands on %s", (kind) => {
  const store = setupSuiteStore(kind);
  let writer: User, otherWriter: User, reviewer: User, editor: User;
  let article: Newsroom["article"];
  beforeAll(async () => {
    ({ writer, outsider: otherWriter, reviewer, editor, article } = await seedNewsroom(store.db));
  });
  const events = recordEvents();

  const threads = () => listThreads(store.db, article.id);
  const say = (user: User, body: string, extra: Record<string, unknown> = {}) =>
    createComment(store.db, user, { articleId: article.id, body, ...extra });

  it("a reviewer comments on an article they may not edit; author and time come from the session", async () => {
    const before = new Date().toISOString();
    const root = await say(reviewer, "  Is the fire chief's name right?  ", { author: { id: editor.id } });
    expect(root).toMatchObject({ body: "Is the fire chief's name right?", author: { id: reviewer.id, name: "Rae Reviewer" } });
    expect(root.createdAt >= before).toBe(true);
    const [thread] = (await threads()).filter((t) => t.id === root.id);
    expect(thread).toMatchObject({ deleted: false, resolved: false, anchor: { state: "none" }, replies: [] });
    expect(events).toContainEqual({ type: "comment.changed", articleId: article.id, commentId: root.id, threadId: root.id });
    const audit = (await listAudit(store.db)).filter((e) => e.action === "comment.create");
    expect(audit[0]).toMatchObject({ actorLabel: "Rae Reviewer", targetId: article.id });
  });

  it("refuses someone who may not see the article, an empty body and one over the limit", async () => {
    expect(await refusal(say(otherWriter, "Let me in"))).toMatchObject({ status: 403 });
    expect(await refusal(say(writer, "   "))).toEqual({ status: 400, message: "A comment cannot be empty.", field: "body" });
    const tooLong = await refusal(say(writer, "x".repeat(maxCommentLength + 1)));
    expect(tooLong).toMatchObject({ status: 400, field: "body" });
    expect(tooLong.message).toContain("at most 5000 characters");
    expect(await refusal(say(writer, "x", { anchor: { start: "not base64!", end: "AAAA" } }))).toMatchObject({
      status: 400,
      field: "anchor.start",
    });
  });

  it("only the author edits; the editor deletes anyone's; a deleted reply stays in the thread as deleted", async () => {
    const root = await say(writer, "Check the quote in par 3");
    const reply = await say(reviewer, "Checked, it's fine", { parentId: root.id });
    const replyToReply = await say(writer, "Thanks", { parentId: reply.id });
    expect(replyToReply.threadId).toBe(root.id);

    expect(await refusal(editComment(store.db, writer, { commentId: reply.id, body: "hijacked" }))).toMatchObject({
      status: 403,
      message: "Only its author can edit a comment.",
    });
    expect(await refusal(editComment(store.db, editor, { commentId: reply.id, body: "hijacked" }))).toMatchObject({ status: 403 });
    const edited = await editComment(store.db, reviewer, { commentId: reply.id, body: "Checked twice, fine" });
    expect(edited.editedAt).not.toBeNull();
    expect(await refusal(deleteComment(store.db, writer, reply.id))).toMatchObject({ status: 403 });

    await deleteComment(store.db, editor, reply.id);
    const thread = (await threads()).find((t) => t.id === root.id)!;
    expect(thread.replies.map((r) => [r.id, r.deleted, r.body])).toEqual([
      [reply.id, true, ""],
      [replyToReply.id, false, "Thanks"],
    ]);
    expect(await refusal(editComment(store.db, reviewer, { commentId: reply.id, body: "back" }))).toMatchObject({ status: 409 });
  });

  it("a deleted root with replies stays as a placeholder; without replies it is gone", async () => {
    const root = await say(writer, "Headline too long?");
    await say(editor, "Yes, trim it", { parentId: root.id });
    const lonely = await say(writer, "Typo in standfirst");
    await deleteComment(store.db, writer, root.id);
    await deleteComment(store.db, writer, lonely.id);
    const all = await threads();
    expect(all.find((t) => t.id === root.id)).toMatchObject({ deleted: true, body: "", replies: [{ body: "Yes, trim it" }] });
    expect(all.find((t) => t.id === lonely.id)).toBeUndefined();
  });

  it("resolves and reopens a thread; a reply's id is not a thread", async () => {
    const root = await say(reviewer, "Source for the figure?");
    const reply = await say(writer, "Added", { parentId: root.id });
    const resolved = await resolveThread(store.db, writer, root.id);
    expect(resolved.resolvedBy).toEqual({ id: writer.id, name: "Wes Writer" });
    expect((await threads()).find((t) => t.id === root.id)).toMatchObject({ resolved: true, resolvedBy: { id: writer.id } });
    await reopenThread(store.db, reviewer, root.id);
    expect((await threads()).find((t) => t.id === root.id)).toMatchObject({ resolved: false, resolvedAt: null, resolvedBy: null });
    expect(await refusal(resolveThread(store.db, writer, reply.id))).toMatchObject({ status: 400, field: "id" });
    expect(await refusal(resolveThread(store.db, otherWriter, root.id))).toMatchObject({
      status: 403,
      message: "You do not have access to this article.",
    });
  });

  it("a mention notifies a user who may view the article, never one who may not, nor the author", async () => {
    const root = await say(reviewer, `${mention(editor)} ${mention(otherWriter)} ${mention(reviewer)} please look`);
    expect(events.filter((e) => e.type === "notification.created")).toEqual([{ type: "notification.created", userId: editor.id }]);
    expect(await countUnreadNotifications(store.db, otherWriter.id)).toBe(0);
    expect(await countUnreadNotifications(store.db, reviewer.id)).toBe(0);
    const [notification] = await listNotifications(store.db, editor.id);
    expect(notification).toMatchObject({
      kind: "mention",
      article: { id: article.id, title: "Harbour fire" },
      threadId: root.id,
      actor: { id: reviewer.id, name: "Rae Reviewer" },
      read: false,
    });

    // Editing: only someone newly mentioned hears about it.
    await editComment(store.db, reviewer, { commentId: root.id, body: `${mention(editor)} ${mention(writer)} please look` });
    expect(await countUnreadNotifications(store.db, editor.id)).toBe(1);
    expect(await countUnreadNotifications(store.db, writer.id)).toBe(1);

    expect(await markNotificationsRead(store.db, writer, { ids: [notification!.id] })).toBe(0);
    expect(await markNotificationsRead(store.db, editor, {})).toBe(1);
    expect(await countUnreadNotifications(store.db, editor.id)).toBe(0);
    expect((await listNotifications(store.db, editor.id))[0]!.read).toBe(true);
  });

  it("keeps a mention only of someone who may see the article, under their real name; any other is stored as plain text", async () => {
    const forged = `@[Fake Admin](nonexistentid) ${mention(otherWriter)} @[The Boss](${editor.id}) see par 2`;
    const root = await say(reviewer, forged);
    expect(root.body).toBe(`@Fake Admin @${otherWriter.name} ${mention(editor)} see par 2`);
    const [stored] = (await threads()).filter((t) => t.id === root.id);
    expect(stored!.body).toBe(root.body);

    const edited = await editComment(store.db, reviewer, { commentId: root.id, body: `@[Ghost](zzzzzzzzzzzz) ${mention(writer)}` });
    expect(edited.body).toBe(`@Ghost ${mention(writer)}`);
  });

  it("a thread on a passage reports its current text, then 'deleted' with its quote once the passage is gone", async () => {
    const doc = new Y.Doc();
    const paragraph = new Y.XmlElement("paragraph");
    const text = new Y.XmlText("The fire started at dawn near the pier.");
    paragraph.insert(0, [text]);
    doc.getXmlFragment(articleFields.body).insert(0, [paragraph]);
    const from = text.toString().indexOf("at dawn");
    const anchor = {
      start: encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(text, from, 0)),
      end: encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(text, from + "at dawn".length, -1)),
    };
    await appendUpdates(store.db, [{ articleId: article.id, data: Y.encodeStateAsUpdate(doc) }]);
    const root = await say(reviewer, "Dawn or dusk?", { anchor });
    expect(root.quote).toBe("at dawn");

    let vector = Y.encodeStateVector(doc);
    text.insert(from + 3, "early ");
    await appendUpdates(store.db, [{ articleId: article.id, data: Y.encodeStateAsUpdate(doc, vector) }]);
    expect((await threads()).find((t) => t.id === root.id)!.anchor).toEqual({ state: "attached", text: "at early dawn" });

    vector = Y.encodeStateVector(doc);
    text.delete(from - 1, "at early dawn".length + 1);
    await appendUpdates(store.db, [{ articleId: article.id, data: Y.encodeStateAsUpdate(doc, vector) }]);
    expect((await threads()).find((t) => t.id === root.id)).toMatchObject({
      quote: "at dawn",
      anchor: { state: "deleted", text: "" },
    });
  });

  it("a thread whose paragraph was merged into the one above is moved onto the same words, by anyone in the article", async () => {
    const doc = new Y.Doc();
    const [first, second] = ["Smoke was seen first.", "The fire started at dawn."].map((words) => {
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText(words)]);
      return paragraph;
    });
    const body = doc.getXmlFragment(articleFields.body);
    body.insert(body.length, [first!, second!]);
    const anchorIn = (text: Y.XmlText, words: string) => {
      const from = text.toString().indexOf(words);
      return {
        start: encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(text, from, 0)),
        end: encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(text, from + words.length, -1)),
      };
    };
    const stored = anchorIn(second!.get(0) as Y.XmlText, "fire started");
    await appendUpdates(store.db, [{ articleId: article.id, data: Y.encodeStateAsUpdate(doc) }]);
    const root = await say(writer, "Which fire?", { anchor: stored });
    const reply = await say(editor, "The second one", { parentId: root.id });

    // What y-prosemirror writes for Backspace at the paragraph's start: its text anew in the first, the paragraph gone.
    const vector = Y.encodeStateVector(doc);
    const merged = first!.get(0) as Y.XmlText;
    doc.transact(() => {
      merged.insert(merged.length, "The fire started at dawn.");
      body.delete(body.toArray().indexOf(second!), 1);
    });
    const moved = anchorIn(merged, "fire started");
    const early = await refusal(reanchorComment(store.db, reviewer, { commentId: root.id, anchor: moved }));
    expect(early).toMatchObject({ status: 409, field: "anchor" });

    await appendUpdates(store.db, [{ articleId: article.id, data: Y.encodeStateAsUpdate(doc, vector) }]);
    expect((await threads()).find((t) => t.id === root.id)!.anchor.state).toBe("deleted");
    events.length = 0;
    // The reviewer cannot change the text but may keep a colleague's thread on it.
    const result = await reanchorComment(store.db, reviewer, { commentId: root.id, anchor: moved });
    expect(result).toMatchObject({ body: "Which fire?", author: { id: writer.id }, quote: "fire started", editedAt: null, anchor: moved });
    expect((await threads()).find((t) => t.id === root.id)).toMatchObject({
      anchor: { state: "attached", text: "fire started" },
      position: moved,
    });
    expect(events).toContainEqual(expect.objectContaining({ type: "comment.changed", threadId: root.id }));
    expect((await listAudit(store.db)).filter((e) => e.action === "comment.reanchor")).toHaveLength(1);

    expect(await refusal(reanchorComment(store.db, reviewer, { commentId: reply.id, anchor: moved }))).toMatchObject({
      status: 400,
      field: "anchor",
    });
    expect(await refusal(reanchorComment(store.db, otherWriter, { commentId: root.id, anchor: stored }))).toMatchObject({
      status: 403,
    });
    // Onto text that is gone: refused, the thread stays where it is.
    expect(await refusal(reanchorComment(store.db, writer, { commentId: root.id, anchor: stored }))).toMatchObject({
      status: 409,
    });
    expect(await refusal(reanchorComment(store.db, writer, { commentId: root.id, anchor: { start: "??", end: moved.end } }))).toMatchObject({
      status: 400,
      field: "anchor.start",
    });
  });
});
