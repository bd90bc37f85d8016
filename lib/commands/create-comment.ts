import { z } from "zod";
import { findArticleAccess } from "../articles";
import { recordAudit } from "../audit";
import { createAnchorResolver, decodeAnchorPosition, findComment, keepValidMentions, type CommentRecord } from "../comments";
import type { Db } from "../db/client";
import { loadDocument } from "../docs";
import { AppError } from "../errors";
import { newId } from "../ids";
import { authorize } from "../policy";
import { toActor, type User } from "../users";
import { anchorInput, commentBodyInput, commentTimestamp, notifyMentions, publishCommentChange } from "./comment-support";
import { parseInput } from "./users";

const maxQuoteLength = 1000;

export const createCommentInput = z.object({
  articleId: z.string().min(1, "Article id is required."),
  body: commentBodyInput,
  /** The passage's text when the comment was made; taken from the document when omitted. */
  quote: z.string().max(maxQuoteLength, `The quote may be at most ${maxQuoteLength} characters.`).optional(),
  anchor: anchorInput.optional(),
  /** Replying: the comment answered (a reply to a reply joins the same thread). */
  parentId: z.string().min(1).optional(),
});
export type CreateCommentInput = z.input<typeof createCommentInput>;

/**
 * Adds a thread on a passage (or on the whole article without an anchor) or a
 * reply to one. Needs "article:comment" only, never edit rights. The author
 * and time come from the session; mentions are kept only of users who may
 * view the article, and those are notified.
 */
export async function createComment(db: Db, user: User, raw: unknown): Promise<CommentRecord> {
  const input = parseInput(createCommentInput, raw);
  if (input.anchor) {
    decodeAnchorPosition(input.anchor.start, "anchor.start");
    decodeAnchorPosition(input.anchor.end, "anchor.end");
  }
  const access = await findArticleAccess(db, input.articleId, user.id);
  if (!access) throw new AppError("not_found", "No article has this id.");
  authorize(toActor(user), "article:comment", access);

  let threadId: string | null = null;
  if (input.parentId) {
    const parent = await findComment(db, input.parentId);
    if (!parent || parent.articleId !== input.articleId) {
      throw new AppError("bad_request", "The comment replied to is not on this article.", "parentId");
    }
    if (input.anchor || input.quote !== undefined) {
      throw new AppError("bad_request", "A reply belongs to its thread's passage; send no anchor or quote.", "anchor");
    }
    threadId = parent.threadId ?? parent.id;
  }
  const quote = input.quote ?? (input.anchor ? await quoteFromDocument(db, input.articleId, input.anchor) : null);
  const body = await keepValidMentions(db, input.articleId, input.body);

  const id = newId();
  const row = {
    id,
    article_id: input.articleId,
    thread_id: threadId,
    author_id: user.id,
    body,
    quote: quote || null,
    anchor_start: input.anchor?.start ?? null,
    anchor_end: input.anchor?.end ?? null,
    resolved_at: null,
    resolved_by: null,
    edited_at: null,
    deleted_at: null,
    created_at: commentTimestamp(),
  };
  const notified = await db.transaction().execute(async (tx) => {
    await tx.insertInto("comments").values(row).execute();
    await recordAudit(tx, { id: user.id, name: user.name }, {
      action: threadId ? "comment.reply" : "comment.create",
      targetType: "article",
      targetId: input.articleId,
      after: { commentId: id, threadId: threadId ?? id, body },
    });
    return notifyMentions(tx, user, { id, articleId: input.articleId, body });
  });
  const created = (await findComment(db, id))!;
  await publishCommentChange(created, notified);
  return created;
}

/**
 * The passage's text in the stored document. Empty when the client's
 * latest keystrokes are not stored yet: the anchor still works, only the
 * fallback quote is missing.
 */
async function quoteFromDocument(db: Db, articleId: string, anchor: { start: string; end: string }): Promise<string> {
  const doc = await loadDocument(db, articleId);
  try {
    const view = createAnchorResolver(doc)(anchor);
    return view.state === "attached" ? view.text.slice(0, maxQuoteLength) : "";
  } finally {
    doc.destroy();
  }
}
