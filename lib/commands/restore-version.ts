import { recordAudit } from "../audit";
import { findArticleAccess } from "../articles";
import type { Db } from "../db/client";
import { loadDocument } from "../docs";
import { AppError } from "../errors";
import { can } from "../policy";
import { toActor, type User } from "../users";
import { storeServerChange } from "./server-change";
import {
  findVersion,
  makeVersion,
  restoreChange,
  summarizeVersion,
  versionDocument,
  type ArticleProjection,
  type VersionSummary,
} from "../versions";

/**
 * Makes the article say again what one of its versions says: a new change,
 * made by the server and stored like any edit, that everyone editing sees
 * arrive (the collab servers read it from the store and send it on), with a
 * `restored` version and an audit entry. History is never rewritten.
 * 403 for who may not edit the article; 409 when its status does not allow
 * editing now (published, archived).
 */
export async function restoreVersion(db: Db, user: User, input: { articleId: string; versionId: string }): Promise<VersionSummary> {
  const access = await findArticleAccess(db, input.articleId, user.id);
  if (!access) throw new AppError("not_found", "No article has this id.");
  const actor = toActor(user);
  if (!can(actor, "article:edit", access)) {
    // They could edit a draft: it is the article's state that says no now.
    if (can(actor, "article:edit", { ...access, status: "draft" })) {
      throw new AppError("conflict", `A ${access.status.replace("_", " ")} article cannot be changed; a version can be restored while it may be edited.`);
    }
    throw new AppError("forbidden", "You may not change this article's text.");
  }
  const version = await findVersion(db, input.articleId, input.versionId);
  if (!version) throw new AppError("not_found", "This article has no version with this id.", "versionId");

  const current = await loadDocument(db, input.articleId);
  const target = versionDocument(version);
  try {
    const change = restoreChange(current, target);
    let projection: ArticleProjection | undefined;
    if (change) projection = await storeServerChange(db, input.articleId, current, change);
    const { version: restored } = await makeVersion(db, input.articleId, { kind: "restored", createdBy: user.id, doc: current, projection });
    await recordAudit(db, { id: user.id, name: user.name }, {
      action: "version.restore",
      targetType: "article",
      targetId: input.articleId,
      after: { from: version.number, version: restored.number, changed: change !== null },
    });
    return summarizeVersion(db, restored);
  } finally {
    current.destroy();
    target.destroy();
  }
}
