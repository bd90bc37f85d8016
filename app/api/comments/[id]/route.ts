import { findComment, findThread, type CommentRecord } from "@/lib/comments";
import { deleteComment } from "@/lib/commands/delete-comment";
import { editComment } from "@/lib/commands/edit-comment";
import { reanchorComment } from "@/lib/commands/reanchor-comment";
import { AppError } from "@/lib/errors";
import { authorize } from "@/lib/policy";
import { maxCommentRequestBytes, presentComment, viewerOf } from "../../_lib/comments";
import { apiRoute, json, readJson } from "../../_lib/route";

// GET /api/comments/:id – the thread holding this comment (what a client refetches on a live event)
export const GET = apiRoute<{ id: string }>(async ({ user, db, params }) => {
  const comment = await findComment(db, params.id);
  if (!comment) throw new AppError("not_found", "No comment has this id.");
  const viewer = await viewerOf(db, user, comment.articleId);
  authorize(viewer.actor, "article:view", viewer.article);
  return json({ thread: await findThread(db, comment.id, viewer) });
});

// PATCH /api/comments/:id – change your comment's text ({"body"}) and/or move a thread's anchor ({"anchor"})
export const PATCH = apiRoute<{ id: string }>(async ({ request, user, db, params }) => {
  const body = await readJson(request, { maxBytes: maxCommentRequestBytes });
  const fields = typeof body === "object" && body !== null ? (body as { body?: unknown; anchor?: unknown }) : {};
  let comment: CommentRecord | undefined;
  // The anchor is the editor following the passage (anyone in the article); the body is only ever the author's.
  if (fields.anchor !== undefined) comment = await reanchorComment(db, user, { commentId: params.id, anchor: fields.anchor });
  if (fields.body !== undefined || !comment) comment = await editComment(db, user, { commentId: params.id, body: fields.body });
  return json({ comment: await presentComment(db, user, comment) });
});

// DELETE /api/comments/:id – delete a comment (its place in the thread stays, marked deleted)
export const DELETE = apiRoute<{ id: string }>(async ({ user, db, params }) => {
  const comment = await deleteComment(db, user, params.id);
  return json({ comment: await presentComment(db, user, comment) });
});
