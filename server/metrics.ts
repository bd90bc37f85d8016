import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { AggregatorRegistry, Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { env } from "../lib/env";
import { logger } from "../lib/log";

/** Galley's own registry (not prom-client's global one), with Node's process metrics. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: "galley_" });

/** Why the collab server turned something down; the label values of galley_collab_refusals_total. */
export type RefusalReason =
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "bad_origin"
  | "too_many_connections"
  | "unavailable"
  | "read_only"
  | "not_a_suggestion"
  | "awareness_foreign_client"
  | "awareness_too_many_clients"
  | "awareness_too_large"
  | "text_frame"
  | "malformed_message"
  | "unknown_message"
  | "message_too_large"
  | "document_too_large"
  | "rate_limited"
  | "slow_reader"
  | "heartbeat_timeout"
  | "access_revoked";

export const collabMetrics = {
  connections: new Gauge({
    name: "galley_collab_connections",
    help: "Open collaboration websocket connections.",
    registers: [registry],
  }),
  documents: new Gauge({
    name: "galley_collab_documents_loaded",
    help: "Article documents held in memory.",
    registers: [registry],
  }),
  updatesIn: new Counter({
    name: "galley_collab_updates_received_total",
    help: "Document update messages accepted from clients.",
    registers: [registry],
  }),
  updatesOut: new Counter({
    name: "galley_collab_updates_sent_total",
    help: "Document update messages delivered to clients (one per receiving connection).",
    registers: [registry],
  }),
  persistSeconds: new Histogram({
    name: "galley_collab_persist_seconds",
    help: "Time to commit one group of document updates to the store.",
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  }),
  persistedUpdates: new Counter({
    name: "galley_collab_persisted_updates_total",
    help: "Update rows written to the store (one per document per commit).",
    registers: [registry],
  }),
  refusals: new Counter({
    name: "galley_collab_refusals_total",
    help: "Connections, messages and updates the collab server refused, by reason.",
    labelNames: ["reason"] as const,
    registers: [registry],
  }),
  compactions: new Counter({
    name: "galley_collab_compactions_total",
    help: "Background document compactions, by result.",
    labelNames: ["result"] as const,
    registers: [registry],
  }),
};

export function countRefusal(reason: RefusalReason): void {
  collabMetrics.refusals.inc({ reason });
}

/**
 * GET /metrics – Prometheus text format. `others`: the metrics of this
 * instance's other processes (its collaboration child), summed with its own
 * as prom-client's cluster aggregation does.
 */
export async function serveMetrics(req: IncomingMessage, res: ServerResponse, others?: () => Promise<object[]>): Promise<void> {
  // With GALLEY_METRICS_TOKEN set, a scraper must present it; counts of users and refusals are not for everyone.
  const token = env().GALLEY_METRICS_TOKEN;
  if (token && !isSameSecret(req.headers.authorization ?? "", `Bearer ${token}`)) {
    res.writeHead(401, { "content-type": "text/plain", "www-authenticate": "Bearer" });
    return void res.end("metrics need Authorization: Bearer <GALLEY_METRICS_TOKEN>\n");
  }
  try {
    const extra = (await others?.()) ?? [];
    const body = extra.length > 0 ? await AggregatorRegistry.aggregate([await registry.getMetricsAsJSON(), extra]).metrics() : await registry.metrics();
    res.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" });
    res.end(body);
  } catch (error) {
    logger().error({ err: error }, "could not render metrics");
    res.writeHead(500, { "content-type": "text/plain" });
    res.end("metrics unavailable");
  }
}

function isSameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
