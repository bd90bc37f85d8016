import type { DbOrTx } from "../db/client";
import { isCurrentApproval, loadReview } from "./review";

/**
 * The articles in review that wait for this person: they owe one of the
 * sign-offs (named, or on a desk that is) and it holds no approval of the
 * content as it is now. "Waiting for me" on the dashboard.
 */
export async function articlesWaitingFor(db: DbOrTx, userId: string): Promise<string[]> {
  const owed = await db
    .selectFrom("review_signoffs")
    .innerJoin("articles", "articles.id", "review_signoffs.article_id")
    .leftJoin("desk_members", (join) => join.onRef("desk_members.desk_id", "=", "review_signoffs.desk_id").on("desk_members.user_id", "=", userId))
    .select(["review_signoffs.id", "review_signoffs.article_id", "articles.content_hash"])
    .where("articles.status", "=", "in_review")
    .where((eb) => eb.or([eb("review_signoffs.user_id", "=", userId), eb("desk_members.user_id", "is not", null)]))
    .execute();
  const waiting: string[] = [];
  for (const articleId of new Set(owed.map((row) => row.article_id))) {
    const rows = owed.filter((row) => row.article_id === articleId);
    const review = await loadReview(db, articleId, rows[0]!.content_hash);
    const mine = new Set(rows.map((row) => row.id));
    if (review.signoffs.some((s) => mine.has(s.id) && !isCurrentApproval(s.approval, rows[0]!.content_hash))) waiting.push(articleId);
  }
  return waiting;
}
