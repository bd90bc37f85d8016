import { recordAudit, systemActor } from "../audit";
import type { Db } from "../db/client";
import { publishEvent } from "../events";
import { loadReview } from "./review";

/**
 * After the article's content changed (its projection's hash moved): an
 * approved article whose approvals no longer all hold this content goes
 * back to review. Called by whichever instance stored the change; the
 * conditional update makes it happen once even when two race.
 * Answers whether the status dropped.
 */
export async function dropStaleApprovals(db: Db, articleId: string): Promise<boolean> {
  const article = await db.selectFrom("articles").select(["status", "content_hash"]).where("id", "=", articleId).executeTakeFirst();
  if (article?.status !== "approved") return false;
  const review = await loadReview(db, articleId, article.content_hash);
  if (review.isSatisfied) return false;
  const dropped = await db.transaction().execute(async (tx) => {
    const result = await tx.updateTable("articles").set({ status: "in_review" }).where("id", "=", articleId).where("status", "=", "approved").executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await recordAudit(tx, systemActor, {
      action: "workflow.stale",
      targetType: "article",
      targetId: articleId,
      before: { status: "approved" },
      after: { status: "in_review", contentHash: article.content_hash },
    });
    return true;
  });
  if (dropped) await publishEvent({ type: "article.changed", articleId });
  return dropped;
}
