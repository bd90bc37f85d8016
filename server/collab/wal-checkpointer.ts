import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { SqliteAdapter, sql } from "kysely";
import type pino from "pino";
import type { Db } from "../../lib/db/client";

/** SQLite's own default, restored whenever this checkpointer stops. */
const defaultAutocheckpointPages = 1000;
/**
 * While the worker runs, a commit still checkpoints once the WAL reaches
 * this many pages. Under a steady stream of commits a checkpoint on another
 * connection never finds the WAL fully copied at the moment the next commit
 * starts, and only then does SQLite start the WAL over: without this the
 * WAL would grow without end. By then the worker has copied nearly all of
 * it, so the commit that does it has little left to copy.
 */
const backstopAutocheckpointPages = 8000;

export interface CheckpointResult {
  /** WAL frames at the time, and how many of them are now in the database file. */
  log: number;
  checkpointed: number;
}

/**
 * Runs SQLite's WAL checkpoints on a worker thread with its own connection.
 * Left to SQLite, every thousandth page written makes one commit copy the
 * WAL into the database and fsync both files on the event loop: a stall of
 * several milliseconds every second or so at a few hundred commits a
 * second, and far longer on a busy disk, during which no edit is broadcast.
 * With synchronous=NORMAL a commit itself never fsyncs, so with this the
 * event loop never waits for the disk. A PASSIVE checkpoint never blocks
 * writers; the WAL restarts from its beginning once everything in it is
 * checkpointed, so it stays as small as before.
 */
export class WalCheckpointer {
  private isStopped = false;
  private waiters: ((result: CheckpointResult) => void)[] = [];

  private constructor(
    private readonly db: Db,
    private readonly worker: Worker,
    private readonly log: pino.Logger,
  ) {
    worker.on("message", (message: { result?: CheckpointResult; error?: string }) => {
      if (message.error) this.log.warn({ detail: message.error }, "WAL checkpoint failed; trying again");
      if (message.result) for (const resolve of this.waiters.splice(0)) resolve(message.result);
    });
    worker.on("error", (error) => this.giveUp(error));
    worker.on("exit", (code) => {
      if (!this.isStopped) this.giveUp(new Error(`checkpoint worker exited with ${code}`));
    });
    worker.unref();
  }

  /** Starts one for a SQLite file store; null for PostgreSQL or an in-memory database. */
  static async start(db: Db, log: pino.Logger, intervalMs = 500): Promise<WalCheckpointer | null> {
    if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return null;
    const { rows } = await sql<{ name: string; file: string }>`pragma database_list`.execute(db);
    const file = rows.find((row) => row.name === "main")?.file;
    if (!file) return null;
    const modulePath = createRequire(import.meta.url).resolve("better-sqlite3");
    const worker = new Worker(workerSource, { eval: true, workerData: { file, modulePath, intervalMs } });
    await sql`pragma wal_autocheckpoint = ${sql.raw(String(backstopAutocheckpointPages))}`.execute(db);
    return new WalCheckpointer(db, worker, log);
  }

  /** Resolves with the result of the next checkpoint (tests). */
  next(): Promise<CheckpointResult> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Checkpoints once more, stops the worker and hands checkpointing back to SQLite. */
  async stop(): Promise<void> {
    if (this.isStopped) return;
    this.isStopped = true;
    const exited = new Promise((resolve) => this.worker.once("exit", resolve));
    this.worker.postMessage("stop");
    await exited;
    await this.restoreAutocheckpoint();
  }

  private giveUp(error: unknown): void {
    if (this.isStopped) return;
    this.isStopped = true;
    this.log.error({ err: error }, "WAL checkpoint worker failed; SQLite checkpoints on commit again");
    void this.restoreAutocheckpoint();
  }

  private async restoreAutocheckpoint(): Promise<void> {
    await sql`pragma wal_autocheckpoint = ${sql.raw(String(defaultAutocheckpointPages))}`
      .execute(this.db)
      .catch(() => {});
  }
}

/** The worker: plain CommonJS (eval), so it needs no build step and no loader. */
const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.modulePath);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma("busy_timeout = 1000");
function checkpoint() {
  try {
    const [row] = db.pragma("wal_checkpoint(PASSIVE)");
    parentPort.postMessage({ result: { log: row.log, checkpointed: row.checkpointed } });
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
}
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on("message", (message) => {
  if (message !== "stop") return;
  clearInterval(timer);
  checkpoint();
  db.close();
  process.exit(0);
});
`;
