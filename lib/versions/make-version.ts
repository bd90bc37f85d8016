import * as Y from "yjs";
import type { Db } from "../db/client";
import { isUniqueViolation } from "../db/client";
import type { ArticleVersionRow, VersionKind } from "../db/schema";
import { encodeSnapshotState, loadDocument } from "../docs";
import { newId, nowIso } from "../ids";
import { projectArticle, readerText, type ArticleProjection } from "./projection";
import { latestVersion, storedVersionText, versionText } from "./version-store";
import { countWordChanges } from "./word-diff";

export interface MakeVersionInput {
  kind: VersionKind;
  /** A named version's name ("before legal read"). */
  name?: string | null;
  /** Who asked for it; null for the server's own (automatic) versions. */
  createdBy?: string | null;
  /** The document to keep, when it is open in memory; otherwise the stored one is read. */
  doc?: Y.Doc;
  /** What `doc` reads as, when the caller has just worked it out: a long article's projection is not free. */
  projection?: ArticleProjection;
}

/** Asked for by a person (a name, a restore, a publication): made even when the latest version says the same. */
const isAlwaysMade = (kind: VersionKind) => kind === "named" || kind === "restored" || kind === "published";

/**
 * Keeps the article's content as its next version: the document's state,
 * what it reads as, its content hash, words added and removed since the
 * previous version, and who edited since then. Never two versions in a row
 * with the same content hash, except a named or a restored one (someone
 * asked for it): otherwise the latest version is answered as it is (`isNew`
 * false). Numbers come from a unique
 * index, so two instances racing for the same number retry, not collide.
 */
export async function makeVersion(db: Db, articleId: string, input: MakeVersionInput): Promise<{ version: ArticleVersionRow; isNew: boolean }> {
  const doc = input.doc ?? (await loadDocument(db, articleId));
  try {
    const projection = input.projection ?? projectArticle(doc);
    const state = encodeSnapshotState(Y.encodeStateAsUpdate(doc));
    const plainText = readerText(projection);
    for (let attempt = 1; ; attempt++) {
      const last = await latestVersion(db, articleId);
      if (last && !isAlwaysMade(input.kind) && last.content_hash === projection.contentHash) return { version: last, isNew: false };
      const { added, removed } = countWordChanges(last ? versionText(last) : "", plainText);
      try {
        const version = await db.transaction().execute(async (tx) => {
          const contributors = await tx.selectFrom("article_contributions").select("user_id").where("article_id", "=", articleId).execute();
          const row: ArticleVersionRow = {
            id: newId(),
            article_id: articleId,
            number: (last?.number ?? 0) + 1,
            kind: input.kind,
            name: input.name ?? null,
            created_by: input.createdBy ?? null,
            created_at: nowIso(),
            content_hash: projection.contentHash,
            state,
            plain_text_gz: storedVersionText(plainText),
            words: projection.words,
            added,
            removed,
            contributors: JSON.stringify(contributors.map((c) => c.user_id).sort()),
          };
          await tx.insertInto("article_versions").values(row).execute();
          await tx.deleteFrom("article_contributions").where("article_id", "=", articleId).execute();
          return row;
        });
        // An article no edit has reached the projector for yet (new, or imported) learns its hash here: approvals compare with it.
        await db.updateTable("articles").set({ content_hash: projection.contentHash }).where("id", "=", articleId).where("content_hash", "is", null).execute();
        return { version, isNew: true };
      } catch (error) {
        // Another instance took this number first: read again (its version may already hold this content).
        if (!isUniqueViolation(error) || attempt >= 5) throw error;
      }
    }
  } finally {
    if (!input.doc) doc.destroy();
  }
}
