import { logger } from "../log";
import { createLocalTransport, type EventHandler, type EventTransport, type GalleyEvent } from "./bus";

export type { GalleyEvent, EventHandler, EventTransport } from "./bus";

const key = Symbol.for("galley.events");
type Holder = { [key]?: { transport: EventTransport; handlers: Set<EventHandler> } };

/**
 * The process-wide bus, on globalThis so Next's bundle and the custom
 * server publish and listen on the same one.
 */
function bus() {
  const holder = globalThis as Holder;
  if (!holder[key]) {
    const handlers = new Set<EventHandler>();
    const transport = createLocalTransport();
    transport.onEvent((event) => dispatch(handlers, event));
    holder[key] = { transport, handlers };
  }
  return holder[key];
}

function dispatch(handlers: Set<EventHandler>, event: GalleyEvent) {
  for (const handler of handlers) {
    try {
      handler(event);
    } catch (error) {
      logger().error({ err: error, event }, "event handler failed");
    }
  }
}

/** Swaps the transport (Redis when scaled out); handlers stay subscribed. */
export function setEventTransport(transport: EventTransport): void {
  const current = bus();
  void current.transport.close();
  transport.onEvent((event) => dispatch(current.handlers, event));
  current.transport = transport;
}

export async function publishEvent(event: GalleyEvent): Promise<void> {
  try {
    await bus().transport.publish(event);
  } catch (error) {
    logger().error({ err: error, event }, "could not publish event");
  }
}

/** Returns an unsubscribe function. */
export function subscribeEvents(handler: EventHandler): () => void {
  const { handlers } = bus();
  handlers.add(handler);
  return () => handlers.delete(handler);
}
