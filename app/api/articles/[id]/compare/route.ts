import { findArticleAccess } from "@/lib/articles";
import { AppError } from "@/lib/errors";
import { authorize } from "@/lib/policy";
import { toActor } from "@/lib/users";
import { compareStates, projectArticle, summarizeVersion, versionJson } from "@/lib/versions";
import { apiRoute, json } from "../../../_lib/route";

// GET /api/articles/:id/compare?from=<versionId>&to=<versionId|current> – what changed between two states
export const GET = apiRoute<{ id: string }>(async ({ request, user, db, params }) => {
  const search = new URL(request.url).searchParams;
  const fromId = search.get("from");
  const toId = search.get("to") ?? "current";
  if (!fromId) throw new AppError("bad_request", "Name the version to compare from: ?from=<versionId>.", "from");
  const access = await findArticleAccess(db, params.id, user.id);
  if (!access) throw new AppError("not_found", "No article has this id.");
  authorize(toActor(user), "article:view", access);

  let currentHash = "";
  const result = await compareStates(db, params.id, fromId, toId, { read: (to) => (currentHash = projectArticle(to).contentHash) });
  if (result === "from") throw new AppError("not_found", "This article has no version with the id in from.", "from");
  if (result === "to") throw new AppError("not_found", "This article has no version with the id in to.", "to");
  return json({
    from: versionJson(await summarizeVersion(db, result.from)),
    to: result.to ? versionJson(await summarizeVersion(db, result.to)) : { id: "current", contentHash: currentHash },
    ...result.comparison,
  });
});
