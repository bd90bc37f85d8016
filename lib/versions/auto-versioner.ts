import type pino from "pino";
import type * as Y from "yjs";
import type { Db } from "../db/client";
import { logger } from "../log";
import { makeVersion } from "./make-version";

export interface AutoVersionerOptions {
  /** A version once nobody has edited for this long (GALLEY_VERSION_IDLE_MS). */
  idleMs: number;
  /** And at least this often during continuous editing (GALLEY_VERSION_MAX_MS). */
  maxMs: number;
  log?: pino.Logger;
  /** The article's document when it is open in memory (read only). */
  live?: (articleId: string) => Y.Doc | null;
}

interface Burst {
  startedAt: number;
  timer: NodeJS.Timeout;
}

/**
 * Makes an article's automatic versions after a burst of editing: when its
 * content changed and then nobody edited for idleMs, or every maxMs while
 * editing goes on. Told of changes by the projector, which sees content
 * hashes change; makeVersion skips content the latest version already holds,
 * so two instances timing the same burst make one version.
 */
export class AutoVersioner {
  private readonly bursts = new Map<string, Burst>();
  private readonly making = new Set<Promise<unknown>>();
  private readonly log: pino.Logger;
  private isClosed = false;

  constructor(
    private readonly db: Db,
    private readonly options: AutoVersionerOptions,
  ) {
    this.log = options.log ?? logger();
  }

  /** The article's content changed just now. */
  changed(articleId: string): void {
    if (this.isClosed) return;
    const now = Date.now();
    const burst = this.bursts.get(articleId);
    if (burst) clearTimeout(burst.timer);
    const startedAt = burst?.startedAt ?? now;
    const wait = Math.max(0, Math.min(this.options.idleMs, startedAt + this.options.maxMs - now));
    const timer = setTimeout(() => this.make(articleId), wait);
    timer.unref();
    this.bursts.set(articleId, { startedAt, timer });
  }

  /** Makes the versions of the bursts still open (a stop loses none), then takes no more. */
  async close(): Promise<void> {
    this.isClosed = true;
    for (const [articleId, burst] of this.bursts) {
      clearTimeout(burst.timer);
      this.make(articleId);
    }
    await Promise.allSettled([...this.making]);
  }

  private make(articleId: string): void {
    this.bursts.delete(articleId);
    const doc = this.options.live?.(articleId) ?? undefined;
    const making = makeVersion(this.db, articleId, { kind: "auto", doc })
      .then(({ version, isNew }) => {
        if (isNew) this.log.info({ articleId, version: version.number }, "automatic version made");
      })
      .catch((error: unknown) => this.log.warn({ err: error, articleId }, "could not make the automatic version; the next edit tries again"))
      .finally(() => this.making.delete(making));
    this.making.add(making);
  }
}
