import * as Y from "yjs";
import type { Db, DbOrTx } from "../db/client";
import { logger } from "../log";
import { readSnapshotText, readStoredDocument, writeCompaction, type StoredDocument } from "./store";
import { renderPlainText } from "./text";

export interface BuiltDocument {
  doc: Y.Doc;
  /** Ids of the stored updates the doc holds (a corrupt one is left out, and left in the store). */
  appliedIds: number[];
}

/**
 * A Y.Doc holding a stored document. An update that Yjs cannot read is
 * logged and skipped rather than making the whole article unloadable.
 */
export function buildDocument(articleId: string, stored: StoredDocument): BuiltDocument {
  const doc = new Y.Doc();
  const appliedIds: number[] = [];
  Y.transact(doc, () => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot.state);
    for (const update of stored.updates) {
      try {
        Y.applyUpdate(doc, update.data);
        appliedIds.push(update.id);
      } catch (error) {
        logger().error({ err: error, articleId, updateId: update.id }, "stored document update is unreadable; skipped");
      }
    }
  });
  return { doc, appliedIds };
}

/** The article's document, freshly built from the store (for export, versions, search). */
export async function loadDocument(db: DbOrTx, articleId: string): Promise<Y.Doc> {
  return buildDocument(articleId, await readStoredDocument(db, articleId)).doc;
}

/** The article as plain text, from the snapshot when nothing was written since. */
export async function readArticleText(db: DbOrTx, articleId: string): Promise<string> {
  const hasUnfolded = await db
    .selectFrom("doc_updates")
    .select("id")
    .where("article_id", "=", articleId)
    .limit(1)
    .executeTakeFirst();
  if (!hasUnfolded) return (await readSnapshotText(db, articleId)) ?? "";
  const doc = await loadDocument(db, articleId);
  try {
    return renderPlainText(doc);
  } finally {
    doc.destroy();
  }
}

export interface CompactionResult {
  /** Updates folded into the snapshot and deleted (0 when there was nothing to do or another compaction won). */
  folded: number;
  /** Size of the document's v1 state after compaction, in bytes. */
  stateBytes: number;
}

/**
 * Folds every stored update of an article into its snapshot (with a fresh
 * plain-text rendering) and deletes them. Safe beside concurrent appends,
 * which stay for the next compaction, and beside another compaction, which
 * makes this one give up without writing.
 */
export async function compactDocument(db: Db, articleId: string): Promise<CompactionResult> {
  const stored = await readStoredDocument(db, articleId);
  if (stored.updates.length === 0) return { folded: 0, stateBytes: stored.snapshot?.state.length ?? 0 };
  const { doc, appliedIds } = buildDocument(articleId, stored);
  try {
    const state = Y.encodeStateAsUpdate(doc);
    const text = renderPlainText(doc);
    const isWritten = await writeCompaction(db, articleId, { state, text, foldedIds: appliedIds });
    return { folded: isWritten ? appliedIds.length : 0, stateBytes: state.length };
  } finally {
    doc.destroy();
  }
}
