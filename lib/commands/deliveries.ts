import { recordAudit } from "../audit";
import { findArticleAccess } from "../articles";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { publishEvent } from "../events";
import { authorize } from "../policy";
import { toActor, type User } from "../users";
import { listDeliveries, retryDeliveryNow, type Delivery } from "../webhooks";

/** "Retry now" on a webhook delivery that has not gone through: the desk only; whichever instance is free sends it. */
export async function retryDelivery(db: Db, user: User, input: { articleId: string; deliveryId: string }): Promise<Delivery> {
  const access = await findArticleAccess(db, input.articleId, user.id);
  if (!access) throw new AppError("not_found", "No article has this id.");
  authorize(toActor(user), "article:deliveries", access);
  await retryDeliveryNow(db, input.articleId, input.deliveryId);
  await recordAudit(db, { id: user.id, name: user.name }, { action: "webhook.retry", targetType: "article", targetId: input.articleId, after: { deliveryId: input.deliveryId } });
  await publishEvent({ type: "webhook.queued", articleId: input.articleId });
  return (await listDeliveries(db, input.articleId)).find((d) => d.id === input.deliveryId)!;
}
