import type pino from "pino";
import type { Db } from "../db/client";
import { logger } from "../log";
import { appendUpdates, appendUpdatesNow, type InsertedIds, type NewUpdate } from "./store";

export interface CommitInfo {
  updates: number;
  bytes: number;
  seconds: number;
}

export interface UpdateWriterOptions {
  log?: pino.Logger;
  /** Tries per batch before its updates are reported lost (default 4). */
  maxAttempts?: number;
  /** Pause before each retry, in ms (the last entry repeats). */
  retryDelaysMs?: number[];
  onCommit?: (info: CommitInfo) => void;
}

interface Batch {
  updates: NewUpdate[];
  bytes: number;
  done: Promise<InsertedIds>;
  resolve: (ids: InsertedIds) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for the update log: every update appended during one turn of
 * the event loop (and while the previous commit was running) is written in a
 * single transaction, in order. Each append answers the promise of its batch,
 * shared by every update in it, which settles once they are durable, with
 * the ids their rows got.
 */
export class UpdateWriter {
  private open: Batch | null = null;
  private isCommitting = false;
  private scheduled: NodeJS.Immediate | null = null;
  private idleWaiters: (() => void)[] = [];
  private readonly log: pino.Logger;
  private readonly maxAttempts: number;
  private readonly retryDelaysMs: number[];

  constructor(
    private readonly db: Db,
    private readonly options: UpdateWriterOptions = {},
  ) {
    this.log = options.log ?? logger();
    this.maxAttempts = options.maxAttempts ?? 4;
    this.retryDelaysMs = options.retryDelaysMs ?? [50, 250, 1000];
  }

  append(articleId: string, data: Uint8Array): Promise<InsertedIds> {
    const batch = (this.open ??= createBatch());
    batch.updates.push({ articleId, data });
    batch.bytes += data.length;
    this.scheduled ??= this.isCommitting ? null : setImmediate(this.flushScheduled);
    return batch.done;
  }

  /**
   * Starts committing what is queued now, unless a commit is running (it
   * takes the queue when it ends). A caller that knows its turn's appends are
   * all in (the collab server's end of turn) calls this, saving a trip
   * around the event loop before the commit.
   */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    if (this.isCommitting || !this.open) return;
    const batch = this.open;
    this.open = null;
    if (this.commitNow(batch)) return;
    this.isCommitting = true;
    void this.commit(batch).finally(() => {
      this.isCommitting = false;
      if (this.open) this.flush();
      else this.notifyIdle();
    });
  }

  private readonly flushScheduled = () => {
    this.scheduled = null;
    this.flush();
  };

  /** Resolves when everything appended so far has been committed or given up. */
  async drain(): Promise<void> {
    this.flush();
    if (!this.isCommitting && !this.open) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * SQLite commits synchronously: done here, the batch skips the promise
   * chain of the general path. A failure goes to that path, which retries.
   */
  private commitNow(batch: Batch): boolean {
    const startedAt = performance.now();
    let ids: InsertedIds | null;
    try {
      ids = appendUpdatesNow(this.db, batch.updates);
    } catch (error) {
      this.log.warn({ err: error, updates: batch.updates.length }, "could not store document updates; retrying");
      return false;
    }
    if (!ids) return false;
    this.options.onCommit?.({ updates: batch.updates.length, bytes: batch.bytes, seconds: (performance.now() - startedAt) / 1000 });
    batch.resolve(ids);
    this.notifyIdle();
    return true;
  }

  private async commit(batch: Batch): Promise<void> {
    const startedAt = performance.now();
    for (let attempt = 1; ; attempt++) {
      try {
        const ids = await appendUpdates(this.db, batch.updates);
        const seconds = (performance.now() - startedAt) / 1000;
        this.options.onCommit?.({ updates: batch.updates.length, bytes: batch.bytes, seconds });
        batch.resolve(ids);
        return;
      } catch (error) {
        const context = { err: error, attempt, updates: batch.updates.length };
        if (attempt >= this.maxAttempts) {
          this.log.error(context, "could not store document updates; giving up on this batch");
          batch.reject(error);
          return;
        }
        this.log.warn(context, "could not store document updates; retrying");
        const delay = this.retryDelaysMs[Math.min(attempt - 1, this.retryDelaysMs.length - 1)] ?? 1000;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

function createBatch(): Batch {
  let resolve!: (ids: InsertedIds) => void;
  let reject!: (error: unknown) => void;
  const done = new Promise<InsertedIds>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // The failure is logged here; a caller that did not wait must not crash the process.
  done.catch(() => {});
  return { updates: [], bytes: 0, done, resolve, reject };
}
