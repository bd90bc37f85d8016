import type { Compaction, InsertedIds, NewUpdate } from "./store";

/**
 * The store's two writes on the collab server's path, behind one interface
 * with two implementations: SQLite's synchronous prepared statements
 * (store-sqlite.ts) and the general Kysely path for PostgreSQL and for SQLite
 * inside an open transaction (store-kysely.ts). lib/docs/store.ts picks one
 * per call.
 */
export interface DocumentWrites {
  /** Appends a batch of updates (of any articles) in one commit; answers the ids the rows got, per article. */
  append(updates: readonly NewUpdate[], createdAt: string): InsertedIds | Promise<InsertedIds>;
  /**
   * Writes the snapshot and deletes the folded ids, atomically; false
   * (nothing written) when another compaction got there first
   * (checkRevision, checkDeleted below).
   */
  writeCompaction(articleId: string, compaction: Compaction, zippedState: Buffer, throughId: number): boolean | Promise<boolean>;
}

/** The SQLite implementation: both writes finish before they return. */
export interface SynchronousDocumentWrites extends DocumentWrites {
  append(updates: readonly NewUpdate[], createdAt: string): InsertedIds;
  writeCompaction(articleId: string, compaction: Compaction, zippedState: Buffer, throughId: number): boolean;
}

/** Thrown inside a compaction's transaction to roll it back when another compaction got there first. */
export class CompactionConflict extends Error {}

/** Both implementations, inside the write's transaction: given an expected revision, the snapshot must still be that one. */
export function checkRevision(compaction: Compaction, revisionNow: number | null): void {
  if (compaction.expectedRevision !== undefined && revisionNow !== compaction.expectedRevision) throw new CompactionConflict();
}

/**
 * Without an expected revision, every folded row must still have been there.
 * With one, rows already gone are no conflict: they were folded into a
 * snapshot the checked revision holds.
 */
export function checkDeleted(compaction: Compaction, deleted: number): void {
  if (compaction.expectedRevision === undefined && deleted !== compaction.foldedIds.length) throw new CompactionConflict();
}

export function collectId(into: InsertedIds, articleId: string, id: number): void {
  const ids = into.get(articleId);
  if (ids) ids.push(id);
  else into.set(articleId, [id]);
}
