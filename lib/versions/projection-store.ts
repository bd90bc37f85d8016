import type * as Y from "yjs";
import { maxTitleLength } from "../articles";
import type { Db, DbOrTx } from "../db/client";
import { loadDocument } from "../docs";
import { nowIso } from "../ids";
import { projectArticle, type ArticleProjection } from "./projection";

/**
 * Writes an article's projection, unless the row already reflects later
 * stored updates (another instance projected after more of them): rows only
 * move forward. The title follows a non-empty headline; `updated_at` moves
 * only when the content hash changes. Answers whether the content changed.
 */
export async function saveProjection(
  db: DbOrTx,
  articleId: string,
  projection: ArticleProjection,
  throughId: number,
  at: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("articles")
    .select(["content_hash", "projected_through"])
    .where("id", "=", articleId)
    .executeTakeFirst();
  if (!row || row.projected_through >= throughId) return false;
  const isChanged = row.content_hash !== projection.contentHash;
  await db
    .updateTable("articles")
    .set({
      ...(projection.headline ? { title: projection.headline.slice(0, maxTitleLength) } : {}),
      standfirst: projection.standfirst,
      word_count: projection.words,
      content_hash: projection.contentHash,
      projected_through: throughId,
      ...(isChanged ? { updated_at: at } : {}),
    })
    .where("id", "=", articleId)
    // The guard again, in the write: whichever instance got further wins, whatever the order of the two.
    .where("projected_through", "<", throughId)
    .execute();
  return isChanged;
}

/**
 * The stored document, read now, with the article row brought up to it:
 * a workflow step (an approval, a publication) binds exactly this content,
 * and the row must say the same at once, not after the projector's next run.
 * The caller destroys the document.
 */
export async function projectStoredDocument(db: Db, articleId: string): Promise<{ doc: Y.Doc; projection: ArticleProjection; isChanged: boolean }> {
  // Read first: the document loaded after it holds at least these rows.
  const last = await db.selectFrom("doc_updates").select((eb) => eb.fn.max("id").as("id")).where("article_id", "=", articleId).executeTakeFirst();
  const doc = await loadDocument(db, articleId);
  const projection = projectArticle(doc);
  const isChanged = await saveProjection(db, articleId, projection, Number(last?.id ?? 0), nowIso());
  return { doc, projection, isChanged };
}
