import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type pino from "pino";
import type { Db } from "../../lib/db/client";
import { logger } from "../../lib/log";
import { CollabService } from "./collab-server";
import type { DocRelay } from "./doc-relay";
import { limitsFromEnv, type CollabLimits } from "./limits";

export type { CollabLimits } from "./limits";
export { createRedisDocRelay, type DocRelay } from "./doc-relay";
export { collabArticleId } from "./upgrade";

export interface CollabServerOptions {
  db: Db;
  log?: pino.Logger;
  /** Overrides of the GALLEY_* limits (tests, benchmarks). */
  limits?: Partial<CollabLimits>;
  /** Scaled out: relays document changes and presence to the other instances (closed with the server). */
  relay?: DocRelay;
}

export interface CollabServer {
  /** Mount on an http.Server's `upgrade` event for paths under /collab/. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Stores everything received, closes every socket with 1012 (clients reconnect) and lets go of the documents. */
  close(): Promise<void>;
  stats(): { connections: number; documents: number; users: number };
  /** Resolves once every update received so far is stored and requested compactions ran. */
  idle(): Promise<void>;
  readonly limits: CollabLimits;
}

/**
 * The y-websocket collaboration server at /collab/<articleId>: authenticated
 * upgrades, server-side permissions, durable group-committed storage, limits.
 * Prometheus metrics are in server/metrics.ts.
 */
export function createCollabServer(options: CollabServerOptions): CollabServer {
  const limits = { ...limitsFromEnv(), ...options.limits };
  const log = (options.log ?? logger()).child({ component: "collab" });
  return new CollabService(options.db, log, limits, options.relay ?? null);
}
