import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openStore, type Store } from "../db/client";
import { newId } from "../ids";

/** The local PostgreSQL every machine of this project runs (trust auth, database `test`). */
export const testPostgresUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export type StoreKind = "sqlite" | "postgres";
export const storeKinds: StoreKind[] = ["sqlite", "postgres"];

export interface TestStore extends Store {
  /** Drops the schema / deletes the file. */
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated store: a new SQLite file in a temp dir, or a new schema
 * in the local PostgreSQL, so test files never see each other's rows.
 */
export async function createTestStore(kind: StoreKind): Promise<TestStore> {
  if (kind === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "galley-test-"));
    const store = await openStore({ url: path.join(dir, "galley.db") });
    return {
      ...store,
      async dispose() {
        await store.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${newId()}`;
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(testPostgresUrl);
  url.searchParams.set("options", `-c search_path=${schema}`);
  const store = await openStore({ url: url.toString() });
  return {
    ...store,
    async dispose() {
      await store.close();
      const client = new pg.Client({ connectionString: testPostgresUrl });
      await client.connect();
      await client.query(`drop schema ${schema} cascade`);
      await client.end();
    },
  };
}
