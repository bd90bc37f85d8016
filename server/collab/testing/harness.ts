import type pino from "pino";
import http from "node:http";
import type { AddressInfo } from "node:net";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { mintToken } from "../../../lib/auth/tokens";
import type { Db } from "../../../lib/db/client";
import { createTestStore, type StoreKind } from "../../../lib/testing/stores";
import { createCollabServer, type CollabLimits, type CollabServer, type DocRelay } from "..";

// Tokens are signed with this; set before anything asks lib/auth for the secret.
process.env.NEXTAUTH_SECRET ??= "collab-test-secret-0123456789abcdef";

export interface TestCollab {
  db: Db;
  collab: CollabServer;
  port: number;
  /** ws://127.0.0.1:<port>/collab – the provider's server URL. */
  url: string;
  close(): Promise<void>;
}

/** A real collab server on an ephemeral port over a fresh store (SQLite file by default). */
export async function startCollab(
  options: { kind?: StoreKind; limits?: Partial<CollabLimits>; wrapDb?: (db: Db) => Db; log?: pino.Logger } = {},
): Promise<TestCollab> {
  const store = await createTestStore(options.kind ?? "sqlite");
  const instance = await startCollabOn(options.wrapDb?.(store.db) ?? store.db, { limits: options.limits, log: options.log });
  return {
    ...instance,
    db: store.db,
    async close() {
      await instance.close();
      await store.dispose();
    },
  };
}

/** A collab server over a store the caller owns (several instances share one when scaled out). */
export async function startCollabOn(
  db: Db,
  options: { limits?: Partial<CollabLimits>; relay?: DocRelay; log?: pino.Logger } = {},
): Promise<TestCollab> {
  const collab = createCollabServer({ db, limits: options.limits, relay: options.relay, log: options.log });
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  server.on("upgrade", (req, socket, head) => collab.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    db,
    collab,
    port,
    url: `ws://127.0.0.1:${port}/collab`,
    async close() {
      await collab.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export const tokenFor = (user: { id: string; tokenVersion: number }, ttlSeconds = 3600) => mintToken(user, ttlSeconds);

/** Polls until the condition holds (sockets give no other signal to wait on). */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface TestProvider {
  doc: Y.Doc;
  provider: WebsocketProvider;
  synced: Promise<void>;
  /** Close codes the server sent, in order. */
  closeCodes: number[];
  /** Reasons of the "permission denied" messages received (the server's read-only notice). */
  denied: string[];
  destroy(): void;
}

/** The stock y-websocket provider, with BroadcastChannel off: in one process only the server may carry updates. */
export function connectProvider(
  url: string,
  articleId: string,
  params: Record<string, string>,
  doc = new Y.Doc(),
): TestProvider {
  const provider = new WebsocketProvider(url, articleId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params,
    disableBc: true,
    maxBackoffTime: 300,
  });
  const closeCodes: number[] = [];
  provider.on("connection-close", (event) => {
    if (event) closeCodes.push(event.code);
  });
  const denied: string[] = [];
  provider.messageHandlers[2] = (_encoder, decoder) => {
    if (decoding.readVarUint(decoder) === 0) denied.push(decoding.readVarString(decoder));
  };
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) return resolve();
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      provider.off("sync", onSync);
      resolve();
    };
    provider.on("sync", onSync);
  });
  return {
    doc,
    provider,
    synced,
    closeCodes,
    denied,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** A bare websocket speaking the protocol by hand, for what a stock provider never sends. */
export class RawClient {
  readonly messages: Uint8Array[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.binaryType = "nodebuffer";
    ws.on("message", (data: Buffer) => {
      this.messages.push(new Uint8Array(data));
      for (const wake of this.waiters.splice(0)) wake();
    });
    ws.on("error", () => {});
    this.closed = new Promise((resolve) => {
      ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() }));
    });
  }

  /** Opens a socket; rejects with the HTTP status when the upgrade is refused. */
  static open(
    url: string,
    articleId: string,
    params: Record<string, string> = {},
    headers: Record<string, string> = {},
  ): Promise<RawClient> {
    const query = new URLSearchParams(params).toString();
    const ws = new WebSocket(`${url}/${articleId}${query ? `?${query}` : ""}`, { headers, perMessageDeflate: false });
    return new Promise((resolve, reject) => {
      ws.once("open", () => resolve(new RawClient(ws)));
      ws.once("unexpected-response", (_req, res) => {
        reject(new UpgradeRefused(res.statusCode ?? 0));
        res.resume();
        ws.terminate();
      });
      ws.once("error", reject);
    });
  }

  /** Resolves when more than `count` messages have arrived, or the socket closed. */
  async receivedMoreThan(count: number): Promise<void> {
    while (this.messages.length <= count) {
      const arrived = new Promise<void>((resolve) => this.waiters.push(resolve));
      if ((await Promise.race([arrived.then(() => "message"), this.closed.then(() => "closed")])) === "closed") return;
    }
  }

  send(message: Uint8Array | string): void {
    this.ws.send(message);
  }

  close(): void {
    this.ws.terminate();
  }

  /** Messages received so far of this type (first varUint). */
  ofType(type: number): Uint8Array[] {
    return this.messages.filter((m) => decoding.readVarUint(decoding.createDecoder(m)) === type);
  }
}

export class UpgradeRefused extends Error {
  constructor(readonly status: number) {
    super(`upgrade refused with ${status}`);
  }
}

/** The HTTP status of a refused upgrade (fails the test if the upgrade succeeds). */
export async function upgradeStatus(
  url: string,
  articleId: string,
  params: Record<string, string> = {},
  headers: Record<string, string> = {},
): Promise<number> {
  try {
    const client = await RawClient.open(url, articleId, params, headers);
    client.close();
    return 101;
  } catch (error) {
    if (error instanceof UpgradeRefused) return error.status;
    throw error;
  }
}

export function syncStep1Message(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc));
  return encoding.toUint8Array(encoder);
}

export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An awareness message (type 1) with the given client states (`json` sends text that need not be JSON). */
export function awarenessMessage(
  entries: { clientId: number; clock: number; state?: unknown; json?: string }[],
): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(inner, entry.clientId);
    encoding.writeVarUint(inner, entry.clock);
    encoding.writeVarString(inner, entry.json ?? JSON.stringify(entry.state));
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
}

/** The same store, but every transaction starts `delayMs` late: a slow disk, to show what waits for a commit. */
export function withSlowCommits(db: Db, delayMs: number): Db {
  return new Proxy(db, {
    get(target, property) {
      if (property === "transaction") {
        return () => {
          const builder = target.transaction();
          return {
            execute: async <T>(work: Parameters<typeof builder.execute<T>>[0]) => {
              await new Promise((resolve) => setTimeout(resolve, delayMs));
              return builder.execute(work);
            },
          };
        };
      }
      const value = Reflect.get(target, property, target) as unknown;
      // Kysely keeps its state in private fields: methods must run on the real instance.
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
