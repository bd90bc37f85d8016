import { Server } from "@hocuspocus/server";
import { collectAndMeasure, serveRequests } from "../ipc";
import { listenLoopback } from "./listen";

/**
 * Child process: @hocuspocus/server 4.7 with its default configuration, in
 * memory (no extensions, no onAuthenticate), so a document is forgotten when
 * its last connection closes.
 */
const hocuspocus = new Server({ quiet: true, stopOnSignals: false });
// Its http server already carries the upgrade handler; listen like the other two (same backlog).
const port = await listenLoopback(hocuspocus.httpServer);
const instance = hocuspocus.hocuspocus;

// A normal exit on SIGTERM, so --cpu-prof (BENCH_NODE_ARGS_*) can write its profile.
process.on("SIGTERM", () => process.exit(0));

serveRequests(
  {
    prepare: ({ count, prefix }: { count: number; prefix: string }) =>
      // One socket per client, as a browser tab has; the document name travels in every message.
      Array.from({ length: count }, (_, i) => ({ name: `${prefix}-${i}`, url: `ws://127.0.0.1:${port}/` })),
    memory: () => ({ ...collectAndMeasure(), loadedDocs: instance.getDocumentsCount() }),
    stats: () => ({ loadedDocs: instance.getDocumentsCount(), connections: instance.getConnectionsCount() }),
  },
  { port },
);
