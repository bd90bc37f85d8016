import type { Db } from "../db/client";
import { appendUpdates, articleFields, loadDocument } from "../docs";
import { nowIso } from "../ids";
import { projectArticle, saveProjection } from "../versions";

/** Stores a new headline for the article and projects it onto the article row, as the collab server does after a commit. */
export async function storeHeadline(db: Db, articleId: string, headline: string): Promise<void> {
  const doc = await loadDocument(db, articleId);
  try {
    let update: Uint8Array | null = null;
    doc.on("update", (u: Uint8Array) => (update = u));
    const text = doc.getText(articleFields.headline);
    doc.transact(() => {
      text.delete(0, text.length);
      text.insert(0, headline);
    });
    const ids = await appendUpdates(db, [{ articleId, data: update! }]);
    await saveProjection(db, articleId, projectArticle(doc), ids.get(articleId)!.at(-1)!, nowIso());
  } finally {
    doc.destroy();
  }
}
