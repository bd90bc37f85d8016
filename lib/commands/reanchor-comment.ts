import { z } from "zod";
import { recordAudit } from "../audit";
import { createAnchorResolver, decodeAnchorPosition, findComment, type CommentRecord } from "../comments";
import type { Db } from "../db/client";
import { loadDocument } from "../docs";
import { AppError } from "../errors";
import type { User } from "../users";
import { anchorInput, authorizeOnComment, publishCommentChange } from "./comment-support";
import { parseInput } from "./users";

export const reanchorCommentInput = z.object({
  commentId: z.string().min(1, "Comment id is required."),
  anchor: anchorInput,
});

/**
 * Moves a thread onto new relative positions for the same passage. The
 * editor that merged, split or retyped the passage's paragraph sends them:
 * y-prosemirror rewrote that paragraph's text as new Yjs items, so the old
 * positions point into deleted ones. Anyone who may edit the text or comment
 * on it may, but only onto text that is in the stored document; the body,
 * author and quote stay as they are.
 */
export async function reanchorComment(db: Db, user: User, raw: unknown): Promise<CommentRecord> {
  const input = parseInput(reanchorCommentInput, raw);
  decodeAnchorPosition(input.anchor.start, "anchor.start");
  decodeAnchorPosition(input.anchor.end, "anchor.end");
  const target = await findComment(db, input.commentId);
  if (target && target.threadId !== null) {
    throw new AppError("bad_request", "A reply has no anchor of its own; move its thread's first comment.", "anchor");
  }
  const { comment } = await authorizeOnComment(db, user, "comment:reanchor", input.commentId);
  if (!comment.anchor) throw new AppError("bad_request", "This thread is on the whole article, not on a passage.", "anchor");
  if (comment.anchor.start === input.anchor.start && comment.anchor.end === input.anchor.end) return comment;
  const doc = await loadDocument(db, comment.articleId);
  let view;
  try {
    view = createAnchorResolver(doc)(input.anchor);
  } finally {
    doc.destroy();
  }
  if (view.state !== "attached") {
    // Usually the change that moved the text is not stored yet: the editor waits for "Saved" and asks again.
    throw new AppError("conflict", "The new anchor is not on text in the stored article.", "anchor");
  }

  await db.transaction().execute(async (tx) => {
    await authorizeOnComment(tx, user, "comment:reanchor", comment.id);
    await tx
      .updateTable("comments")
      .set({ anchor_start: input.anchor.start, anchor_end: input.anchor.end })
      .where("id", "=", comment.id)
      .execute();
    await recordAudit(tx, { id: user.id, name: user.name }, {
      action: "comment.reanchor",
      targetType: "article",
      targetId: comment.articleId,
      before: { commentId: comment.id, anchor: comment.anchor },
      after: { commentId: comment.id, anchor: input.anchor, text: view.text.slice(0, 200) },
    });
  });
  const moved = (await findComment(db, comment.id))!;
  await publishCommentChange(moved);
  return moved;
}
