import * as Y from "yjs";
import type { Db, DbOrTx } from "../db/client";
import { logger } from "../log";
import { readSnapshot, readSnapshotText, readStoredDocument, writeCompaction, type StoredDocument } from "./store";
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
  /** Where the state came from: the document already in memory, or the store read again. */
  source: "memory" | "store";
  /** The revision of the snapshot written (when folded > 0). */
  revision?: number;
}

/** A document loaded in memory, as compaction from memory needs it. */
export interface LiveDocument {
  doc: Y.Doc;
  /**
   * Ids of stored rows whose content `doc` holds, oldest first: the rows it
   * was loaded from and the rows its own changes were written to. (It may
   * hold more, changes not stored yet; they are folded later, from their rows.)
   */
  heldIds: readonly number[];
  /** The revision of the snapshot `doc` holds: loaded on, absorbed or last compacted into (null: none). */
  snapshotRevision: number | null;
  /** Told once the first `result.folded` of heldIds are folded, with the snapshot's new revision. */
  onFolded(result: CompactionResult): void;
  /**
   * Takes in a snapshot someone else wrote since (another instance, scaled
   * out): `doc` then holds everything in it, and it is the revision to
   * compact over.
   */
  absorb(state: Uint8Array, revision: number): void;
}

/**
 * Folds every stored update of an article into its snapshot (with a fresh
 * plain-text rendering) and deletes them. Safe beside concurrent appends,
 * which stay for the next compaction, and beside another compaction, which
 * makes this one give up without writing.
 */
export async function compactDocument(db: Db, articleId: string): Promise<CompactionResult> {
  const stored = await readStoredDocument(db, articleId);
  const storedBytes = stored.snapshot?.state.length ?? 0;
  if (stored.updates.length === 0) return { folded: 0, stateBytes: storedBytes, source: "store" };
  const { doc, appliedIds } = buildDocument(articleId, stored);
  try {
    const state = Y.encodeStateAsUpdate(doc);
    const text = renderPlainText(doc);
    // Rows read first, snapshot second: a row gone by now was folded into that snapshot or a later one, which the revision catches.
    const expectedRevision = stored.snapshot?.revision ?? null;
    const isWritten = await writeCompaction(db, articleId, { state, text, foldedIds: appliedIds, expectedRevision });
    if (!isWritten) return { folded: 0, stateBytes: state.length, source: "store" };
    return { folded: appliedIds.length, stateBytes: state.length, source: "store", revision: (expectedRevision ?? 0) + 1 };
  } finally {
    doc.destroy();
  }
}

/**
 * Compaction of a document that is open: its state is encoded from the Y.Doc
 * in memory instead of rebuilding the whole history from the store (a long
 * article took tens of milliseconds of the event loop to rebuild). The rows
 * deleted are exactly those the document is known to hold; rows it does not
 * know stay for a later compaction. Answers false, writing nothing, when
 * the store no longer matches what the document was built on (another
 * compaction folded some of those rows or wrote the snapshot since).
 */
export async function compactLiveDocument(db: Db, articleId: string, live: LiveDocument): Promise<CompactionResult | false> {
  const foldedIds = live.heldIds.slice();
  const expectedRevision = live.snapshotRevision;
  if (foldedIds.length === 0) return { folded: 0, stateBytes: 0, source: "memory" };
  // Both taken in this turn, before any await: the state holds at least every row in foldedIds.
  const state = Y.encodeStateAsUpdate(live.doc);
  const text = renderPlainText(live.doc);
  const isWritten = await writeCompaction(db, articleId, { state, text, foldedIds, expectedRevision });
  if (!isWritten) return false;
  const result: CompactionResult = { folded: foldedIds.length, stateBytes: state.length, source: "memory", revision: (expectedRevision ?? 0) + 1 };
  // Told in the turn the write completed, before anything can take the list again.
  live.onFolded(result);
  return result;
}

/**
 * After a compaction from memory found the snapshot rewritten under the open
 * document (another instance compacted the article): hands the open document
 * the snapshot as it is now, so that the next compaction from memory holds
 * it. That costs one reading of the snapshot, where compacting from the
 * store would rebuild the article from every row. False when there is
 * nothing newer to take in.
 */
export async function absorbSnapshot(db: Db, articleId: string, live: LiveDocument): Promise<boolean> {
  const snapshot = await readSnapshot(db, articleId);
  if (!snapshot || snapshot.revision === live.snapshotRevision) return false;
  live.absorb(snapshot.state, snapshot.revision);
  return true;
}
