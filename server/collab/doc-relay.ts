import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type pino from "pino";

/** What one article's room hears from the other instances. */
export interface RelayListener {
  /** Document updates another instance has stored and broadcast to its own clients. */
  onUpdates(updates: Uint8Array[]): void;
  /** Awareness states of another instance's clients (already stamped with their users there). */
  onAwareness(update: Uint8Array): void;
  /** Another instance just loaded the article and asks for the presence of this one's clients. */
  onAwarenessQuery(): void;
  /**
   * Redis confirmed the subscription only after the load went on without it:
   * what the others relayed meanwhile is only in the store, and their
   * presence has to be asked for again.
   */
  onLateSubscription(): void;
}

/**
 * Scaled out, clients of one article may sit on different instances: each
 * instance relays what its own clients changed, after storing it, to the
 * others that have the article loaded. Lost messages (a Redis outage) are
 * made good from the store, which holds everything that was ever relayed.
 */
export interface DocRelay {
  /** Starts hearing the article's changes from other instances; resolves once subscribed. */
  join(articleId: string, listener: RelayListener): Promise<void>;
  leave(articleId: string): void;
  publishUpdates(articleId: string, updates: readonly Uint8Array[]): void;
  publishAwareness(articleId: string, update: Uint8Array): void;
  queryAwareness(articleId: string): void;
  /** Runs after the link came back from an outage, when messages may have been missed. */
  onResume(handler: () => void): void;
  close(): Promise<void>;
}

const kindUpdates = 0;
const kindAwareness = 1;
const kindAwarenessQuery = 2;
const instanceIdBytes = 16;

export interface RedisRelayOptions {
  log: pino.Logger;
  /** Channel prefix; tests give each run its own. */
  prefix?: string;
  /** How long a document load waits for its subscription before going on without it. */
  joinTimeoutMs?: number;
}

/** The relay over Redis pub/sub: one channel per loaded article, binary messages tagged with the sending instance. */
export function createRedisDocRelay(url: string, options: RedisRelayOptions): DocRelay {
  const { log } = options;
  const prefix = options.prefix ?? "galley:doc:";
  const joinTimeoutMs = options.joinTimeoutMs ?? 2000;
  const instance = randomBytes(instanceIdBytes);
  // Auto-pipelining: the publishes of one turn (every room of a group commit) go to Redis in one write, not one each.
  const publisher = new Redis(url, { maxRetriesPerRequest: 3, enableAutoPipelining: true });
  const subscriber = new Redis(url);
  const listeners = new Map<string, RelayListener>();
  const resumeHandlers: (() => void)[] = [];
  let hasBeenReady = false;
  let isClosed = false;

  for (const client of [publisher, subscriber]) {
    client.on("error", (error) => log.warn({ err: error }, "redis document relay error"));
  }
  subscriber.on("ready", () => {
    // ioredis subscribes again by itself; what was published meanwhile is only in the store.
    if (hasBeenReady) for (const handler of resumeHandlers) handler();
    hasBeenReady = true;
  });
  subscriber.on("messageBuffer", (channel: Buffer, message: Buffer) => {
    if (message.length <= instanceIdBytes || message.subarray(0, instanceIdBytes).equals(instance)) return;
    const articleId = channel.toString("utf8").slice(prefix.length);
    const listener = listeners.get(articleId);
    if (!listener) return;
    const payload = message.subarray(instanceIdBytes + 1);
    try {
      switch (message[instanceIdBytes]) {
        case kindUpdates:
          return listener.onUpdates(decodeUpdates(payload));
        case kindAwareness:
          return listener.onAwareness(payload);
        case kindAwarenessQuery:
          return listener.onAwarenessQuery();
      }
    } catch (error) {
      log.warn({ err: error, articleId }, "ignored a relayed document message that could not be applied");
    }
  });

  const publish = (articleId: string, kind: number, payload: Uint8Array) => {
    if (isClosed) return;
    const message = Buffer.allocUnsafe(instanceIdBytes + 1 + payload.length);
    instance.copy(message, 0);
    message[instanceIdBytes] = kind;
    message.set(payload, instanceIdBytes + 1);
    publisher.publish(prefix + articleId, message).catch((error: unknown) => {
      // The others catch up from the store when their link to Redis comes back.
      log.warn({ err: error, articleId }, "could not relay a document change");
    });
  };

  return {
    async join(articleId, listener) {
      listeners.set(articleId, listener);
      let timer: NodeJS.Timeout | undefined;
      let isLate = false;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          isLate = true;
          log.warn({ articleId }, "redis did not confirm the document subscription in time; going on");
          resolve();
        }, joinTimeoutMs);
      });
      const subscribed = subscriber.subscribe(prefix + articleId).then(
        () => {
          if (isLate && listeners.get(articleId) === listener) listener.onLateSubscription();
        },
        (error: unknown) => log.warn({ err: error, articleId }, "could not subscribe to the document relay"),
      );
      await Promise.race([subscribed, timeout]);
      clearTimeout(timer);
    },
    leave(articleId) {
      if (!listeners.delete(articleId) || isClosed) return;
      subscriber.unsubscribe(prefix + articleId).catch(() => {});
    },
    publishUpdates(articleId, updates) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, updates.length);
      for (const update of updates) encoding.writeVarUint8Array(encoder, update);
      publish(articleId, kindUpdates, encoding.toUint8Array(encoder));
    },
    publishAwareness(articleId, update) {
      publish(articleId, kindAwareness, update);
    },
    queryAwareness(articleId) {
      publish(articleId, kindAwarenessQuery, new Uint8Array(0));
    },
    onResume(handler) {
      resumeHandlers.push(handler);
    },
    async close() {
      isClosed = true;
      listeners.clear();
      resumeHandlers.length = 0;
      subscriber.disconnect();
      await publisher.quit().catch(() => publisher.disconnect());
    },
  };
}

function decodeUpdates(payload: Uint8Array): Uint8Array[] {
  const decoder = decoding.createDecoder(payload);
  const count = decoding.readVarUint(decoder);
  const updates: Uint8Array[] = [];
  for (let i = 0; i < count; i++) updates.push(decoding.readVarUint8Array(decoder));
  return updates;
}
