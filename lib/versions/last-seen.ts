import type { Db } from "../db/client";
import { loadDocument } from "../docs";
import { templateClientId } from "../editor/template";
import { nowIso } from "../ids";
import { makeVersion } from "./make-version";
import { projectArticle, readerText } from "./projection";
import { findVersion, versionText } from "./version-store";
import { countWordChanges } from "./word-diff";

/** What changed in an article since a person last had it open. */
export interface ChangesSinceSeen {
  /** The version they saw: the compare runs from it to now. */
  versionId: string;
  versionNumber: number;
  seenAt: string;
  added: number;
  removed: number;
}

/**
 * Remembers that this person has seen the article as it is now (they leave
 * it, or have had it open for a while). What they saw is kept as a version,
 * made now when the content has moved on from the latest one (`makeVersion`
 * answers the latest when it says the same), so "since you last looked" is an
 * ordinary compare. An article nobody has written in yet (empty, or only
 * the template every new article opens with) is not remembered.
 */
export async function recordSeen(db: Db, articleId: string, userId: string): Promise<void> {
  const doc = await loadDocument(db, articleId);
  try {
    if ([...doc.store.clients.keys()].every((client) => client === templateClientId)) return;
    const { version } = await makeVersion(db, articleId, { kind: "auto", doc });
    const seen = { version_id: version.id, content_hash: version.content_hash, seen_at: nowIso() };
    await db
      .insertInto("article_views")
      .values({ user_id: userId, article_id: articleId, ...seen })
      .onConflict((conflict) => conflict.columns(["user_id", "article_id"]).doUpdateSet(seen))
      .execute();
  } finally {
    doc.destroy();
  }
}

/**
 * "Changed since you last looked: +N −M words", or null when they have never
 * had it open or it reads the same as then. The article row's content hash
 * (kept by the projector) answers the common case without reading the document.
 */
export async function changesSinceSeen(db: Db, articleId: string, userId: string): Promise<ChangesSinceSeen | null> {
  const [view, article] = await Promise.all([
    db.selectFrom("article_views").selectAll().where("user_id", "=", userId).where("article_id", "=", articleId).executeTakeFirst(),
    db.selectFrom("articles").select("content_hash").where("id", "=", articleId).executeTakeFirst(),
  ]);
  if (!view || !article?.content_hash || article.content_hash === view.content_hash) return null;
  const changes = await changesSinceVersion(db, articleId, view.version_id);
  return changes && { ...changes, seenAt: view.seen_at };
}

/**
 * Words added and removed from one of the article's versions to the stored
 * document now, or null when it reads the same (or there is no such version):
 * "changed since you last looked", "changed since you approved".
 */
export async function changesSinceVersion(
  db: Db,
  articleId: string,
  versionId: string,
): Promise<{ versionId: string; versionNumber: number; added: number; removed: number } | null> {
  const version = await findVersion(db, articleId, versionId);
  if (!version) return null;
  const doc = await loadDocument(db, articleId);
  try {
    const projection = projectArticle(doc);
    if (projection.contentHash === version.content_hash) return null;
    const { added, removed } = countWordChanges(versionText(version), readerText(projection));
    return { versionId: version.id, versionNumber: version.number, added, removed };
  } finally {
    doc.destroy();
  }
}
