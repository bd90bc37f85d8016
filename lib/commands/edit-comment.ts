import { z } from "zod";
import { recordAudit } from "../audit";
import { findComment, keepValidMentions, type CommentRecord } from "../comments";
import type { Db } from "../db/client";
import { nowIso } from "../ids";
import type { User } from "../users";
import { authorizeOnComment, commentBodyInput, notifyMentions, publishCommentChange } from "./comment-support";
import { parseInput } from "./users";

export const editCommentInput = z.object({
  commentId: z.string().min(1, "Comment id is required."),
  body: commentBodyInput,
});

/** Changes a comment's text; only its author may. Newly mentioned users are notified, others not again. */
export async function editComment(db: Db, user: User, raw: unknown): Promise<CommentRecord> {
  const input = parseInput(editCommentInput, raw);
  const notified = await db.transaction().execute(async (tx) => {
    const { comment } = await authorizeOnComment(tx, user, "comment:edit", input.commentId);
    const body = await keepValidMentions(tx, comment.articleId, input.body);
    if (comment.body === body) return [];
    await tx
      .updateTable("comments")
      .set({ body, edited_at: nowIso() })
      .where("id", "=", comment.id)
      .execute();
    await recordAudit(tx, { id: user.id, name: user.name }, {
      action: "comment.edit",
      targetType: "article",
      targetId: comment.articleId,
      before: { commentId: comment.id, body: comment.body },
      after: { commentId: comment.id, body },
    });
    return notifyMentions(tx, user, { id: comment.id, articleId: comment.articleId, body });
  });
  const edited = (await findComment(db, input.commentId))!;
  await publishCommentChange(edited, notified);
  return edited;
}
