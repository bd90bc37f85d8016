import type * as Y from "yjs";
import { findArticleAccess } from "@/lib/articles";
import { loadDocument } from "@/lib/docs";
import { AppError } from "@/lib/errors";
import { authorize } from "@/lib/policy";
import { toActor } from "@/lib/users";
import { compareDocuments, findVersion, projectArticle, summarizeVersion, versionDocument, versionJson } from "@/lib/versions";
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

  const fromRow = await findVersion(db, params.id, fromId);
  if (!fromRow) throw new AppError("not_found", "This article has no version with the id in from.", "from");
  const toRow = toId === "current" ? null : await findVersion(db, params.id, toId);
  if (toId !== "current" && !toRow) throw new AppError("not_found", "This article has no version with the id in to.", "to");

  const docs: Y.Doc[] = [];
  try {
    const from = versionDocument(fromRow);
    docs.push(from);
    const to = toRow ? versionDocument(toRow) : await loadDocument(db, params.id);
    docs.push(to);
    const comparison = compareDocuments(from, to);
    return json({
      from: versionJson(await summarizeVersion(db, fromRow)),
      to: toRow ? versionJson(await summarizeVersion(db, toRow)) : { id: "current", contentHash: projectArticle(to).contentHash },
      ...comparison,
    });
  } finally {
    for (const doc of docs) doc.destroy();
  }
});
