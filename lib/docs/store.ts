import { sqliteHandle, type Db, type DbOrTx } from "../db/client";
import { nowIso } from "../ids";
import { decodeSnapshotState, encodeSnapshotStateAsync } from "./codec";
import type { DocumentWrites } from "./document-writes";
import { kyselyWrites } from "./store-kysely";
import { sqliteWrites } from "./store-sqlite";

export interface StoredUpdate {
  id: number;
  /** A Yjs v1 update. */
  data: Uint8Array;
}

export interface StoredSnapshot {
  /** The Yjs v1 update of everything folded so far (unzipped). */
  state: Uint8Array;
  /** The highest doc_updates.id folded into it. */
  throughId: number;
  /** Counts its writes: a compaction from memory writes only over the revision its document holds. */
  revision: number;
  updatedAt: string;
}

/** An article's document as stored: a snapshot (after the first compaction) and the updates not yet folded. */
export interface StoredDocument {
  snapshot: StoredSnapshot | null;
  updates: StoredUpdate[];
}

export interface NewUpdate {
  articleId: string;
  data: Uint8Array;
}

/**
 * Reads the updates first and the snapshot second, without a transaction.
 * Compaction deletes updates only in the transaction that writes the snapshot
 * holding them, so whatever this misses from the first read the second holds;
 * at worst an update is read twice, which Yjs ignores. Reading in the other
 * order could miss updates folded between the two reads.
 */
export async function readStoredDocument(db: DbOrTx, articleId: string): Promise<StoredDocument> {
  const rows = await db
    .selectFrom("doc_updates")
    .select(["id", "data"])
    .where("article_id", "=", articleId)
    .orderBy("id")
    .execute();
  return {
    snapshot: await readSnapshot(db, articleId),
    updates: rows.map((row) => ({ id: Number(row.id), data: row.data })),
  };
}

/** The article's snapshot, or null before its first compaction. */
export async function readSnapshot(db: DbOrTx, articleId: string): Promise<StoredSnapshot | null> {
  const row = await db
    .selectFrom("doc_snapshots")
    .select(["state", "through_id", "revision", "updated_at"])
    .where("article_id", "=", articleId)
    .executeTakeFirst();
  if (!row) return null;
  return { state: decodeSnapshotState(row.state), throughId: row.through_id, revision: row.revision, updatedAt: row.updated_at };
}

/** The ids given to a batch's rows, per article (the order of ids within an article is not promised). */
export type InsertedIds = Map<string, number[]>;

/**
 * Where the collab server's writes go: SQLite's synchronous statements when
 * the store is SQLite and no transaction is open on it, Kysely otherwise.
 */
function writesFor(db: Db): DocumentWrites {
  const sqlite = sqliteHandle(db);
  return sqlite && !sqlite.inTransaction ? sqliteWrites(sqlite) : kyselyWrites(db);
}

/**
 * Appends updates (of any articles) in one transaction: a single commit for
 * the whole batch. Answers the ids the rows got, so that a loaded document
 * knows exactly which rows it holds (compaction from memory folds those).
 */
export async function appendUpdates(db: Db, updates: NewUpdate[]): Promise<InsertedIds> {
  return writesFor(db).append(updates, nowIso());
}

/**
 * appendUpdates without waiting, where the store can commit synchronously
 * (SQLite, outside any open transaction); null where it cannot, and the
 * caller goes through appendUpdates. Throws what SQLite throws.
 */
export function appendUpdatesNow(db: Db, updates: NewUpdate[]): InsertedIds | null {
  if (updates.length === 0) return new Map();
  const sqlite = sqliteHandle(db);
  return sqlite && !sqlite.inTransaction ? sqliteWrites(sqlite).append(updates, nowIso()) : null;
}

export interface Compaction {
  /** Yjs v1 update of the whole document. */
  state: Uint8Array;
  text: string;
  /** The doc_updates ids whose content `state` holds and that may now be deleted. */
  foldedIds: readonly number[];
  /**
   * The revision of the snapshot `state` holds (null: there was none). Given,
   * the snapshot is written only over that revision: one written since may
   * hold what `state` lacks. Folded ids already gone are then no conflict:
   * a compaction that `state` holds folded them. Without it, every folded id
   * must still be there.
   */
  expectedRevision?: number | null;
}

/**
 * Writes a snapshot and deletes the updates it folded, atomically. Deletes by
 * id, never by range. If another compaction got there first (it wrote a
 * snapshot this one does not hold, or deleted what this one folds), nothing
 * is written and false is answered; the caller tries again later.
 */
export async function writeCompaction(db: Db, articleId: string, compaction: Compaction): Promise<boolean> {
  const { foldedIds } = compaction;
  if (foldedIds.length === 0) return false;
  const throughId = foldedIds.reduce((max, id) => (id > max ? id : max), 0);
  // Zipped on libuv's thread pool, before the transaction: a large document never stalls the event loop here.
  const state = await encodeSnapshotStateAsync(compaction.state);
  return writesFor(db).writeCompaction(articleId, compaction, state, throughId);
}

/** The plain-text rendering kept beside the snapshot (empty before the first compaction). */
export async function readSnapshotText(db: DbOrTx, articleId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("doc_snapshots")
    .select("text")
    .where("article_id", "=", articleId)
    .executeTakeFirst();
  return row?.text;
}
