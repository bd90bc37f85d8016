import fs from "node:fs";
import path from "node:path";
import { AppError } from "../errors";

/** The file a running Galley server keeps in its DATA_DIR: `{ pid, port, startedAt }`. */
export const serverLockName = "galley.pid";

export interface RestoreResult {
  file: string;
  /** Where the replaced store was kept, when there was one. */
  keptAs: string | null;
  users: number;
  articles: number;
  versions: number;
}

/** Answers the running server's pid when DATA_DIR's lock names a live process; a crashed server's stale lock is ignored. */
export function runningServer(dataDir: string): { pid: number; port?: number } | null {
  const lock = path.join(dataDir, serverLockName);
  let parsed: { pid?: unknown; port?: unknown };
  try {
    parsed = JSON.parse(fs.readFileSync(lock, "utf8")) as { pid?: unknown; port?: unknown };
  } catch {
    return null;
  }
  if (typeof parsed.pid !== "number") return null;
  try {
    process.kill(parsed.pid, 0);
  } catch (error) {
    // ESRCH: no such process. EPERM: it exists, under another user.
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return null;
  }
  return { pid: parsed.pid, ...(typeof parsed.port === "number" ? { port: parsed.port } : {}) };
}

/** Opens a candidate backup read-only and checks it is a whole, uncorrupted Galley store. */
async function checkBackup(file: string) {
  const { default: SQLite } = await import("better-sqlite3");
  let database: import("better-sqlite3").Database;
  try {
    database = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new AppError("bad_request", `${file} cannot be opened as an SQLite file: ${(error as Error).message}`, "from");
  }
  try {
    let integrity: string;
    try {
      integrity = (database.pragma("integrity_check", { simple: true }) as string) ?? "";
    } catch (error) {
      throw new AppError("bad_request", `${file} is not an SQLite database: ${(error as Error).message}`, "from");
    }
    if (integrity !== "ok") throw new AppError("bad_request", `${file} failed SQLite's integrity check: ${integrity}`, "from");
    const tables = new Set((database.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((t) => t.name));
    const missing = ["kysely_migration", "users", "articles", "doc_updates"].filter((name) => !tables.has(name));
    if (missing.length) throw new AppError("bad_request", `${file} is not a Galley store (it has no ${missing.join(", ")} table).`, "from");
    const count = (table: string) => (tables.has(table) ? (database.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n : 0);
    return { users: count("users"), articles: count("articles"), versions: count("article_versions") };
  } finally {
    database.close();
  }
}

/**
 * Puts a backup (from `galley backup`) in place of DATA_DIR's SQLite store.
 * Refuses while a server runs on this DATA_DIR (its lock file names a live
 * process), checks the backup first (integrity, a Galley schema), and keeps
 * the replaced store, with its WAL, as `galley.db.before-restore-<time>`.
 * Migrations bring an older backup up to date when the server next starts.
 */
export async function restoreStore(dataDir: string, from: string): Promise<RestoreResult> {
  const source = path.resolve(from);
  if (!fs.existsSync(source)) throw new AppError("not_found", `${source} does not exist.`, "from");
  const running = runningServer(dataDir);
  if (running) {
    throw new AppError(
      "conflict",
      `A Galley server is running on ${dataDir} (process ${running.pid}${running.port ? `, port ${running.port}` : ""}, from ${path.join(dataDir, serverLockName)}): stop it first, then restore (if no server runs there, that file is left from a crash: remove it).`,
    );
  }
  const counts = await checkBackup(source);
  const target = path.join(dataDir, "galley.db");
  if (path.resolve(target) === source) throw new AppError("bad_request", "That is the store itself: restore from a backup file.", "from");
  fs.mkdirSync(dataDir, { recursive: true });
  let keptAs: string | null = null;
  if (fs.existsSync(target)) {
    keptAs = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    // The WAL and shared-memory files go with it: together they are the replaced store.
    for (const suffix of ["", "-wal", "-shm"]) {
      if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, keptAs + suffix);
    }
  }
  fs.copyFileSync(source, target, fs.constants.COPYFILE_EXCL);
  return { file: target, keptAs, ...counts };
}
