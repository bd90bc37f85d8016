import * as Y from "yjs";

/**
 * Where each edit's send time is kept so a receiver can turn an incoming update
 * into latency samples. One tracker per document; all clients of a document
 * live in the same load worker, so they share one clock.
 */
export class DocTracker {
  /** clientID → send time (epoch ms) indexed by the Yjs clock of the inserted character. */
  readonly sentAt = new Map<number, number[]>();
  /** clientID → the instance (index into DocSpec.urls) its client is connected to. */
  readonly instanceOf = new Map<number, number>();

  record(clientId: number, clock: number, at: number): void {
    let times = this.sentAt.get(clientId);
    if (!times) this.sentAt.set(clientId, (times = []));
    times[clock] = at;
  }

  /** Edits whose send time falls inside the window. */
  countSent(windowStart: number, windowEnd: number): number {
    let count = 0;
    for (const times of this.sentAt.values()) {
      for (const at of times) if (at !== undefined && at >= windowStart && at < windowEnd) count++;
    }
    return count;
  }
}

/** The samples of one measured window, shared by every client of a worker. */
export class LatencySink {
  windowStart = Number.POSITIVE_INFINITY;
  windowEnd = Number.POSITIVE_INFINITY;
  samples: number[] = [];
  /** The samples whose sender and receiver sit on different instances (scaled out). */
  crossSamples: number[] = [];
  ackSamples: number[] = [];
  delivered = 0;

  open(start: number, end: number): void {
    this.windowStart = start;
    this.windowEnd = end;
    this.samples = [];
    this.crossSamples = [];
    this.ackSamples = [];
    this.delivered = 0;
  }

  isInWindow(at: number): boolean {
    return at >= this.windowStart && at < this.windowEnd;
  }
}

/**
 * Counts the characters of other clients that an update brings to this
 * receiver for the first time and records their latency. `seen` is the
 * receiver's own high-water clock per sender, so a merged or repeated update
 * never counts a character twice.
 */
export function recordArrivals(
  update: Uint8Array,
  ownId: number,
  seen: Map<number, number>,
  tracker: DocTracker,
  sink: LatencySink,
  now: number,
): void {
  const ownInstance = tracker.instanceOf.get(ownId);
  const meta = Y.parseUpdateMeta(update);
  for (const [client, to] of meta.to) {
    if (client === ownId) continue;
    const times = tracker.sentAt.get(client);
    const highWater = seen.get(client) ?? 0;
    if (to <= highWater) continue;
    seen.set(client, to);
    if (!times) continue;
    const isCross = tracker.instanceOf.get(client) !== ownInstance;
    for (let clock = Math.max(meta.from.get(client) ?? 0, highWater); clock < to; clock++) {
      const at = times[clock];
      if (at === undefined || !sink.isInWindow(at)) continue;
      sink.samples.push(now - at);
      if (isCross) sink.crossSamples.push(now - at);
      sink.delivered++;
    }
  }
}
