import type { RefusalReason } from "../metrics";

/**
 * What the stages report as an update goes through them, for whoever
 * watches: the Prometheus metrics (metrics-observer.ts), and nothing else
 * needs to know. The stages call their observer; they never import the
 * metrics themselves.
 */
export interface CollabObserver {
  connectionOpened(): void;
  connectionClosed(): void;
  /** An upgrade or a message refused, or a connection dropped, and why. */
  refused(reason: RefusalReason): void;
  documentLoaded(): void;
  documentUnloaded(): void;
  /** An update message applied to a room's document. */
  updateReceived(): void;
  /** Update messages written to this many sockets. */
  updatesSent(count: number): void;
  /** A group commit stored this many updates, taking this long. */
  committed(updates: number, seconds: number): void;
  compacted(result: "folded" | "skipped" | "failed"): void;
}
