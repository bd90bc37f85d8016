import type { Database as SqliteDatabase } from "better-sqlite3";
import { nowIso } from "../ids";
import { toBuffer } from "./codec";
import { checkDeleted, checkRevision, collectId, CompactionConflict, type SynchronousDocumentWrites } from "./document-writes";
import type { Compaction, InsertedIds, NewUpdate } from "./store";

const writesByHandle = new WeakMap<SqliteDatabase, SynchronousDocumentWrites>();

/**
 * The collab server's writes on SQLite: prepared once per database, run
 * straight on better-sqlite3, synchronous. Through Kysely each commit paid
 * query building, its connection mutex and a promise per step (a third of
 * the commit's cost), and a compaction held the write lock across awaits,
 * so every commit waited behind it. Only outside an open transaction: a
 * statement run here would join it.
 */
export function sqliteWrites(sqlite: SqliteDatabase): SynchronousDocumentWrites {
  let writes = writesByHandle.get(sqlite);
  if (!writes) writesByHandle.set(sqlite, (writes = prepare(sqlite)));
  return writes;
}

function prepare(sqlite: SqliteDatabase): SynchronousDocumentWrites {
  const insert = sqlite.prepare<[string, Buffer, string], { id: number }>(
    "insert into doc_updates (article_id, data, created_at) values (?, ?, ?) returning id",
  );
  const insertEach = (updates: readonly NewUpdate[], createdAt: string, into: InsertedIds) => {
    for (const u of updates) collectId(into, u.articleId, insert.get(u.articleId, toBuffer(u.data), createdAt)!.id);
  };
  // A batch of one is its own transaction; more share one.
  const insertAll = sqlite.transaction(insertEach);

  // The folded ids go in as one JSON array.
  const deleteIds = sqlite.prepare<[string, string]>("delete from doc_updates where article_id = ? and id in (select value from json_each(?))");
  const previous = sqlite.prepare<[string], { through_id: number; revision: number }>(
    "select through_id, revision from doc_snapshots where article_id = ?",
  );
  const insertFirst = sqlite.prepare<[string, Buffer, number, string, string]>(
    "insert into doc_snapshots (article_id, state, through_id, text, updated_at, revision) values (?, ?, ?, ?, ?, 1)",
  );
  const update = sqlite.prepare<[Buffer, number, string, string, string]>(
    "update doc_snapshots set state = ?, through_id = ?, text = ?, updated_at = ?, revision = revision + 1 where article_id = ?",
  );
  // Immediate: the write lock is taken before the snapshot's revision is read, so nothing can come between the two.
  const compact = sqlite.transaction((articleId: string, c: Compaction, zipped: Buffer, throughId: number) => {
    const before = previous.get(articleId);
    checkRevision(c, before?.revision ?? null);
    checkDeleted(c, deleteIds.run(articleId, JSON.stringify(c.foldedIds)).changes);
    if (before) update.run(zipped, Math.max(throughId, before.through_id), c.text, nowIso(), articleId);
    else insertFirst.run(articleId, zipped, throughId, c.text, nowIso());
  }).immediate;

  return {
    append(updates, createdAt) {
      const inserted: InsertedIds = new Map();
      if (updates.length === 1) insertEach(updates, createdAt, inserted);
      else if (updates.length > 1) insertAll(updates, createdAt, inserted);
      return inserted;
    },
    writeCompaction(articleId, compaction, zippedState, throughId) {
      try {
        compact(articleId, compaction, zippedState, throughId);
        return true;
      } catch (error) {
        if (error instanceof CompactionConflict) return false;
        throw error;
      }
    },
  };
}
