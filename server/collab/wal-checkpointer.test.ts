import { sql } from "kysely";
import pino from "pino";
import { describe, expect, it } from "vitest";
import type { Db } from "../../lib/db/client";
import { appendUpdates, readStoredDocument } from "../../lib/docs";
import { createTestStore } from "../../lib/testing/stores";
import { WalCheckpointer } from "./wal-checkpointer";

const silent = pino({ level: "silent" });

async function autocheckpointPages(db: Db): Promise<number> {
  const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db);
  return rows[0]!.wal_autocheckpoint;
}

describe("WAL checkpoints on a worker thread", () => {
  it("takes checkpointing off commits, folds the WAL into the database, and hands it back when stopped", async () => {
    const store = await createTestStore("sqlite");
    try {
      const checkpointer = await WalCheckpointer.start(store.db, silent, 20);
      expect(checkpointer).not.toBeNull();
      expect(await autocheckpointPages(store.db)).toBeGreaterThan(1000);

      for (let i = 0; i < 200; i++) await appendUpdates(store.db, [{ articleId: "a-wal", data: new Uint8Array([0, 0]) }]);
      // A checkpoint that started before the last commit may miss it: wait for one that caught everything.
      let result = await checkpointer!.next();
      while (result.checkpointed < result.log || result.log === 0) result = await checkpointer!.next();
      expect(result.checkpointed).toBe(result.log);
      expect((await readStoredDocument(store.db, "a-wal")).updates).toHaveLength(200);

      await checkpointer!.stop();
      expect(await autocheckpointPages(store.db)).toBe(1000);
    } finally {
      await store.dispose();
    }
  });

  it("is not started for PostgreSQL, which checkpoints by itself", async () => {
    const store = await createTestStore("postgres");
    try {
      expect(await WalCheckpointer.start(store.db, silent)).toBeNull();
    } finally {
      await store.dispose();
    }
  });
});
