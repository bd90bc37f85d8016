import * as Y from "yjs";
import type { Db } from "../db/client";
import { appendUpdates } from "../docs";
import { publishEvent } from "../events";
import { nowIso } from "../ids";
import { projectArticle, saveProjection, type ArticleProjection } from "../versions";
import { dropStaleApprovals } from "../workflow";

/**
 * A change the server makes to an article's text (a version restored, a
 * suggestion accepted or rejected): stored like anyone's edit, then the
 * collab servers hear of it and send it to everyone editing, and the
 * article row follows (approvals of other content go stale). `current` is
 * the document the change was made against; it holds the change afterwards.
 */
export async function storeServerChange(db: Db, articleId: string, current: Y.Doc, change: Uint8Array): Promise<ArticleProjection> {
  const ids = await appendUpdates(db, [{ articleId, data: change }]);
  // Colleagues first: their collab servers read the change from the store while the rest is written.
  await publishEvent({ type: "document.stored", articleId });
  Y.applyUpdate(current, change);
  const projection = projectArticle(current);
  if (await saveProjection(db, articleId, projection, ids.get(articleId)?.at(-1) ?? 0, nowIso())) {
    await dropStaleApprovals(db, articleId);
  }
  return projection;
}
