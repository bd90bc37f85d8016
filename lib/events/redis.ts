import { Redis } from "ioredis";
import { z } from "zod";
import { logger } from "../log";
import type { EventHandler, EventTransport, GalleyEvent } from "./bus";

const channel = "galley:events";

const eventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("user.changed"), userId: z.string() }),
  z.object({ type: z.literal("article.changed"), articleId: z.string() }),
  z.object({
    type: z.literal("comment.changed"),
    articleId: z.string(),
    commentId: z.string(),
    threadId: z.string(),
  }),
  z.object({ type: z.literal("notification.created"), userId: z.string() }),
  z.object({ type: z.literal("document.stored"), articleId: z.string() }),
  z.object({ type: z.literal("webhook.queued"), articleId: z.string() }),
]);

/**
 * Scaled out: events go through Redis pub/sub so every instance (this one
 * included, via its own subscription) hears every change.
 */
export function createRedisTransport(url: string): EventTransport {
  const publisher = new Redis(url, { maxRetriesPerRequest: 3 });
  const subscriber = new Redis(url);
  const handlers: EventHandler[] = [];
  for (const client of [publisher, subscriber]) {
    client.on("error", (error) => logger().warn({ err: error }, "redis event transport error"));
  }
  void subscriber.subscribe(channel);
  subscriber.on("message", (_channel: string, message: string) => {
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
      handlers.length = 0;
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}
