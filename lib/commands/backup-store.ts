import fs from "node:fs";
import path from "node:path";
import { sqliteHandle, type Db } from "../db/client";
import { AppError } from "../errors";

export interface BackupResult {
  /** Absolute path of the backup file. */
  file: string;
  bytes: number;
}

/**
 * Writes a consistent copy of the whole SQLite store (users, articles,
 * documents, comments, notifications, audit) to a new file, with SQLite's
 * online backup on this store's own connection: safe while the server runs
 * and writes (WAL), since the copy restarts until it has one moment's state.
 * Never overwrites a file. On PostgreSQL, the database's own tools do this.
 */
export async function backupStore(db: Db, out: string): Promise<BackupResult> {
  const database = sqliteHandle(db);
  if (!database) {
    throw new AppError(
      "bad_request",
      'This store is on PostgreSQL: back it up with pg_dump --format=custom "$DATABASE_URL" > galley.dump (restore with pg_restore; see the README\'s Deploying).',
    );
  }
  const file = path.resolve(out);
  if (!fs.existsSync(path.dirname(file))) {
    throw new AppError("bad_request", `The folder ${path.dirname(file)} does not exist.`, "out");
  }
  // Claimed with an exclusive create, so two backups (or an existing file) are never mixed up.
  let handle: number;
  try {
    handle = fs.openSync(file, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new AppError("conflict", `${file} already exists; Galley never overwrites a backup. Choose a new file name.`, "out");
    }
    throw error;
  }
  fs.closeSync(handle);
  try {
    await database.backup(file);
  } catch (error) {
    fs.rmSync(file, { force: true });
    throw error;
  }
  return { file, bytes: fs.statSync(file).size };
}
