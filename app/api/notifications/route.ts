import { countUnreadNotifications, listNotifications } from "@/lib/comments";
import { apiRoute, json } from "../_lib/route";

// GET /api/notifications – the caller's inbox, newest first, and how many are unread
export const GET = apiRoute(async ({ user, db }) => {
  const [notifications, unread] = await Promise.all([
    listNotifications(db, user.id),
    countUnreadNotifications(db, user.id),
  ]);
  return json({ notifications, unread });
});
