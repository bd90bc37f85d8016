import { listThreads } from "@/lib/comments";
import { createComment } from "@/lib/commands/create-comment";
import { AppError } from "@/lib/errors";
import { authorize } from "@/lib/policy";
import { maxCommentRequestBytes, presentComment, viewerOf } from "../../../_lib/comments";
import { apiRoute, json, readJson } from "../../../_lib/route";

// GET /api/articles/:id/comments – the article's threads, replies, and where each passage is now
export const GET = apiRoute<{ id: string }>(async ({ user, db, params }) => {
  const viewer = await viewerOf(db, user, params.id);
  authorize(viewer.actor, "article:view", viewer.article);
  return json({ threads: await listThreads(db, params.id, viewer) });
});

// POST /api/articles/:id/comments – open a thread on a passage, or reply with parentId
export const POST = apiRoute<{ id: string }>(async ({ request, user, db, params }) => {
  const body = await readJson(request, { maxBytes: maxCommentRequestBytes });
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new AppError("bad_request", "Send a JSON object with the comment's body.");
  }
  const comment = await createComment(db, user, { ...body, articleId: params.id });
  return json(
    { comment: await presentComment(db, user, comment) },
    { status: 201, headers: { location: `/api/comments/${comment.id}` } },
  );
});
