/**
 * The collaboration server in a process of its own, started by
 * server/index.ts (`npm start`, web and collab on one port): the web process
 * hands it every /collab/ upgrade with its socket, so an edit never waits
 * behind a page render or Next's garbage collection, and nothing of Next
 * shares its heap. It stops on SIGTERM, and when the web process goes away.
 */
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import os from "node:os";
import { closeStore, getStore } from "../lib/db/client";
import { env } from "../lib/env";
import { setEventTransport } from "../lib/events";
import { createIpcTransport } from "../lib/events/ipc";
import { createRedisTransport } from "../lib/events/redis";
import { logger } from "../lib/log";
import { createCollabServer, createRedisDocRelay } from "./collab";
import { registry } from "./metrics";
import { isToCollabChild, type FromCollabChild } from "./collab-child-messages";
import { setProcessPriority } from "./priority";

async function main() {
  const config = env();
  const log = logger();
  const reply = (message: FromCollabChild) => process.send?.(message);
  // Started again after a crash, this process inherited the web process's lowered priority: take back the original where allowed.
  const priority = Number(process.env.GALLEY_COLLAB_PRIORITY);
  if (Number.isInteger(priority) && os.getPriority() > priority) {
    try {
      setProcessPriority(priority);
    } catch {
      log.warn("could not take back the collaboration process's priority after a restart");
    }
  }
  // Live events: Redis when scaled out, otherwise the web process next door.
  setEventTransport(config.REDIS_URL ? createRedisTransport(config.REDIS_URL) : createIpcTransport(process));
  // The web process migrated the store before starting this one.
  const store = await getStore();
  const relay = config.REDIS_URL ? createRedisDocRelay(config.REDIS_URL, { log }) : undefined;
  const collab = createCollabServer({ db: store.db, log, relay });

  let isStopping = false;
  const stop = async (why: string) => {
    if (isStopping) return;
    isStopping = true;
    log.info({ why }, "collaboration process stopping");
    // Stores what was received and closes the sockets with 1012: clients reconnect (to another instance, or to the next start).
    await collab.close().catch((error: unknown) => log.error({ err: error }, "collab shutdown failed"));
    await closeStore();
    process.exit(0);
  };

  process.on("message", (message: unknown, handle: unknown) => {
    if (!isToCollabChild(message)) return;
    if (message.type === "upgrade") {
      const socket = handle as Socket | undefined;
      if (!socket) return;
      // What the upgrade needs of the request: ws reads the method and headers, Galley the URL and headers.
      const req = { method: message.method, url: message.url, headers: message.headers, socket } as unknown as IncomingMessage;
      collab.handleUpgrade(req, socket, Buffer.from(message.head, "base64"));
    } else if (message.type === "metrics") {
      void registry.getMetricsAsJSON().then((metrics) => reply({ type: "metrics", id: message.id, metrics }));
    }
  });
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  // The web process died (even by kill -9): nobody can hand this one sockets any more.
  process.on("disconnect", () => void stop("the web process went away"));
  reply({ type: "ready" });
}

main().catch((error: unknown) => {
  logger().fatal({ err: error }, "the collaboration process could not start");
  process.exit(1);
});
