import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { authSecret } from "../lib/auth/secret";
import { ensureFirstAdmin } from "../lib/commands/bootstrap";
import { closeStore, getStore } from "../lib/db/client";
import { dataDir, env } from "../lib/env";
import { serverLockName } from "../lib/commands/restore-store";
import { setEventTransport } from "../lib/events";
import { createRedisTransport } from "../lib/events/redis";
import { logger } from "../lib/log";
import { runInRequestContext } from "../lib/request-context";
import { WebhookDispatcher } from "../lib/webhooks";
import { printFirstAdmin } from "./banner";
import { collabArticleId, createCollabServer, createRedisDocRelay } from "./collab";
import { CollabChild } from "./collab-child";
import { serveHealth } from "./health";
import { serveMetrics } from "./metrics";
import { Readiness } from "./ready";
import { trackRequest } from "./access-log";
import { setSecurityHeaders } from "./security-headers";
import { allowedMethods, jsonMethodNotAllowed, readApiRoutes, refuseUnlessRead } from "./api-methods";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Starts Galley: store and migrations, first admin, then the web app and collab socket on one port. */
async function main() {
  const config = env();
  const log = logger();
  const services = new Set(config.SERVICES.split(",").map((s) => s.trim()));
  const isDev = config.NODE_ENV !== "production";

  // next-auth reads these from the environment inside Next's bundle.
  process.env.NEXTAUTH_SECRET ??= authSecret();
  if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "true";

  // Scaled out: live events reach every instance through Redis.
  if (config.REDIS_URL) setEventTransport(createRedisTransport(config.REDIS_URL));

  const store = await getStore();
  const admin = await ensureFirstAdmin(store.db, {
    email: config.GALLEY_ADMIN_EMAIL,
    password: config.GALLEY_ADMIN_PASSWORD,
  });
  if (admin) printFirstAdmin(admin);

  // Web and collab together (the default in production): the collaboration server runs in a process of its own,
  // so no page render or Next garbage collection holds up an edit; this one hands it each /collab/ upgrade's socket.
  const isCollabApart = services.has("web") && services.has("collab") && !isDev && config.GALLEY_COLLAB_PROCESS === "own";
  const collabChildStarting = isCollabApart ? CollabChild.start(log, { isRelayingEvents: !config.REDIS_URL }) : null;
  const app = services.has("web") ? next({ dev: isDev, dir: root, hostname: "localhost", port: config.PORT }) : null;
  await app?.prepare();
  const handle = app?.getRequestHandler();
  const collabChild = await collabChildStarting;
  // Scaled out: clients of one article may sit on different instances; Redis carries their changes between them.
  const isCollabHere = services.has("collab") && !isCollabApart;
  const relay = config.REDIS_URL && isCollabHere ? createRedisDocRelay(config.REDIS_URL, { log }) : undefined;
  const collab = isCollabHere ? createCollabServer({ db: store.db, log, relay }) : null;
  // The publish webhook's outbox: every instance delivers, each delivery is claimed by one.
  const webhooks = config.GALLEY_PUBLISH_WEBHOOK_URL
    ? new WebhookDispatcher(store.db, { url: config.GALLEY_PUBLISH_WEBHOOK_URL, secret: config.GALLEY_PUBLISH_WEBHOOK_SECRET!, log })
    : null;
  webhooks?.start();

  const readiness = new Readiness(config.REDIS_URL, () => collabChild?.isUp ?? true);
  const apiRoutes = readApiRoutes(path.join(root, "app"));
  const httpLog = log.child({ component: "http" });
  const isHttps = (config.NEXTAUTH_URL ?? "").startsWith("https:");
  // Answered here, outside Next (they must work while Next is busy or absent); GET and HEAD only.
  const ownRoutes = new Map<string, (req: http.IncomingMessage, res: http.ServerResponse) => unknown>([
    ["/api/health", (_req, res) => serveHealth(res)],
    ["/api/ready", (_req, res) => readiness.serve(res)],
    ["/metrics", (req, res) => serveMetrics(req, res, collabChild ? () => collabChild.metrics() : undefined)],
  ]);
  const server = http.createServer((req, res) => {
    // The client's address as this server saw it, for sign-in throttling; never the client's word.
    req.headers["x-galley-client-ip"] = req.socket.remoteAddress ?? "unknown";
    const { requestId, context } = trackRequest(req, res, httpLog);
    setSecurityHeaders(req, res, { isHttps, isDev });
    const pathname = (req.url ?? "/").split("?")[0];
    const serveOwn = ownRoutes.get(pathname!);
    if (serveOwn) {
      if (!refuseUnlessRead(req.method, res)) void serveOwn(req, res);
      return;
    }
    if (pathname!.startsWith("/api/")) jsonMethodNotAllowed(res, req.method ?? "GET", allowedMethods(apiRoutes, pathname!));
    if (!handle) {
      res.writeHead(404, { "content-type": "application/json" });
      return void res.end(JSON.stringify({ error: "not_found", message: "This instance serves only the collaboration socket." }));
    }
    // Inside the request's context: lib/auth notes the user there for the access line.
    runInRequestContext(context, () => handle(req, res)).catch((error: unknown) => {
      log.error({ err: error, path: (req.url ?? "/").split("?")[0], requestId }, "request failed");
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("Internal error");
    });
  });
  server.keepAliveTimeout = 65_000;

  const upgradeNext = isDev ? app?.getUpgradeHandler() : undefined;
  const onUpgradeSocketError = (error: Error) => log.debug({ err: error }, "upgrade socket error");
  server.on("upgrade", (req, socket, head) => {
    socket.on("error", onUpgradeSocketError);
    // Dev only: Next's hot reload socket. Anything else unknown is refused, not left hanging.
    if (upgradeNext && req.url?.startsWith("/_next/")) return void upgradeNext(req, socket, head);
    if (collabArticleId((req.url ?? "/").split("?")[0]!)) {
      if (collabChild) return collabChild.handleUpgrade(req, socket, head);
      if (collab) return collab.handleUpgrade(req, socket, head);
    }
    socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  });

  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  const collabMode = isCollabApart ? "own process" : isCollabHere ? "this process" : "off";
  log.info({ port, services: [...services], collab: collabMode, store: store.dialect, mode: isDev ? "development" : "production" }, "Galley is listening");
  process.stdout.write(`Galley is ready on http://localhost:${port}\n`);
  // On SQLite, `galley restore` must know a server holds this DATA_DIR's store.
  const lockFile = store.dialect === "sqlite" ? path.join(dataDir(), serverLockName) : null;
  if (lockFile) fs.writeFileSync(lockFile, JSON.stringify({ pid: process.pid, port, startedAt: new Date().toISOString() }));

  let isStopping = false;
  const stop = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    log.info({ signal }, "shutting down");
    // Load balancers asking /api/ready hear "draining" from now on.
    readiness.drain();
    server.close();
    // Collab first: it stores what it received and closes its sockets with 1012 so clients reconnect.
    await collab?.close().catch((error: unknown) => log.error({ err: error }, "collab shutdown failed"));
    await collabChild?.stop();
    await webhooks?.stop();
    server.closeAllConnections();
    await readiness.close();
    await closeStore();
    if (lockFile) fs.rmSync(lockFile, { force: true });
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  process.stderr.write(`Galley could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  logger().fatal({ err: error }, "start failed");
  process.exit(1);
});
