import type { RefusalReason } from "../metrics";
import type { Connection } from "./connection";

/** Where a refusal happened, and what the logs say of it. */
export type Refusal =
  /** An HTTP upgrade answered with a status; no connection exists (the id is the one it would have had). */
  | { at: "upgrade"; connectionId: string; status: number; userId?: string; articleId?: string }
  /** One message refused; the connection stays. */
  | { at: "message"; conn: Connection; detail?: string }
  /** The connection closed with a close code (access revoked, a limit). */
  | { at: "close"; conn: Connection; code: number; detail: string }
  /** The connection terminated without a close frame (a dead or too slow peer). */
  | { at: "drop"; conn: Connection };

/**
 * What the stages report as an update goes through them, for whoever
 * watches: the Prometheus metrics (metrics-observer.ts) and the logs
 * (log-observer.ts). The stages call their observer; they never import the
 * metrics or write connection log lines themselves.
 */
export interface CollabObserver {
  connectionOpened(conn: Connection): void;
  connectionClosed(conn: Connection, code: number): void;
  /** An upgrade or a message refused, or a connection closed or dropped, and why. */
  refused(reason: RefusalReason, refusal: Refusal): void;
  /** A connection's rights changed while it was open (read-only, suggest-only, writable). */
  accessChanged(conn: Connection): void;
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

/** Several observers as one: each report goes to all of them, in order. */
export function combineObservers(...observers: CollabObserver[]): CollabObserver {
  const each =
    <K extends keyof CollabObserver>(key: K) =>
    (...args: Parameters<CollabObserver[K]>) => {
      for (const observer of observers) (observer[key] as (...values: Parameters<CollabObserver[K]>) => void)(...args);
    };
  return {
    connectionOpened: each("connectionOpened"),
    connectionClosed: each("connectionClosed"),
    refused: each("refused"),
    accessChanged: each("accessChanged"),
    documentLoaded: each("documentLoaded"),
    documentUnloaded: each("documentUnloaded"),
    updateReceived: each("updateReceived"),
    updatesSent: each("updatesSent"),
    committed: each("committed"),
    compacted: each("compacted"),
  };
}
