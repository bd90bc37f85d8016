import { retryDelivery } from "@/lib/commands/deliveries";
import { apiRoute, json } from "../../../../../_lib/route";

// POST /api/articles/:id/deliveries/:deliveryId/retry – "Retry now": a failing delivery is attempted at once (the desk)
export const POST = apiRoute<{ id: string; deliveryId: string }>(async ({ user, db, params }) => {
  const delivery = await retryDelivery(db, user, { articleId: params.id, deliveryId: params.deliveryId });
  return json({ delivery });
});
