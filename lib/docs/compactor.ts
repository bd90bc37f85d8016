import type pino from "pino";
import type { Db } from "../db/client";
import { logger } from "../log";
import { absorbSnapshot, compactDocument, compactLiveDocument, type CompactionResult, type LiveDocument } from "./document";

export interface CompactorOptions {
  log?: pino.Logger;
  /** The article's document if it is open in memory: compacted from there instead of from the store. */
  live?: (articleId: string) => LiveDocument | null;
  onCompacted?: (articleId: string, result: CompactionResult, seconds: number) => void;
  onFailed?: (articleId: string, error: unknown) => void;
}

/** Compactions from memory an open document tries before it leaves the rest to the next request. */
const maxAttempts = 3;

/**
 * Compacts articles in the background, one at a time, so compaction never
 * competes with itself for the store or the CPU. Asking again for an article
 * already queued is free.
 */
export class Compactor {
  private readonly queue = new Set<string>();
  private running: Promise<void> | null = null;
  private isClosed = false;
  private readonly log: pino.Logger;

  constructor(
    private readonly db: Db,
    private readonly options: CompactorOptions = {},
  ) {
    this.log = options.log ?? logger();
  }

  request(articleId: string): void {
    if (this.isClosed) return;
    this.queue.add(articleId);
    this.running ??= this.run();
  }

  /** Resolves when the queue is empty. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Drops what is queued and waits for the compaction in progress. */
  async close(): Promise<void> {
    this.isClosed = true;
    this.queue.clear();
    await this.idle();
  }

  /**
   * From memory when the document is open, from the store when it is not.
   * When someone else wrote the snapshot meanwhile (another instance, scaled
   * out), the open document takes it in and folds from memory again; if the
   * others keep winning, it waits for the next request rather than rebuild
   * the article from every stored row on the event loop.
   */
  private async compact(articleId: string): Promise<CompactionResult> {
    for (let attempt = 1; ; attempt++) {
      const live = this.options.live?.(articleId);
      if (!live) return compactDocument(this.db, articleId);
      const result = await compactLiveDocument(this.db, articleId, live);
      if (result) return result;
      if (attempt === maxAttempts || !(await absorbSnapshot(this.db, articleId, live))) {
        this.log.debug({ articleId, attempt }, "the snapshot kept changing under an open document; compacting it later");
        return { folded: 0, stateBytes: 0, source: "memory" };
      }
    }
  }

  private async run(): Promise<void> {
    try {
      while (this.queue.size > 0) {
        // Yield first, so a burst of requests never runs inside the turn that made them.
        await new Promise((resolve) => setImmediate(resolve));
        if (this.isClosed) break;
        const articleId = this.queue.values().next().value as string;
        // Out of the queue before it runs: a request made meanwhile (new updates) queues it again.
        this.queue.delete(articleId);
        const startedAt = performance.now();
        try {
          const result = await this.compact(articleId);
          this.options.onCompacted?.(articleId, result, (performance.now() - startedAt) / 1000);
        } catch (error) {
          this.log.error({ err: error, articleId }, "document compaction failed; its updates stay in the log");
          this.options.onFailed?.(articleId, error);
        }
      }
    } finally {
      this.running = null;
    }
  }
}
