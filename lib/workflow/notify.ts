import type { DbOrTx } from "../db/client";
import type { NotificationKind } from "../db/schema";
import { newId, nowIso } from "../ids";

/** Everyone who owes one of the article's sign-offs: the people named, and the members of the desks named. */
export async function signoffOwers(db: DbOrTx, articleId: string): Promise<string[]> {
  const [people, deskMembers] = await Promise.all([
    db.selectFrom("review_signoffs").select("user_id").where("article_id", "=", articleId).where("user_id", "is not", null).execute(),
    db
      .selectFrom("review_signoffs")
      .innerJoin("desk_members", "desk_members.desk_id", "review_signoffs.desk_id")
      .select("desk_members.user_id")
      .where("review_signoffs.article_id", "=", articleId)
      .execute(),
  ]);
  return [...new Set([...people.map((p) => p.user_id!), ...deskMembers.map((m) => m.user_id)])];
}

/** The article's owner and co-authors. */
export async function authorsOf(db: DbOrTx, articleId: string): Promise<string[]> {
  const [article, members] = await Promise.all([
    db.selectFrom("articles").select("owner_id").where("id", "=", articleId).executeTakeFirst(),
    db.selectFrom("article_members").select("user_id").where("article_id", "=", articleId).where("role", "=", "author").execute(),
  ]);
  return [...new Set([...(article ? [article.owner_id] : []), ...members.map((m) => m.user_id)])];
}

/**
 * Puts a review notification in each recipient's inbox (never the actor's
 * own); call it in the step's transaction. Answers who was notified, for the
 * live "notification.created" events sent after the commit.
 */
export async function notifyReview(
  db: DbOrTx,
  input: { articleId: string; kind: Exclude<NotificationKind, "mention">; actorId: string; recipients: string[]; note?: string | null },
): Promise<string[]> {
  const recipients = [...new Set(input.recipients)].filter((id) => id !== input.actorId);
  const now = nowIso();
  for (const userId of recipients) {
    await db
      .insertInto("notifications")
      .values({ id: newId(), user_id: userId, kind: input.kind, article_id: input.articleId, comment_id: null, actor_id: input.actorId, created_at: now, read_at: null, note: input.note ?? null })
      .execute();
  }
  return recipients;
}
