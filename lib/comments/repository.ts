import type { DbOrTx } from "../db/client";
import type { CommentRow } from "../db/schema";
import type { CommentAccess } from "../policy";
import type { StoredAnchor } from "./anchors";

export interface PersonRef {
  id: string;
  name: string;
}

/** One comment as read from the store, with the names the presenters need. */
export interface CommentRecord {
  id: string;
  articleId: string;
  /** null for a thread's root. */
  threadId: string | null;
  author: PersonRef;
  body: string;
  quote: string | null;
  anchor: StoredAnchor | null;
  resolvedAt: string | null;
  resolvedBy: PersonRef | null;
  editedAt: string | null;
  deletedAt: string | null;
  createdAt: string;
}

function selectComments(db: DbOrTx) {
  return db
    .selectFrom("comments")
    .innerJoin("users as author", "author.id", "comments.author_id")
    .leftJoin("users as resolver", "resolver.id", "comments.resolved_by")
    .selectAll("comments")
    .select(["author.name as author_name", "resolver.name as resolver_name"]);
}

type JoinedRow = CommentRow & { author_name: string; resolver_name: string | null };

function toRecord(row: JoinedRow): CommentRecord {
  return {
    id: row.id,
    articleId: row.article_id,
    threadId: row.thread_id,
    author: { id: row.author_id, name: row.author_name },
    body: row.body,
    quote: row.quote,
    anchor: row.anchor_start && row.anchor_end ? { start: row.anchor_start, end: row.anchor_end } : null,
    resolvedAt: row.resolved_at,
    resolvedBy: row.resolved_by ? { id: row.resolved_by, name: row.resolver_name ?? "" } : null,
    editedAt: row.edited_at,
    deletedAt: row.deleted_at,
    createdAt: row.created_at,
  };
}

export async function findComment(db: DbOrTx, id: string): Promise<CommentRecord | undefined> {
  const row = await selectComments(db).where("comments.id", "=", id).executeTakeFirst();
  return row && toRecord(row);
}

/** Every comment of an article (or of one thread), oldest first: roots and replies together. */
export async function listComments(
  db: DbOrTx,
  articleId: string,
  options: { threadId?: string } = {},
): Promise<CommentRecord[]> {
  let query = selectComments(db).where("comments.article_id", "=", articleId);
  if (options.threadId) {
    const threadId = options.threadId;
    query = query.where((eb) => eb.or([eb("comments.id", "=", threadId), eb("comments.thread_id", "=", threadId)]));
  }
  const rows = await query.orderBy("comments.created_at").orderBy("comments.id").execute();
  return rows.map(toRecord);
}

/** The comment as lib/policy sees it. */
export const toCommentAccess = (comment: CommentRecord): CommentAccess => ({
  id: comment.id,
  authorId: comment.author.id,
  isRoot: comment.threadId === null,
  isDeleted: comment.deletedAt !== null,
});
