import { restoreVersion } from "@/lib/commands/restore-version";
import { versionJson } from "@/lib/versions";
import { apiRoute, json } from "../../../../../_lib/route";

// POST /api/articles/:id/versions/:versionId/restore – make the article say what that version says, as a new change
export const POST = apiRoute<{ id: string; versionId: string }>(async ({ user, db, params }) => {
  const version = await restoreVersion(db, user, { articleId: params.id, versionId: params.versionId });
  return json({ version: versionJson(version) });
});
