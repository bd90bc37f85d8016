import type { DbOrTx } from "../db/client";
import type { NotificationKind } from "../db/schema";
import type { PersonRef } from "./repository";

/** One inbox entry: who mentioned the user (or asked for their sign-off, or decided), where, and what to open. */
export interface NotificationView {
  id: string;
  kind: NotificationKind;
  article: { id: string; title: string };
  /** The comment of a mention; null for review notifications. */
  commentId: string | null;
  /** The thread's root: the UI opens this thread (mentions only). */
  threadId: string | null;
  /** The comment's text (empty once it is deleted), or the review note. */
  excerpt: string;
  actor: PersonRef;
  createdAt: string;
  read: boolean;
}

const excerptLength = 200;

/** Newest first. */
export async function listNotifications(
  db: DbOrTx,
  userId: string,
  options: { limit?: number } = {},
): Promise<NotificationView[]> {
  const rows = await db
    .selectFrom("notifications")
    .innerJoin("articles", "articles.id", "notifications.article_id")
    .leftJoin("comments", "comments.id", "notifications.comment_id")
    .innerJoin("users as actor", "actor.id", "notifications.actor_id")
    .select([
      "notifications.id",
      "notifications.kind",
      "notifications.article_id",
      "notifications.comment_id",
      "notifications.created_at",
      "notifications.read_at",
      "notifications.note",
      "articles.title",
      "comments.thread_id",
      "comments.body",
      "comments.deleted_at",
      "actor.id as actor_id",
      "actor.name as actor_name",
    ])
    .where("notifications.user_id", "=", userId)
    .orderBy("notifications.created_at", "desc")
    .orderBy("notifications.id", "desc")
    .limit(options.limit ?? 100)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    article: { id: row.article_id, title: row.title },
    commentId: row.comment_id,
    threadId: row.comment_id === null ? null : (row.thread_id ?? row.comment_id),
    excerpt: row.comment_id === null ? (row.note ?? "").slice(0, excerptLength) : row.deleted_at ? "" : (row.body ?? "").slice(0, excerptLength),
    actor: { id: row.actor_id, name: row.actor_name },
    createdAt: row.created_at,
    read: row.read_at !== null,
  }));
}

export async function countUnreadNotifications(db: DbOrTx, userId: string): Promise<number> {
  const row = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
