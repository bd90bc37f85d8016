import type { CompiledQuery } from "kysely";
import type { Db } from "../db/client";
import { nowIso } from "../ids";
import { toBuffer } from "./codec";
import { checkDeleted, checkRevision, collectId, CompactionConflict, type DocumentWrites } from "./document-writes";
import type { InsertedIds } from "./store";

/** Rows per INSERT: well under SQLite's bound-parameter limit. */
const insertChunk = 1000;
/** Ids per DELETE … IN (…). */
const deleteChunk = 500;
/** The batches of one or a few updates that every turn writes reuse their compiled INSERT (per store, per dialect). */
const compiledInsertRows = 32;

type InsertRow = { article_id: string; data: Buffer; created_at: string };
type InsertedRow = { id: number | bigint | string; article_id: string };

const compiledInserts = new WeakMap<Db, CompiledQuery[]>();
const writesByDb = new WeakMap<Db, DocumentWrites>();

/** The collab server's writes through Kysely: PostgreSQL, and SQLite inside an open transaction. */
export function kyselyWrites(db: Db): DocumentWrites {
  let writes = writesByDb.get(db);
  if (!writes) {
    writes = { append: (updates, createdAt) => append(db, updates, createdAt), writeCompaction: (...args) => writeCompaction(db, ...args) };
    writesByDb.set(db, writes);
  }
  return writes;
}

async function append(db: Db, updates: Parameters<DocumentWrites["append"]>[0], createdAt: string): Promise<InsertedIds> {
  const inserted: InsertedIds = new Map();
  if (updates.length === 0) return inserted;
  const rows: InsertRow[] = updates.map((u) => ({ article_id: u.articleId, data: toBuffer(u.data), created_at: createdAt }));
  // One INSERT is a transaction by itself: the usual batch needs no BEGIN and COMMIT round trips.
  if (rows.length <= compiledInsertRows) {
    const result = await db.executeQuery<InsertedRow>({
      ...compiledInsert(db, rows.length),
      parameters: rows.flatMap((row) => [row.article_id, row.data, row.created_at]),
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

function collectIds(into: InsertedIds, rows: readonly InsertedRow[]): void {
  for (const row of rows) collectId(into, row.article_id, Number(row.id));
}

/**
 * Deletes by id, never by range: on PostgreSQL an id below the highest folded
 * one may commit later, and a range would delete it unread. The snapshot is
 * written first and only over the revision read: a concurrent compaction
 * waits for its row lock, then finds the revision moved and rolls back
 * before it deleted anything.
 */
async function writeCompaction(db: Db, ...[articleId, compaction, state, throughId]: Parameters<DocumentWrites["writeCompaction"]>): Promise<boolean> {
  const { foldedIds } = compaction;
  try {
    await db.transaction().execute(async (tx) => {
      const before = await tx
        .selectFrom("doc_snapshots")
        .select(["through_id", "revision"])
        .where("article_id", "=", articleId)
        .executeTakeFirst();
      checkRevision(compaction, before?.revision ?? null);
      const row = { state, text: compaction.text, updated_at: nowIso() };
      const written = before
        ? await tx
            .updateTable("doc_snapshots")
            .set({ ...row, through_id: Math.max(throughId, before.through_id), revision: before.revision + 1 })
            .where("article_id", "=", articleId)
            .where("revision", "=", before.revision)
            .executeTakeFirst()
            .then((result) => Number(result.numUpdatedRows))
        : await tx
            .insertInto("doc_snapshots")
            .values({ article_id: articleId, ...row, through_id: throughId, revision: 1 })
            .onConflict((oc) => oc.column("article_id").doNothing())
            .executeTakeFirst()
            .then((result) => Number(result.numInsertedOrUpdatedRows ?? 0));
      if (written !== 1) throw new CompactionConflict();
      let deleted = 0;
      for (let i = 0; i < foldedIds.length; i += deleteChunk) {
        const result = await tx
          .deleteFrom("doc_updates")
          .where("article_id", "=", articleId)
          .where("id", "in", foldedIds.slice(i, i + deleteChunk))
          .executeTakeFirst();
        deleted += Number(result.numDeletedRows);
      }
      checkDeleted(compaction, deleted);
    });
    return true;
  } catch (error) {
    if (error instanceof CompactionConflict) return false;
    throw error;
  }
}
