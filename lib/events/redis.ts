import { Redis } from "ioredis";
import { logger } from "../log";
import { eventSchema, type EventHandler, type EventTransport, type GalleyEvent } from "./bus";

const channel = "galley:events";

/**
 * Scaled out: events go through Redis pub/sub so every instance (this one
 * included, via its own subscription) hears every change.
 */
export function createRedisTransport(url: string, options: { isPublishOnly?: boolean } = {}): EventTransport {
  // Connects on the first publish: a command that publishes nothing never opens Redis.
  const publisher = new Redis(url, { maxRetriesPerRequest: 3, lazyConnect: options.isPublishOnly === true });
  const subscriber = options.isPublishOnly ? null : new Redis(url);
  const handlers: EventHandler[] = [];
  let isClosed = false;
  for (const client of [publisher, subscriber]) {
    client?.on("error", (error) => {
      if (!isClosed) logger().warn({ err: error }, "redis event transport error");
    });
  }
  subscriber?.subscribe(channel).catch((error: unknown) => {
    // Closed before the subscription was answered: nothing to report.
    if (!isClosed) logger().warn({ err: error }, "could not subscribe to live events on redis");
  });
  subscriber?.on("message", (_channel: string, message: string) => {
    let event: GalleyEvent;
    try {
      event = eventSchema.parse(JSON.parse(message));
    } catch (error) {
      logger().warn({ err: error }, "ignored a malformed event from redis");
      return;
    }
    for (const handler of handlers) handler(event);
  });
  return {
    async publish(event) {
      await publisher.publish(channel, JSON.stringify(event));
    },
    onEvent(handler) {
      handlers.push(handler);
    },
    async close() {
      isClosed = true;
      handlers.length = 0;
      subscriber?.disconnect();
      // Sent publishes are answered before the connection goes; one never opened is simply dropped.
      if (publisher.status === "ready") await publisher.quit().catch(() => publisher.disconnect());
      else publisher.disconnect();
    },
  };
}
