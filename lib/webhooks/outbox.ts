import type { DbOrTx } from "../db/client";
import type { DeliveryState, WebhookEvent } from "../db/schema";
import { AppError } from "../errors";
import { nowIso } from "../ids";

/** A delivery as the API and the article's Review card show it. */
export interface Delivery {
  id: string;
  event: WebhookEvent;
  state: DeliveryState;
  attempts: number;
  lastError: string | null;
  lastStatus: number | null;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
  versionId: string;
  version: number;
}

/** Queues a delivery; call it inside the transaction that publishes, so there is never one without the other. */
export async function enqueueDelivery(tx: DbOrTx, row: { id: string; articleId: string; versionId: string; event: WebhookEvent; payload: string }): Promise<void> {
  const now = nowIso();
  await tx
    .insertInto("webhook_deliveries")
    .values({
      id: row.id,
      article_id: row.articleId,
      version_id: row.versionId,
      event: row.event,
      payload: row.payload,
      state: "pending",
      attempts: 0,
      next_attempt_at: now,
      claimed_until: null,
      last_error: null,
      last_status: null,
      created_at: now,
      delivered_at: null,
    })
    .execute();
}

/** The article's deliveries, newest first. */
export async function listDeliveries(db: DbOrTx, articleId: string): Promise<Delivery[]> {
  const rows = await db
    .selectFrom("webhook_deliveries")
    .innerJoin("article_versions", "article_versions.id", "webhook_deliveries.version_id")
    .select([
      "webhook_deliveries.id",
      "webhook_deliveries.event",
      "webhook_deliveries.state",
      "webhook_deliveries.attempts",
      "webhook_deliveries.last_error",
      "webhook_deliveries.last_status",
      "webhook_deliveries.next_attempt_at",
      "webhook_deliveries.created_at",
      "webhook_deliveries.delivered_at",
      "webhook_deliveries.version_id",
      "article_versions.number",
    ])
    .where("webhook_deliveries.article_id", "=", articleId)
    .orderBy("webhook_deliveries.created_at", "desc")
    .orderBy("webhook_deliveries.id", "desc")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    event: row.event,
    state: row.state,
    attempts: row.attempts,
    lastError: row.last_error,
    lastStatus: row.last_status,
    nextAttemptAt: row.state === "delivered" ? null : row.next_attempt_at,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
    versionId: row.version_id,
    version: row.number,
  }));
}

/** "Retry now": a delivery not yet delivered is due at once (its attempts so far are kept). */
export async function retryDeliveryNow(db: DbOrTx, articleId: string, deliveryId: string): Promise<void> {
  const row = await db.selectFrom("webhook_deliveries").select("state").where("id", "=", deliveryId).where("article_id", "=", articleId).executeTakeFirst();
  if (!row) throw new AppError("not_found", "This article has no delivery with this id.", "deliveryId");
  if (row.state === "delivered") throw new AppError("conflict", "This delivery has been delivered already.");
  await db.updateTable("webhook_deliveries").set({ next_attempt_at: nowIso() }).where("id", "=", deliveryId).execute();
}
