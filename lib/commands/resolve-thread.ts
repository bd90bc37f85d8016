import { recordAudit } from "../audit";
import { findComment, type CommentRecord } from "../comments";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { nowIso } from "../ids";
import type { User } from "../users";
import { authorizeOnComment, publishCommentChange } from "./comment-support";

/** Marks a thread resolved (by its root's id); anyone who may comment on the article may. */
export function resolveThread(db: Db, user: User, threadId: string): Promise<CommentRecord> {
  return setResolved(db, user, threadId, true);
}

/** Opens a resolved thread again. */
export function reopenThread(db: Db, user: User, threadId: string): Promise<CommentRecord> {
  return setResolved(db, user, threadId, false);
}

async function setResolved(db: Db, user: User, threadId: string, isResolved: boolean): Promise<CommentRecord> {
  const root = await findComment(db, threadId);
  if (root && root.threadId !== null) {
    throw new AppError("bad_request", "Resolve a thread by its first comment's id, not a reply's.", "id");
  }
  const isChanged = await db.transaction().execute(async (tx) => {
    const { comment } = await authorizeOnComment(tx, user, "comment:resolve", threadId);
    if ((comment.resolvedAt !== null) === isResolved) return false;
    await tx
      .updateTable("comments")
      .set(isResolved ? { resolved_at: nowIso(), resolved_by: user.id } : { resolved_at: null, resolved_by: null })
      .where("id", "=", comment.id)
      .execute();
    await recordAudit(tx, { id: user.id, name: user.name }, {
      action: isResolved ? "comment.resolve" : "comment.reopen",
      targetType: "article",
      targetId: comment.articleId,
      after: { threadId: comment.id },
    });
    return true;
  });
  const updated = (await findComment(db, threadId))!;
  if (isChanged) await publishCommentChange(updated);
  return updated;
}
