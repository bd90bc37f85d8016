import { countUnreadNotifications } from "@/lib/comments";
import { markNotificationsRead } from "@/lib/commands/mark-notifications-read";
import { apiRoute, json, readJson } from "../../_lib/route";

// POST /api/notifications/read – mark some ({"ids": [...]}) or all (no ids) of the caller's notifications read
export const POST = apiRoute(async ({ request, user, db }) => {
  const body = await readJson(request, { emptyAs: {} });
  const marked = await markNotificationsRead(db, user, body);
  return json({ marked, unread: await countUnreadNotifications(db, user.id) });
});
