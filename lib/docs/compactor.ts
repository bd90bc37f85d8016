import type pino from "pino";
import type { Db } from "../db/client";
import { logger } from "../log";
import { compactDocument, compactLiveDocument, type CompactionResult, type LiveDocument } from "./document";

export interface CompactorOptions {
  log?: pino.Logger;
  /** The article's document if it is open in memory: compacted from there instead of from the store. */
  live?: (articleId: string) => LiveDocument | null;
  onCompacted?: (articleId: string, result: CompactionResult, seconds: number) => void;
  onFailed?: (articleId: string, error: unknown) => void;
}

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

  /** From memory when the document is open; from the store when it is not or the store moved on under it. */
  private async compact(articleId: string): Promise<CompactionResult> {
    const live = this.options.live?.(articleId);
    if (live) {
      const result = await compactLiveDocument(this.db, articleId, live);
      if (result) return result;
      this.log.info({ articleId }, "the store changed under an open document; compacting from the store");
    }
    return compactDocument(this.db, articleId);
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
