import { recordAudit } from "../audit";
import { findComment, type CommentRecord } from "../comments";
import type { Db } from "../db/client";
import { nowIso } from "../ids";
import type { User } from "../users";
import { authorizeOnComment, publishCommentChange } from "./comment-support";

/**
 * Soft-deletes a comment: its words are gone from every view, its place in
 * the thread stays ("deleted"), and a root with replies stays as a
 * placeholder. Authors delete their own; editors and admins any.
 */
export async function deleteComment(db: Db, user: User, commentId: string): Promise<CommentRecord> {
  await db.transaction().execute(async (tx) => {
    const { comment } = await authorizeOnComment(tx, user, "comment:delete", commentId);
    await tx.updateTable("comments").set({ deleted_at: nowIso() }).where("id", "=", comment.id).execute();
    await recordAudit(tx, { id: user.id, name: user.name }, {
      action: "comment.delete",
      targetType: "article",
      targetId: comment.articleId,
      before: { commentId: comment.id, author: comment.author.name, body: comment.body },
    });
  });
  const deleted = (await findComment(db, commentId))!;
  await publishCommentChange(deleted);
  return deleted;
}
