import { findArticleAccess, findArticleSummary, listArticleMembers } from "@/lib/articles";
import { AppError } from "@/lib/errors";
import { allowedArticleActions, authorize } from "@/lib/policy";
import { toActor } from "@/lib/users";
import { apiRoute, json } from "../../_lib/route";
import { presentArticle, presentMember } from "../../_lib/presenters";

// GET /api/articles/:id – one article, its members and what the caller may do with it
export const GET = apiRoute<{ id: string }>(async ({ user, db, params }) => {
  const access = await findArticleAccess(db, params.id, user.id);
  if (!access) throw new AppError("not_found", "No article has this id.");
  const actor = toActor(user);
  authorize(actor, "article:view", access);
  const [article, members] = await Promise.all([findArticleSummary(db, params.id), listArticleMembers(db, params.id)]);
  if (!article) throw new AppError("not_found", "No article has this id.");
  return json({
    article: presentArticle(article),
    members: members.map(presentMember),
    allowedActions: allowedArticleActions(actor, access),
  });
});
