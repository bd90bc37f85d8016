import { findArticleAccess, findArticleSummary, listArticleMembers } from "@/lib/articles";
import { setWordTarget } from "@/lib/commands/set-word-target";
import { AppError } from "@/lib/errors";
import { allowedArticleActions, authorize } from "@/lib/policy";
import { toActor } from "@/lib/users";
import { latestVersion } from "@/lib/versions";
import { apiRoute, json, readJson } from "../../_lib/route";
import { presentArticleDetail, presentMember } from "../../_lib/presenters";

// GET /api/articles/:id – one article, its members and what the caller may do with it
export const GET = apiRoute<{ id: string }>(async ({ user, db, params }) => {
  const access = await findArticleAccess(db, params.id, user.id);
  if (!access) throw new AppError("not_found", "No article has this id.");
  const actor = toActor(user);
  authorize(actor, "article:view", access);
  const [article, members, current] = await Promise.all([
    findArticleSummary(db, params.id),
    listArticleMembers(db, params.id),
    latestVersion(db, params.id),
  ]);
  if (!article) throw new AppError("not_found", "No article has this id.");
  return json({
    article: { ...presentArticleDetail(article), currentVersion: current ? { id: current.id, number: current.number } : null },
    members: members.map(presentMember),
    allowedActions: allowedArticleActions(actor, access),
  });
});

// PATCH /api/articles/:id – change the article's settings: { "wordTarget": number | null }
export const PATCH = apiRoute<{ id: string }>(async ({ request, user, db, params }) => {
  const body = await readJson(request, { maxBytes: 4096 });
  if (typeof body !== "object" || body === null || Array.isArray(body) || !("wordTarget" in body)) {
    throw new AppError("bad_request", 'Send { "wordTarget": <words from 1 to 20,000> } or { "wordTarget": null }.', "wordTarget");
  }
  const changed = await setWordTarget(db, user, { articleId: params.id, wordTarget: body.wordTarget });
  return json({ article: { id: changed.articleId, wordTarget: changed.wordTarget } });
});
