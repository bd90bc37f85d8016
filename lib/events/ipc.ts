import { logger } from "../log";
import { eventSchema, type EventHandler, type EventTransport, type GalleyEvent } from "./bus";

/** The one end of a parent–child IPC channel this transport needs (a ChildProcess, or `process` in the child). */
export interface IpcChannel {
  readonly connected: boolean;
  send?(message: unknown): boolean;
  on(event: "message", listener: (message: unknown) => void): unknown;
  off(event: "message", listener: (message: unknown) => void): unknown;
}

/** How an event travels on the channel, among the channel's other messages. */
interface EventMessage {
  type: "galley-event";
  event: GalleyEvent;
}

const isEventMessage = (message: unknown): message is EventMessage =>
  typeof message === "object" && message !== null && (message as { type?: unknown }).type === "galley-event";

/**
 * One machine, two processes (the web app and its collaboration child,
 * server/index.ts): each hears its own events at once and the other's over
 * their IPC channel, so a comment posted through the API reaches the
 * sockets and a change seen by the collab server reaches the web app.
 */
export function createIpcTransport(channel: IpcChannel): EventTransport {
  const handlers: EventHandler[] = [];
  const deliver = (event: GalleyEvent) => {
    for (const handler of handlers) handler(event);
  };
  const onMessage = (message: unknown) => {
    if (!isEventMessage(message)) return;
    const parsed = eventSchema.safeParse(message.event);
    if (parsed.success) deliver(parsed.data);
    else logger().warn({ err: parsed.error }, "ignored a malformed event from the other Galley process");
  };
  channel.on("message", onMessage);
  return {
    async publish(event) {
      deliver(event);
      if (channel.connected) channel.send?.({ type: "galley-event", event } satisfies EventMessage);
    },
    onEvent(handler) {
      handlers.push(handler);
    },
    async close() {
      handlers.length = 0;
      channel.off("message", onMessage);
    },
  };
}
