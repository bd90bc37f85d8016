import { z } from "zod";
import { findArticleAccess } from "../articles";
import { findComment, listUsersWhoMayView, parseMentionIds, toCommentAccess, type CommentRecord } from "../comments";
import type { DbOrTx } from "../db/client";
import { AppError } from "../errors";
import { publishEvent } from "../events";
import { newId, nowIso } from "../ids";
import { authorizeComment, type ArticleAccess, type CommentAction } from "../policy";
import { toActor, type User } from "../users";

/** Long enough for a real note on the copy, short enough to stay a comment. */
export const maxCommentLength = 5000;

export const commentBodyInput = z
  .string({ message: "Write the comment's text in body." })
  .trim()
  .min(1, "A comment cannot be empty.")
  .max(maxCommentLength, `A comment may be at most ${maxCommentLength} characters; shorten it or split it in two.`);

/** A passage's start and end as base64 Yjs relative positions (sent by the editor). */
export const anchorInput = z.object({
  start: z.string({ message: "anchor.start must be a base64 relative position." }).min(1).max(512),
  end: z.string({ message: "anchor.end must be a base64 relative position." }).min(1).max(512),
});

/** The comment and its article as lib/policy needs them, or 404; then the rule, or 401/403. */
export async function authorizeOnComment(
  db: DbOrTx,
  user: User,
  action: CommentAction,
  commentId: string,
): Promise<{ comment: CommentRecord; access: ArticleAccess }> {
  const comment = await findComment(db, commentId);
  const access = comment && (await findArticleAccess(db, comment.articleId, user.id));
  if (!comment || !access) throw new AppError("not_found", "No comment has this id.");
  authorizeComment(toActor(user), action, toCommentAccess(comment), access);
  return { comment, access };
}

let lastTimestamp = "";

/** nowIso, but strictly increasing within this process, so comments keep the order they were written in. */
export function commentTimestamp(): string {
  let now = nowIso();
  if (now <= lastTimestamp) now = new Date(Date.parse(lastTimestamp) + 1).toISOString();
  lastTimestamp = now;
  return now;
}

/**
 * Notifies the users mentioned in `body` who may view the article, except
 * the author and anyone already notified about this comment. Runs inside the
 * comment's transaction; answers who was notified, for the events.
 */
export async function notifyMentions(
  tx: DbOrTx,
  author: User,
  comment: { id: string; articleId: string; body: string },
): Promise<string[]> {
  const ids = parseMentionIds(comment.body).filter((id) => id !== author.id);
  if (ids.length === 0) return [];
  const viewers = await listUsersWhoMayView(tx, comment.articleId, { ids });
  const already = await tx
    .selectFrom("notifications")
    .select("user_id")
    .where("comment_id", "=", comment.id)
    .execute();
  const notified = new Set(already.map((row) => row.user_id));
  const recipients = viewers.map((u) => u.id).filter((id) => !notified.has(id));
  const now = nowIso();
  for (const userId of recipients) {
    await tx
      .insertInto("notifications")
      .values({
        id: newId(),
        user_id: userId,
        kind: "mention",
        article_id: comment.articleId,
        comment_id: comment.id,
        actor_id: author.id,
        created_at: now,
        read_at: null,
      })
      .execute();
  }
  return recipients;
}

/** After the commit: the article's open connections refetch the thread, the mentioned refresh their inbox. */
export async function publishCommentChange(comment: CommentRecord, notifiedUserIds: string[] = []): Promise<void> {
  await publishEvent({
    type: "comment.changed",
    articleId: comment.articleId,
    commentId: comment.id,
    threadId: comment.threadId ?? comment.id,
  });
  for (const userId of notifiedUserIds) await publishEvent({ type: "notification.created", userId });
}
