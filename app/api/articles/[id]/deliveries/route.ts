import { findArticleAccess } from "@/lib/articles";
import { AppError } from "@/lib/errors";
import { authorize } from "@/lib/policy";
import { toActor } from "@/lib/users";
import { listDeliveries } from "@/lib/webhooks";
import { apiRoute, json } from "../../../_lib/route";

// GET /api/articles/:id/deliveries – the publish webhook's deliveries of this article, newest first (the desk)
export const GET = apiRoute<{ id: string }>(async ({ user, db, params }) => {
  const access = await findArticleAccess(db, params.id, user.id);
  if (!access) throw new AppError("not_found", "No article has this id.");
  authorize(toActor(user), "article:deliveries", access);
  return json({ deliveries: await listDeliveries(db, params.id) });
});
