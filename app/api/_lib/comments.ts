import { findArticleAccess } from "@/lib/articles";
import { findThread, presentReply, type CommentRecord, type Viewer } from "@/lib/comments";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { toActor, type User } from "@/lib/users";

/** Comment bodies are at most 5000 characters; a request this large is not a comment. */
export const maxCommentRequestBytes = 64 * 1024;

/** The caller and the article as lib/policy sees them, so each view lists what the caller may do. */
export async function viewerOf(db: Db, user: User, articleId: string): Promise<Viewer> {
  const access = await findArticleAccess(db, articleId, user.id);
  if (!access) throw new AppError("not_found", "No article has this id.");
  return { actor: toActor(user), article: access };
}

/** A root as its whole thread (with where its passage is now), a reply as a reply. */
export async function presentComment(db: Db, user: User, comment: CommentRecord) {
  const viewer = await viewerOf(db, user, comment.articleId);
  if (comment.threadId !== null) return presentReply(comment, viewer);
  return (await findThread(db, comment.id, viewer))!;
}
