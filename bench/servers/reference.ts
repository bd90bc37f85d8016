import http from "node:http";
import { WebSocketServer } from "ws";
import { docs, setupWSConnection } from "@y/websocket-server/utils";
import { collectAndMeasure, serveRequests } from "../ipc";
import { listenLoopback } from "./listen";

/**
 * Child process: the reference @y/websocket-server 0.1.1, wired exactly like its
 * own bin (noServer ws + setupWSConnection), in memory, no auth, no persistence.
 */
const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_req, res) => res.writeHead(404).end());
server.on("upgrade", (req, socket, head) => {
  socket.on("error", () => undefined);
  wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req));
});

const port = await listenLoopback(server);
const loaded = docs as Map<string, { conns: Map<unknown, unknown> }>;

// A normal exit on SIGTERM, so --cpu-prof (BENCH_NODE_ARGS_*) can write its profile.
process.on("SIGTERM", () => process.exit(0));

serveRequests(
  {
    prepare: ({ count, prefix }: { count: number; prefix: string }) =>
      Array.from({ length: count }, (_, i) => {
        const name = `${prefix}-${i}`;
        return { name, url: `ws://127.0.0.1:${port}/${name}` };
      }),
    memory: () => ({ ...collectAndMeasure(), loadedDocs: loaded.size }),
    stats: () => ({
      loadedDocs: loaded.size,
      connections: [...loaded.values()].reduce((sum, doc) => sum + doc.conns.size, 0),
    }),
  },
  { port },
);
