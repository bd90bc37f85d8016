import type { Database as SqliteDatabase, Statement } from "better-sqlite3";
import type { CompiledQuery } from "kysely";
import { sqliteHandle, type Db, type DbOrTx } from "../db/client";
import { nowIso } from "../ids";
import { decodeSnapshotState, encodeSnapshotStateAsync, toBuffer } from "./codec";

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

/** Rows per INSERT: well under SQLite's bound-parameter limit. */
const insertChunk = 1000;
/** Ids per DELETE … IN (…). */
const deleteChunk = 500;

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
  const snapshot = await db
    .selectFrom("doc_snapshots")
    .select(["state", "through_id", "updated_at"])
    .where("article_id", "=", articleId)
    .executeTakeFirst();
  return {
    snapshot: snapshot
      ? { state: decodeSnapshotState(snapshot.state), throughId: snapshot.through_id, updatedAt: snapshot.updated_at }
      : null,
    updates: rows.map((row) => ({ id: Number(row.id), data: row.data })),
  };
}

/** The ids given to a batch's rows, per article (the order of ids within an article is not promised). */
export type InsertedIds = Map<string, number[]>;

/**
 * Appends updates (of any articles) in one transaction: a single commit for
 * the whole batch. Answers the ids the rows got, so that a loaded document
 * knows exactly which rows it holds (compaction from memory folds those).
 */
export async function appendUpdates(db: Db, updates: NewUpdate[]): Promise<InsertedIds> {
  const now = appendUpdatesNow(db, updates);
  if (now) return now;
  const inserted: InsertedIds = new Map();
  const createdAt = nowIso();
  const rows = updates.map((u) => ({ article_id: u.articleId, data: toBuffer(u.data), created_at: createdAt }));
  // One INSERT is a transaction by itself: the usual batch needs no BEGIN and COMMIT round trips.
  if (rows.length <= compiledInsertRows) {
    const result = await db.executeQuery<InsertedRow>({
      ...compiledInsert(db, rows.length),
      parameters: rows.flatMap(insertParameters),
    });
    collectIds(inserted, result.rows);
    return inserted;
  }
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < rows.length; i += insertChunk) {
      const chunk = rows.slice(i, i + insertChunk);
      collectIds(inserted, await tx.insertInto("doc_updates").values(chunk).returning(["id", "article_id"]).execute());
    }
  });
  return inserted;
}

interface SqliteAppend {
  insert: Statement<[string, Buffer, string], { id: number }>;
  insertAll: (updates: NewUpdate[], createdAt: string, into: InsertedIds) => void;
}
const sqliteAppends = new WeakMap<SqliteDatabase, SqliteAppend>();

/**
 * The collab server's group commit on SQLite: one statement prepared once,
 * run straight on better-sqlite3 (a batch of one is its own transaction; more
 * share one). Per commit this skips Kysely's query building, its connection
 * mutex and a promise per step, a third of the commit's cost.
 */
function appendToSqlite(sqlite: SqliteDatabase, updates: NewUpdate[], createdAt: string, into: InsertedIds): void {
  let append = sqliteAppends.get(sqlite);
  if (!append) {
    const insert = sqlite.prepare<[string, Buffer, string], { id: number }>(
      "insert into doc_updates (article_id, data, created_at) values (?, ?, ?) returning id",
    );
    const insertEach = (rows: NewUpdate[], at: string, ids: InsertedIds) => {
      for (const u of rows) collectId(ids, u.articleId, insert.get(u.articleId, toBuffer(u.data), at)!.id);
    };
    append = { insert, insertAll: sqlite.transaction(insertEach) };
    sqliteAppends.set(sqlite, append);
  }
  if (updates.length === 1) {
    const u = updates[0]!;
    collectId(into, u.articleId, append.insert.get(u.articleId, toBuffer(u.data), createdAt)!.id);
  } else {
    append.insertAll(updates, createdAt, into);
  }
}

function collectId(into: InsertedIds, articleId: string, id: number): void {
  const ids = into.get(articleId);
  if (ids) ids.push(id);
  else into.set(articleId, [id]);
}

/**
 * appendUpdates without waiting, where the store can commit synchronously
 * (SQLite, outside any open transaction); null where it cannot, and the
 * caller goes through appendUpdates. Throws what SQLite throws.
 */
export function appendUpdatesNow(db: Db, updates: NewUpdate[]): InsertedIds | null {
  const sqlite = sqliteHandle(db);
  if (updates.length > 0 && (!sqlite || sqlite.inTransaction)) return null;
  const inserted: InsertedIds = new Map();
  if (updates.length > 0) appendToSqlite(sqlite!, updates, nowIso(), inserted);
  return inserted;
}

type InsertedRow = { id: number | bigint | string; article_id: string };

function collectIds(into: InsertedIds, rows: readonly InsertedRow[]): void {
  for (const row of rows) collectId(into, row.article_id, Number(row.id));
}

type InsertRow = { article_id: string; data: Buffer; created_at: string };
const insertParameters = (row: InsertRow) => [row.article_id, row.data, row.created_at];

/** The batches of one or a few updates that every turn writes reuse their compiled INSERT (per store, per dialect). */
const compiledInsertRows = 32;
const compiledInserts = new WeakMap<Db, CompiledQuery[]>();

function compiledInsert(db: Db, rowCount: number): CompiledQuery {
  let byCount = compiledInserts.get(db);
  if (!byCount) compiledInserts.set(db, (byCount = []));
  const template: InsertRow = { article_id: "", data: Buffer.alloc(0), created_at: "" };
  return (byCount[rowCount] ??= db
    .insertInto("doc_updates")
    .values(Array.from({ length: rowCount }, () => template))
    .returning(["id", "article_id"])
    .compile());
}

export interface Compaction {
  /** Yjs v1 update of the whole document. */
  state: Uint8Array;
  text: string;
  /** Exactly the doc_updates ids whose content `state` holds and that may now be deleted. */
  foldedIds: readonly number[];
  /**
   * The through_id of the snapshot `state` was built on (null: none), when it
   * was built from a document in memory rather than read now: a snapshot
   * written by someone else since then may hold what `state` lacks, so it is
   * never overwritten.
   */
  expectedThroughId?: number | null;
}

class CompactionConflict extends Error {}

/**
 * Writes a snapshot and deletes the updates it folded, atomically. Deletes by
 * id, never by range: on PostgreSQL an id below the highest folded one may
 * commit later, and a range would delete it unread. If another compaction
 * already deleted any of these ids, it wrote a snapshot this one has not seen,
 * so nothing is written and false is answered; the caller simply retries later.
 */
export async function writeCompaction(db: Db, articleId: string, compaction: Compaction): Promise<boolean> {
  const { foldedIds, expectedThroughId } = compaction;
  if (foldedIds.length === 0) return false;
  const throughId = foldedIds.reduce((max, id) => (id > max ? id : max), 0);
  // Zipped on libuv's thread pool, before the transaction: a large document never stalls the event loop here.
  const state = await encodeSnapshotStateAsync(compaction.state);
  const sqlite = sqliteHandle(db);
  if (sqlite && !sqlite.inTransaction) return writeCompactionToSqlite(sqlite, articleId, compaction, state, throughId);
  try {
    await db.transaction().execute(async (tx) => {
      let deleted = 0;
      for (let i = 0; i < foldedIds.length; i += deleteChunk) {
        const result = await tx
          .deleteFrom("doc_updates")
          .where("article_id", "=", articleId)
          .where("id", "in", foldedIds.slice(i, i + deleteChunk))
          .executeTakeFirst();
        deleted += Number(result.numDeletedRows);
      }
      if (deleted !== foldedIds.length) throw new CompactionConflict();
      const previous = await tx
        .selectFrom("doc_snapshots")
        .select("through_id")
        .where("article_id", "=", articleId)
        .executeTakeFirst();
      if (expectedThroughId !== undefined && (previous?.through_id ?? null) !== expectedThroughId) {
        throw new CompactionConflict();
      }
      const row = {
        state,
        through_id: Math.max(throughId, previous?.through_id ?? 0),
        text: compaction.text,
        updated_at: nowIso(),
      };
      await tx
        .insertInto("doc_snapshots")
        .values({ article_id: articleId, ...row })
        .onConflict((oc) => oc.column("article_id").doUpdateSet(row))
        .execute();
    });
    return true;
  } catch (error) {
    if (error instanceof CompactionConflict) return false;
    throw error;
  }
}

/** Deletes exactly the folded ids and writes the snapshot, or throws CompactionConflict (all rolled back). */
type SqliteCompactionWrite = (articleId: string, compaction: Compaction, state: Buffer, throughId: number) => void;
const sqliteCompactionWrites = new WeakMap<SqliteDatabase, SqliteCompactionWrite>();

/**
 * writeCompaction on SQLite as one synchronous transaction of three prepared
 * statements (the ids go in as one JSON array). Through Kysely the same write
 * took several times as long, most of it query building, and held the write
 * lock across awaits, so every commit of the collab server waited behind it.
 */
function writeCompactionToSqlite(
  sqlite: SqliteDatabase,
  articleId: string,
  compaction: Compaction,
  state: Buffer,
  throughId: number,
): boolean {
  let write = sqliteCompactionWrites.get(sqlite);
  if (!write) {
    const deleteIds = sqlite.prepare<[string, string]>(
      "delete from doc_updates where article_id = ? and id in (select value from json_each(?))",
    );
    const previous = sqlite.prepare<[string], { through_id: number }>("select through_id from doc_snapshots where article_id = ?");
    const upsert = sqlite.prepare<[string, Buffer, number, string, string]>(
      `insert into doc_snapshots (article_id, state, through_id, text, updated_at) values (?, ?, ?, ?, ?)
       on conflict (article_id) do update set state = excluded.state, through_id = excluded.through_id,
         text = excluded.text, updated_at = excluded.updated_at`,
    );
    write = sqlite.transaction((id: string, c: Compaction, zipped: Buffer, through: number) => {
      if (deleteIds.run(id, JSON.stringify(c.foldedIds)).changes !== c.foldedIds.length) throw new CompactionConflict();
      const before = previous.get(id)?.through_id ?? null;
      if (c.expectedThroughId !== undefined && before !== c.expectedThroughId) throw new CompactionConflict();
      upsert.run(id, zipped, Math.max(through, before ?? 0), c.text, nowIso());
    });
    sqliteCompactionWrites.set(sqlite, write);
  }
  try {
    write(articleId, compaction, state, throughId);
    return true;
  } catch (error) {
    if (error instanceof CompactionConflict) return false;
    throw error;
  }
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
