import { randomUUID } from "node:crypto";
import { once } from "node:events";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type pino from "pino";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { Compactor, readOnlyReason, UpdateWriter } from "../../lib/docs";
import type { Db } from "../../lib/db/client";
import { subscribeEvents } from "../../lib/events";
import type { User } from "../../lib/users";
import type { RefusalReason } from "../metrics";
import type { AccessVerdict } from "./access-verdict";
import { AccessWatcher } from "./access-watcher";
import { ArticleEventRelay } from "./article-events";
import { Connection } from "./connection";
import type { DocRelay } from "./doc-relay";
import { handleMessage, type MessageContext } from "./handle-message";
import { PostCommitHooks } from "./post-commit";
import { logObserver } from "./log-observer";
import { metricsObserver } from "./metrics-observer";
import { combineObservers, type CollabObserver } from "./observer";
import { Housekeeping } from "./housekeeping";
import { encodePermissionDenied } from "./messages";
import type { CollabLimits } from "./limits";
import type { Room } from "./room";
import { RoomRegistry } from "./room-registry";
import { WalCheckpointer } from "./wal-checkpointer";
import { decideUpgrade, refuseUpgrade, type UpgradeDecision } from "./upgrade";
import { closeCode } from "../../lib/collab-protocol";

const connectionKey = Symbol("galley.connection");
type TaggedSocket = WebSocket & { [connectionKey]?: Connection };

const verdictClose: Partial<Record<AccessVerdict, { code: number; text: string }>> = {
  "signed-out": { code: closeCode.signedOut, text: "signed out" },
  forbidden: { code: closeCode.forbidden, text: "no longer allowed to view this article" },
  "not-found": { code: closeCode.notFound, text: "article not found" },
};

/**
 * The collaboration server: authenticates upgrades, runs each connection's
 * life (limits, read-only, re-checks, heartbeat, slow readers) and hands
 * document work to the rooms, which the registry loads and unloads.
 */
export class CollabService implements MessageContext {
  private readonly wss: WebSocketServer;
  private readonly writer: UpdateWriter;
  private readonly compactor: Compactor;
  /** Projection, automatic versions and stale approvals after each commit. */
  private readonly postCommit: PostCommitHooks;
  private readonly rooms: RoomRegistry;
  private readonly watcher: AccessWatcher;
  private readonly articleEvents: ArticleEventRelay;
  /** Open and being-opened connections per user, for the per-user cap. */
  private readonly slots = new Map<string, number>();
  private readonly byUser = new Map<string, Set<Connection>>();
  private readonly housekeeping: Housekeeping;
  private readonly stopHearingStores: () => void;
  private closing: Promise<void> | null = null;
  private readonly observer: CollabObserver;
  /** SQLite's checkpoints, on a worker thread (null on PostgreSQL). */
  private readonly checkpointer: Promise<WalCheckpointer | null>;
  private readonly listeners: ReturnType<typeof socketListeners>;
  private readonly onUpgradeSocketError = (error: Error) =>
    this.log.debug({ err: error }, "collab upgrade socket error");

  constructor(
    private readonly db: Db,
    private readonly log: pino.Logger,
    readonly limits: CollabLimits,
    private readonly relay: DocRelay | null = null,
    /** Told what happens at each stage (the metrics); the connection log lines are told too (log-observer.ts). */
    observer: CollabObserver = metricsObserver,
  ) {
    this.observer = combineObservers(observer, logObserver(log));
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: limits.maxMessageBytes,
      // Also what makes Connection.sendFrame safe: without compression ws never queues a frame.
      perMessageDeflate: false,
      clientTracking: false,
    });
    this.writer = new UpdateWriter(db, {
      log,
      onCommit: ({ updates, seconds }) => observer.committed(updates, seconds),
    });
    this.compactor = new Compactor(db, {
      log,
      // An open document is compacted from memory: no rebuild of its history on the event loop.
      live: (articleId) => this.rooms.live(articleId),
      onCompacted: (articleId, result) => {
        observer.compacted(result.folded > 0 ? "folded" : "skipped");
        this.rooms.onCompacted(articleId, result);
      },
      onFailed: (articleId) => {
        observer.compacted("failed");
        this.rooms.onCompactionFailed(articleId);
      },
    });
    this.postCommit = new PostCommitHooks(db, {
      log,
      live: (articleId) => this.rooms.document(articleId),
      versionIdleMs: limits.versionIdleMs,
      versionMaxMs: limits.versionMaxMs,
    });
    this.rooms = new RoomRegistry(db, log, limits, observer, this.writer, this.compactor, relay, (articleId, throughId, userIds) =>
      this.postCommit.committed(articleId, throughId, userIds),
    );
    this.checkpointer = WalCheckpointer.start(db, log).catch((error: unknown) => {
      log.warn({ err: error }, "could not start the WAL checkpoint worker; SQLite checkpoints on commit");
      return null;
    });
    this.listeners = socketListeners(this);
    this.watcher = new AccessWatcher(db, this, log, limits.accessRecheckMs);
    this.watcher.start();
    this.articleEvents = new ArticleEventRelay(this, log);
    this.articleEvents.start();
    this.housekeeping = new Housekeeping(this.rooms, limits, (conn, reason) => this.dropConnection(conn, reason));
    // Every instance hears it (Redis when scaled out), and each sends the stored change to its own clients.
    this.stopHearingStores = subscribeEvents((event) => {
      if (event.type === "document.stored") this.rooms.catchUpFromStore(event.articleId);
    });
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on("error", this.onUpgradeSocketError);
    // Named from the start: a refused upgrade's log line carries the id the connection would have had.
    const connectionId = randomUUID();
    if (this.closing) return this.refuseUpgrade(socket, connectionId, { isAccepted: false, status: 503, reason: "unavailable" });
    this.upgrade(req, socket, head, connectionId).catch((error: unknown) => {
      this.log.error({ err: error, connectionId, url: req.url?.split("?")[0] }, "collab upgrade failed");
      this.refuseUpgrade(socket, connectionId, { isAccepted: false, status: 503, reason: "unavailable" });
    });
  }

  stats() {
    let connections = 0;
    for (const conns of this.byUser.values()) connections += conns.size;
    return { connections, documents: this.rooms.size, users: this.byUser.size };
  }

  /** Resolves once every update received so far is stored, and every requested compaction and projection ran. */
  async idle(): Promise<void> {
    this.rooms.endTurnNow();
    await this.writer.drain();
    await this.compactor.idle();
    await this.postCommit.flush();
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  // MessageContext: what a refused message does.
  refuse(conn: Connection, reason: RefusalReason, detail?: string): void {
    this.observer.refused(reason, { at: "message", conn, detail });
  }

  closeFor(conn: Connection, code: number, reason: RefusalReason, text: string): void {
    if (conn.isClosed) return;
    this.observer.refused(reason, { at: "close", conn, code, detail: text });
    conn.close(code, text);
  }

  // AccessWatcherHost
  hasConnections(): boolean {
    return this.byUser.size > 0;
  }

  connectionsOfUser(userId: string): Iterable<Connection> {
    return this.byUser.get(userId) ?? [];
  }

  connectionsOfArticle(articleId: string): Iterable<Connection> {
    return this.rooms.get(articleId)?.conns ?? [];
  }

  applyVerdict(conn: Connection, verdict: AccessVerdict, user: User | undefined): void {
    if (conn.isClosed) return;
    const close = verdictClose[verdict];
    if (close) return this.closeFor(conn, close.code, "access_revoked", close.text);
    if (user) conn.user.name = user.name;
    const isWritable = verdict === "writable";
    const canSuggest = verdict === "suggest-only";
    if (isWritable === conn.isWritable && canSuggest === conn.canSuggest) return;
    const [couldChange, wasWritable] = [conn.mayChange, conn.isWritable];
    conn.isWritable = isWritable;
    conn.canSuggest = canSuggest;
    this.observer.accessChanged(conn);
    if (conn.mayChange && (!couldChange || (isWritable && !wasWritable))) {
      conn.resetReadOnlyNotice();
      // Ask for the client's state: whatever it typed while read-only (or refused as a suggestion) comes now.
      conn.room.requestClientState(conn);
    } else if (couldChange && !conn.mayChange && conn.shouldTellReadOnly()) {
      conn.send(encodePermissionDenied(readOnlyReason));
    }
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, connectionId: string): Promise<void> {
    const decidedAt = Date.now();
    const decision = await decideUpgrade(this.db, req);
    if (!decision.isAccepted) return this.refuseUpgrade(socket, connectionId, decision);
    const { articleId, user } = decision;
    if ((this.slots.get(user.id) ?? 0) >= this.limits.maxConnectionsPerUser) {
      const reason = "too_many_connections";
      return this.refuseUpgrade(socket, connectionId, { isAccepted: false, status: 429, reason, articleId, userId: user.id });
    }
    this.slots.set(user.id, (this.slots.get(user.id) ?? 0) + 1);
    let isJoined = false;
    const releaseSlot = () => this.releaseSlot(user.id);
    try {
      const room = await this.rooms.acquire(articleId);
      if (socket.destroyed || this.closing) {
        releaseSlot();
        this.rooms.releaseIfUnused(room);
        const refusal = { isAccepted: false, status: 503, reason: "unavailable", articleId, userId: user.id } as const;
        return this.refuseUpgrade(socket, connectionId, refusal);
      }
      room.pendingJoins++;
      // ws answers a malformed handshake itself and never calls back: undo the reservations then.
      const onEarlyClose = () => {
        room.pendingJoins--;
        releaseSlot();
        this.rooms.releaseIfUnused(room);
      };
      socket.once("close", onEarlyClose);
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        isJoined = true;
        socket.removeListener("close", onEarlyClose);
        room.pendingJoins--;
        this.accept(ws as TaggedSocket, socket, connectionId, decision, room, decidedAt);
      });
    } catch (error) {
      if (!isJoined) releaseSlot();
      throw error;
    }
  }

  private accept(
    ws: TaggedSocket,
    socket: Duplex,
    connectionId: string,
    decision: Extract<UpgradeDecision, { isAccepted: true }>,
    room: Room,
    decidedAt: number,
  ): void {
    const { user } = decision;
    const identity = { id: user.id, name: user.name, tokenVersion: user.tokenVersion };
    const conn = new Connection(connectionId, ws, socket, room, identity, decision.isWritable, decision.canSuggest, decision.hasAskedForSaved, decision.hasAskedForEvents);
    ws[connectionKey] = conn;
    ws.on("message", this.listeners.message);
    ws.on("close", this.listeners.close);
    ws.on("error", this.listeners.error);
    ws.on("pong", this.listeners.pong);
    let conns = this.byUser.get(user.id);
    if (!conns) this.byUser.set(user.id, (conns = new Set()));
    conns.add(conn);
    this.observer.connectionOpened(conn);
    if (room.isFailed || this.closing) return conn.close(closeCode.restarting, "server restarting");
    room.join(conn);
    // Access changed while this upgrade was being decided: decide again, now that the connection can be found.
    if (this.watcher.hasChangedSince(user.id, room.id, decidedAt)) this.watcher.recheck([conn]);
  }

  /** A socket's message (called by the shared listeners). */
  onSocketMessage(conn: Connection, data: Buffer, isBinary: boolean): void {
    if (!this.closing) handleMessage(this, conn, data, isBinary);
  }

  onSocketError(conn: Connection, error: Error): void {
    this.log.info({ err: error, connectionId: conn.id, userId: conn.user.id, articleId: conn.room.id }, "collab socket error");
  }

  onClose(conn: Connection, code: number): void {
    conn.isClosed = true;
    const conns = this.byUser.get(conn.user.id);
    conns?.delete(conn);
    if (conns?.size === 0) this.byUser.delete(conn.user.id);
    this.releaseSlot(conn.user.id);
    conn.room.leave(conn);
    this.rooms.releaseIfUnused(conn.room);
    this.observer.connectionClosed(conn, code);
  }

  private releaseSlot(userId: string): void {
    const count = (this.slots.get(userId) ?? 1) - 1;
    if (count > 0) this.slots.set(userId, count);
    else this.slots.delete(userId);
  }

  private refuseUpgrade(socket: Duplex, connectionId: string, decision: Extract<UpgradeDecision, { isAccepted: false }>): void {
    const { reason, status, userId, articleId } = decision;
    this.observer.refused(reason, { at: "upgrade", connectionId, status, userId, articleId });
    refuseUpgrade(socket, status);
  }

  private dropConnection(conn: Connection, reason: RefusalReason): void {
    this.observer.refused(reason, { at: "drop", conn });
    conn.terminate();
  }

  /** SIGTERM: store what was received, tell clients to come back (1012), let go of everything. */
  private async shutdown(): Promise<void> {
    this.housekeeping.stop();
    await this.watcher.stop();
    this.articleEvents.stop();
    this.stopHearingStores();
    await this.idle().catch(() => {});
    const conns = [...this.byUser.values()].flatMap((set) => [...set]);
    for (const conn of conns) conn.close(closeCode.restarting, "server restarting");
    const closed = Promise.all(
      conns.map((conn) => (conn.ws.readyState === conn.ws.CLOSED ? null : once(conn.ws, "close"))),
    );
    const timeout = new Promise((resolve) => setTimeout(resolve, 2000).unref());
    await Promise.race([closed, timeout]);
    for (const conn of conns) if (conn.ws.readyState !== conn.ws.CLOSED) conn.ws.terminate();
    await this.compactor.close();
    await this.postCommit.close();
    await (await this.checkpointer)?.stop();
    this.rooms.destroyAll();
    await this.relay?.close();
    this.wss.close();
  }
}

/** Listeners shared by every socket (the socket is `this`): no closures per connection. */
function socketListeners(service: CollabService) {
  return {
    message(this: TaggedSocket, data: RawData, isBinary: boolean) {
      service.onSocketMessage(this[connectionKey]!, data as Buffer, isBinary);
    },
    close(this: TaggedSocket, code: number) {
      service.onClose(this[connectionKey]!, code);
    },
    error(this: TaggedSocket, error: Error) {
      service.onSocketError(this[connectionKey]!, error);
    },
    pong(this: TaggedSocket) {
      this[connectionKey]!.isAlive = true;
    },
  };
}
