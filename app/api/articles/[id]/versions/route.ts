import { findArticleAccess } from "@/lib/articles";
import { saveVersion } from "@/lib/commands/save-version";
import { AppError } from "@/lib/errors";
import { authorize } from "@/lib/policy";
import { toActor } from "@/lib/users";
import { listVersions } from "@/lib/versions";
import { apiRoute, json, readJson } from "../../../_lib/route";
import { presentVersion } from "../../../_lib/presenters";

// GET /api/articles/:id/versions – the article's versions, newest first
export const GET = apiRoute<{ id: string }>(async ({ user, db, params }) => {
  const access = await findArticleAccess(db, params.id, user.id);
  if (!access) throw new AppError("not_found", "No article has this id.");
  authorize(toActor(user), "article:view", access);
  return json({ versions: (await listVersions(db, params.id)).map(presentVersion) });
});

// POST /api/articles/:id/versions – keep the article as it is now under a name: { "name" }
export const POST = apiRoute<{ id: string }>(async ({ request, user, db, params }) => {
  const body = await readJson(request, { maxBytes: 4096 });
  const name = typeof body === "object" && body !== null && "name" in body ? body.name : undefined;
  const version = await saveVersion(db, user, { articleId: params.id, name });
  return json({ version: presentVersion(version) }, { status: 201 });
});
