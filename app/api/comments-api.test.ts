import { beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { encodeAnchorPosition } from "@/lib/comments";
import { seedNewsroom, type Newsroom } from "@/lib/testing/newsroom";
import { apiRequest as request, bearer, noParams, setupRouteStore, withId } from "@/lib/testing/routes";
import { storeKinds } from "@/lib/testing/stores";
import type { User } from "@/lib/users";
import { GET as listComments, POST as postComment } from "./articles/[id]/comments/route";
import { GET as mentionable } from "./articles/[id]/members/mentionable/route";
import { POST as reopen } from "./comments/[id]/reopen/route";
import { POST as resolve } from "./comments/[id]/resolve/route";
import { DELETE as deleteComment, GET as getThread, PATCH as patchComment } from "./comments/[id]/route";
import { POST as markRead } from "./notifications/read/route";
import { GET as inbox } from "./notifications/route";

const as = (user: User, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { ...bearer(user), "content-type": "application/json" },
});
const sendJson = (user: User, method: string, body: unknown) =>
  as(user, { method, body: typeof body === "string" ? body : JSON.stringify(body) });

describe.each(storeKinds)("comments API on %s", (kind) => {
  const store = setupRouteStore(kind);
  let writer: User, reviewer: User, editor: User, outsider: User;
  let article: Newsroom["article"];
  beforeAll(async () => {
    ({ writer, reviewer, editor, outsider, article } = await seedNewsroom(store.db));
  });

  const post = (user: User, body: unknown) =>
    postComment(request(`/api/articles/${article.id}/comments`, sendJson(user, "POST", body)), withId(article.id));
  const list = async (user: User) =>
    (await listComments(request(`/api/articles/${article.id}/comments`, as(user)), withId(article.id))).json();

  it("a reviewer comments with a bearer token; the thread is listed in the documented shape", async () => {
    const response = await post(reviewer, { body: "Is £4m the right figure?", quote: "£4m" });
    expect(response.status).toBe(201);
    const { comment } = await response.json();
    expect(response.headers.get("location")).toBe(`/api/comments/${comment.id}`);
    expect(comment).toMatchObject({ body: "Is £4m the right figure?", author: { id: reviewer.id, name: "Rae Reviewer" } });
    const { threads } = await list(writer);
    const thread = threads.find((t: { id: string }) => t.id === comment.id);
    expect(Object.keys(thread).sort()).toEqual(
      ["allowedActions", "anchor", "author", "body", "createdAt", "deleted", "editedAt", "id", "position", "quote", "replies", "resolved", "resolvedAt", "resolvedBy"].sort(),
    );
    expect(thread).toMatchObject({ quote: "£4m", anchor: { state: "none", text: "" }, resolved: false, deleted: false, replies: [] });
    // What each caller may do comes with the thread, so the sidebar shows only those buttons.
    expect(thread.allowedActions).toEqual(["comment:resolve"]);
    expect(comment.allowedActions).toEqual(["comment:edit", "comment:delete", "comment:resolve"]);
    const asEditor = (await list(editor)).threads.find((t: { id: string }) => t.id === comment.id);
    expect(asEditor.allowedActions).toEqual(["comment:delete", "comment:resolve"]);
  });

  it("replies, edits, deletes, resolves and reopens through the API", async () => {
    const { comment: root } = await (await post(writer, { body: "Trim the intro?" })).json();
    const replyResponse = await post(reviewer, { body: "Yes", parentId: root.id });
    const { comment: reply } = await replyResponse.json();
    expect(reply).toMatchObject({ threadId: root.id, body: "Yes", deleted: false });

    const patched = await patchComment(request(`/api/comments/${reply.id}`, sendJson(reviewer, "PATCH", { body: "Yes, by half" })), withId(reply.id));
    expect(patched.status).toBe(200);
    expect((await patched.json()).comment).toMatchObject({ body: "Yes, by half", editedAt: expect.any(String) });
    const notAuthor = await patchComment(request(`/api/comments/${reply.id}`, sendJson(editor, "PATCH", { body: "No" })), withId(reply.id));
    expect(notAuthor.status).toBe(403);
    expect(await notAuthor.json()).toEqual({ error: "forbidden", message: "Only its author can edit a comment." });
    // {"anchor"} moves a thread's passage (lib/commands/comments.test.ts); this thread has none to move.
    const somewhere = encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(new Y.Doc().getText("t"), 0));
    const noPassage = await patchComment(
      request(`/api/comments/${root.id}`, sendJson(editor, "PATCH", { anchor: { start: somewhere, end: somewhere } })),
      withId(root.id),
    );
    expect(noPassage.status).toBe(400);
    expect(await noPassage.json()).toMatchObject({ error: "bad_request", field: "anchor" });

    const deleted = await deleteComment(request(`/api/comments/${reply.id}`, as(editor, { method: "DELETE" })), withId(reply.id));
    expect(deleted.status).toBe(200);
    const resolved = await resolve(request(`/api/comments/${root.id}/resolve`, as(reviewer, { method: "POST" })), withId(root.id));
    expect((await resolved.json()).thread).toMatchObject({ resolved: true, resolvedBy: { id: reviewer.id, name: "Rae Reviewer" } });
    const thread = await (await getThread(request(`/api/comments/${reply.id}`, as(writer)), withId(reply.id))).json();
    expect(thread.thread).toMatchObject({ id: root.id, resolved: true, replies: [{ id: reply.id, deleted: true, body: "" }] });
    const reopened = await reopen(request(`/api/comments/${root.id}/reopen`, as(writer, { method: "POST" })), withId(root.id));
    expect((await reopened.json()).thread).toMatchObject({ resolved: false, resolvedBy: null });
  });

  it("answers 400 naming the field, 413 for an oversized request, 401, 403 and 404 as JSON", async () => {
    const empty = await post(writer, { body: "  " });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({ error: "bad_request", message: "A comment cannot be empty.", field: "body" });
    const long = await post(writer, { body: "x".repeat(5001) });
    expect(long.status).toBe(400);
    expect(await long.json()).toMatchObject({ field: "body", message: expect.stringContaining("at most 5000 characters") });
    const huge = await post(writer, { body: "x".repeat(70_000) });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: "payload_too_large" });
    const badParent = await post(writer, { body: "hi", parentId: "nope" });
    expect(await badParent.json()).toMatchObject({ error: "bad_request", field: "parentId" });
    const badAnchor = await post(writer, { body: "hi", anchor: { start: 3, end: "AA==" } });
    expect(await badAnchor.json()).toMatchObject({ error: "bad_request", field: "anchor.start" });

    const anonymous = await listComments(request(`/api/articles/${article.id}/comments`), withId(article.id));
    expect(anonymous.status).toBe(401);
    expect((await post(outsider, { body: "let me in" })).status).toBe(403);
    expect((await listComments(request("/api/articles/nope/comments", as(writer)), withId("nope"))).status).toBe(404);
    expect((await deleteComment(request("/api/comments/nope", as(writer, { method: "DELETE" })), withId("nope"))).status).toBe(404);
  });

  it("a mention reaches the mentioned user's inbox, who marks it read", async () => {
    const { comment } = await (await post(reviewer, { body: `@[Eve Editor](${editor.id}) and @[Olly](${outsider.id}), see this` })).json();
    const { notifications, unread } = await (await inbox(request("/api/notifications", as(editor)), noParams)).json();
    expect(unread).toBe(1);
    expect(notifications[0]).toMatchObject({
      kind: "mention",
      article: { id: article.id, title: "Harbour fire" },
      commentId: comment.id,
      threadId: comment.id,
      actor: { id: reviewer.id, name: "Rae Reviewer" },
      read: false,
    });
    expect((await (await inbox(request("/api/notifications", as(outsider)), noParams)).json()).unread).toBe(0);
    const marked = await markRead(request("/api/notifications/read", as(editor, { method: "POST" })), noParams);
    expect(await marked.json()).toEqual({ marked: 1, unread: 0 });
    const badIds = await markRead(request("/api/notifications/read", sendJson(editor, "POST", { ids: "all" })), noParams);
    expect(await badIds.json()).toMatchObject({ error: "bad_request", field: "ids" });
  });

  it("offers for mention only people who may view the article, matching name or email", async () => {
    const answer = async (q: string) =>
      (await (await mentionable(request(`/api/articles/${article.id}/members/mentionable?q=${q}`, as(writer)), withId(article.id))).json())
        .users.map((u: { id: string }) => u.id);
    expect(await answer("")).toEqual(expect.arrayContaining([writer.id, reviewer.id, editor.id]));
    expect(await answer("")).not.toContain(outsider.id);
    expect(await answer("rae")).toEqual([reviewer.id]);
    expect(await answer("olly")).toEqual([]);
  });
});
