import type pino from "pino";
import type { Db } from "../lib/db/client";

/** What a command runs against: the server's store, a logger on stderr, and the server's event bus. */
export interface Runtime {
  db: Db;
  logger(): pino.Logger;
  /** Closes the store and the event relay; call before exit. */
  close(): Promise<void>;
}

/**
 * Loads the store's modules only once the command line is known to be good,
 * so help and usage errors answer at once.
 */
export async function openRuntime(): Promise<Runtime> {
  const [{ default: pino }, { env }, log, { openStore }] = await Promise.all([
    import("pino"),
    import("../lib/env"),
    import("../lib/log"),
    import("../lib/db/client"),
  ]);
  // stdout is for results: logs go to stderr, quiet unless LOG_LEVEL asks.
  log.setLogger(log.createLogger(pino.destination(2), process.env.LOG_LEVEL ? env().LOG_LEVEL : "warn"));
  const store = await openStore().catch((error: unknown) => {
    log.logger().error({ err: error }, "could not open the store");
    throw error;
  });
  const relay = await openEventRelay(env().REDIS_URL);
  return {
    db: store.db,
    logger: log.logger,
    async close() {
      await relay?.close();
      await store.close();
    },
  };
}

/**
 * Scaled out, the servers listen on Redis: publish there too, so a role change
 * or a disabled account made here reaches their open connections at once.
 */
async function openEventRelay(redisUrl: string | undefined) {
  if (!redisUrl) return undefined;
  const [{ createRedisTransport }, events] = await Promise.all([import("../lib/events/redis"), import("../lib/events")]);
  // Publish only: a command hears nothing back, and one that changes nothing never connects.
  const transport = createRedisTransport(redisUrl, { isPublishOnly: true });
  events.setEventTransport(transport);
  return transport;
}
