import type { IncomingHttpHeaders } from "node:http";

/** What the web process tells its collaboration child (server/collab-process.ts) over IPC, besides events. */
export type ToCollabChild =
  /** An upgrade to /collab/…; its socket travels as the message's handle. */
  | { type: "upgrade"; method: string; url: string; headers: IncomingHttpHeaders; head: string }
  | { type: "metrics"; id: number };

/** What the child answers. */
/** `metrics`: the child registry's getMetricsAsJSON(), for prom-client's AggregatorRegistry. */
export type FromCollabChild = { type: "ready" } | { type: "metrics"; id: number; metrics: object[] };

export const isToCollabChild = (message: unknown): message is ToCollabChild =>
  typeof message === "object" && message !== null && ["upgrade", "metrics"].includes((message as { type?: string }).type ?? "");

export const isFromCollabChild = (message: unknown): message is FromCollabChild =>
  typeof message === "object" && message !== null && ["ready", "metrics"].includes((message as { type?: string }).type ?? "");
