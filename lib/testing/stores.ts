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
  /** What DATABASE_URL (or the file) a Galley process opens this store with. */
  url: string;
  /** Drops the schema / deletes the file. */
  dispose(): Promise<void>;
}

/**
 * Migrating a new schema makes Kysely introspect every schema in the database, which fails
 * ("schema … does not exist") when another test file drops its own at that moment. Migrations
 * hold this lock shared and drops hold it alone, so the two never overlap.
 */
const schemaDropLock = 0x6a11e7;

/**
 * A fresh, migrated store: a new SQLite file in a temp dir, or a new schema
 * in the local PostgreSQL, so test files never see each other's rows.
 */
export async function createTestStore(kind: StoreKind, options: { migrate?: false } = {}): Promise<TestStore> {
  if (kind === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "galley-test-"));
    const file = path.join(dir, "galley.db");
    const store = await openStore({ url: file, ...options });
    return {
      ...store,
      url: file,
      async dispose() {
        await store.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${newId()}`;
  const url = new URL(testPostgresUrl);
  url.searchParams.set("options", `-c search_path=${schema}`);
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  let store: Store;
  try {
    await admin.query(`create schema ${schema}`);
    await admin.query("select pg_advisory_lock_shared($1)", [schemaDropLock]);
    store = await openStore({ url: url.toString(), ...options });
  } catch (error) {
    await dropSchema(admin, schema);
    throw error;
  } finally {
    await admin.end(); // ending the session releases the lock
  }
  return {
    ...store,
    url: url.toString(),
    async dispose() {
      await store.close();
      const client = new pg.Client({ connectionString: testPostgresUrl });
      await client.connect();
      try {
        await dropSchema(client, schema);
      } finally {
        await client.end();
      }
    },
  };
}

/** Drops a test schema once no migration is running (see schemaDropLock). */
async function dropSchema(client: pg.Client, schema: string): Promise<void> {
  await client.query("select pg_advisory_unlock_all()");
  await client.query("select pg_advisory_lock($1)", [schemaDropLock]);
  await client.query(`drop schema if exists ${schema} cascade`);
}
