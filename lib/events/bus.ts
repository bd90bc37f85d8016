import { EventEmitter } from "node:events";
import { z } from "zod";

/** Live events that other parts (the collab server, inboxes) react to. */
export type GalleyEvent =
  /** A user's role, status or credentials changed: re-check their open connections. */
  | { type: "user.changed"; userId: string }
  /** An article's status, membership or metadata changed: re-check its connections. */
  | { type: "article.changed"; articleId: string }
  /** A comment was added, edited, deleted, or its thread resolved or reopened: clients refetch the thread. */
  | { type: "comment.changed"; articleId: string; commentId: string; threadId: string }
  /** A user has a new notification: their unread count changed. */
  | { type: "notification.created"; userId: string }
  /** Changes to an article's document were stored outside the collab server (a restore): open copies read them from the store. */
  | { type: "document.stored"; articleId: string }
  /** A webhook delivery is due now (a publication, "Retry now"): dispatchers look at the outbox at once. */
  | { type: "webhook.queued"; articleId: string };

/** An event as it arrives from another process (Redis, the collab child): checked before anyone hears it. */
export const eventSchema = z.discriminatedUnion("type", [
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
]) satisfies z.ZodType<GalleyEvent>;

export type EventHandler = (event: GalleyEvent) => void;

export interface EventTransport {
  publish(event: GalleyEvent): Promise<void>;
  /** Called for every event published by any instance, this one included. */
  onEvent(handler: EventHandler): void;
  close(): Promise<void>;
}

/** The default transport: everything stays inside this process. */
export function createLocalTransport(): EventTransport {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(event) {
      emitter.emit("event", event);
    },
    onEvent(handler) {
      emitter.on("event", handler);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}
