import { findArticleAccess } from "@/lib/articles";
import { listUsersWhoMayView } from "@/lib/comments";
import { AppError } from "@/lib/errors";
import { authorize } from "@/lib/policy";
import { toActor } from "@/lib/users";
import { apiRoute, json } from "../../../../_lib/route";

// GET /api/articles/:id/members/mentionable?q= – people a comment here may @mention (they may view the article)
export const GET = apiRoute<{ id: string }>(async ({ request, user, db, params }) => {
  const access = await findArticleAccess(db, params.id, user.id);
  if (!access) throw new AppError("not_found", "No article has this id.");
  authorize(toActor(user), "article:comment", access);
  const query = new URL(request.url).searchParams.get("q") ?? "";
  if (query.length > 100) throw new AppError("bad_request", "The search is too long.", "q");
  const users = await listUsersWhoMayView(db, params.id, { query, limit: 20 });
  return json({ users: users.map(({ id, name, email }) => ({ id, name, email })) });
});
