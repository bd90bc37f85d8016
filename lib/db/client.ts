import fs from "node:fs";
import path from "node:path";
import { Kysely, PostgresDialect, SqliteDialect, sql, type SqliteDatabase, type Transaction } from "kysely";
import { dataDir, env, isPostgres } from "../env";
import { migrateToLatest } from "./migrations";
import type { Database } from "./schema";

export type Db = Kysely<Database>;
export type DbOrTx = Kysely<Database> | Transaction<Database>;
export type Dialect = "sqlite" | "postgres";

export interface Store {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** postgres://… or a path to a SQLite file; defaults to the environment. */
  url?: string;
  /** Run migrations first (default true). */
  migrate?: boolean;
}

/** Opens the store named by the options or the environment and migrates it. */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const url = options.url ?? (isPostgres() ? env().DATABASE_URL! : path.join(dataDir(), "galley.db"));
  const dialect: Dialect = /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
  const db = dialect === "postgres" ? await openPostgres(url) : await openSqlite(url);
  if (options.migrate !== false) await migrateToLatest(db, dialect);
  return { db, dialect, close: () => db.destroy() };
}

async function openSqlite(file: string): Promise<Db> {
  // Loaded lazily so a PostgreSQL deployment never needs the native module.
  const { default: SQLite } = await import("better-sqlite3");
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const database = new SQLite(file);
  database.pragma("journal_mode = WAL");
  // WAL + NORMAL: a commit survives a process crash; only an OS crash can lose the last ones.
  database.pragma("synchronous = NORMAL");
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  // SQLite's lower() folds only ASCII; PostgreSQL's folds "É" too. Title search must agree on both.
  database.function("lower", { deterministic: true }, (value: unknown) =>
    typeof value === "string" ? value.toLowerCase() : value,
  );
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  sqliteHandles.set(db, database);
  return db;
}

const sqliteHandles = new WeakMap<Db, import("better-sqlite3").Database>();

/**
 * The better-sqlite3 connection under a SQLite store, for the one hot path
 * (appending document updates) that cannot afford Kysely's per-query work.
 * Synchronous calls on it are atomic for JavaScript, but one issued while a
 * Kysely transaction awaits between its statements would run inside that
 * transaction: callers must check `inTransaction` and otherwise go through Kysely.
 */
export function sqliteHandle(db: Db): import("better-sqlite3").Database | undefined {
  return sqliteHandles.get(db);
}

/**
 * Kysely prepares every query anew and better-sqlite3 compiles the SQL each
 * time; the collab server's hot inserts and lookups repeat the same few
 * statements, so the most recent ones are kept (a statement still iterating
 * is never handed out twice).
 */
function withStatementCache(database: import("better-sqlite3").Database, size = 200): SqliteDatabase {
  const cache = new Map<string, import("better-sqlite3").Statement>();
  return {
    close: () => database.close(),
    prepare(sqlText: string) {
      const cached = cache.get(sqlText);
      if (cached && !cached.busy) {
        cache.delete(sqlText);
        cache.set(sqlText, cached);
        return cached;
      }
      const statement = database.prepare(sqlText);
      cache.set(sqlText, statement);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}

async function openPostgres(url: string): Promise<Db> {
  const { default: pg } = await import("pg");
  // int8 (count(*), identity columns) as JS numbers: our ids stay far below 2^53.
  pg.types.setTypeParser(20, (value: string) => Number(value));
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on("error", () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

const storeKey = Symbol.for("galley.store");
type Holder = { [storeKey]?: Promise<Store> };

/**
 * The process-wide store. Kept on globalThis because the custom server and
 * Next's compiled bundle load separate copies of this module in one process.
 */
export function getStore(): Promise<Store> {
  const holder = globalThis as Holder;
  holder[storeKey] ??= openStore().catch((error) => {
    holder[storeKey] = undefined;
    throw error;
  });
  return holder[storeKey];
}

export async function getDb(): Promise<Db> {
  return (await getStore()).db;
}

/** Closes the process-wide store (tests, shutdown). */
export async function closeStore(): Promise<void> {
  const holder = globalThis as Holder;
  const store = holder[storeKey];
  holder[storeKey] = undefined;
  if (store) await (await store).close();
}

/** Lets tests and the CLI install a store they opened themselves. */
export function setStore(store: Store): void {
  (globalThis as Holder)[storeKey] = Promise.resolve(store);
}

/** Cheap round trip used by /api/health. */
export async function pingStore(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

/** A unique-constraint violation on either dialect (a race another check did not win). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
