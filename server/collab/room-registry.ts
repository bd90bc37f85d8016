import type pino from "pino";
import type * as Y from "yjs";
import {
  readStoredDocument,
  type CompactionResult,
  type Compactor,
  type InsertedIds,
  type LiveDocument,
  type UpdateWriter,
} from "../../lib/docs";
import type { Db } from "../../lib/db/client";
import type { DocRelay } from "./doc-relay";
import type { CollabLimits } from "./limits";
import { Room, type Delta, type RoomHost } from "./room";
import { closeCode } from "../../lib/collab-protocol";
import type { CollabObserver } from "./observer";
import { RelayReceiver, type Early } from "./relay-receiver";
import { EndOfTurn } from "./end-of-turn";

/**
 * Stage 2, load (README.md): the documents in memory, loaded once however
 * many clients open them at the same time, unloaded a grace period after the
 * last one leaves (so memory follows the documents in use). As the rooms'
 * host it hands their turns to the group commit (./end-of-turn.ts) and what
 * was committed to the relay and the post-commit stage.
 */
export class RoomRegistry implements RoomHost {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  /** Articles with a compaction asked for and not finished. */
  private readonly compacting = new Set<string>();
  /** Every changed room's turn, to the group commit (./end-of-turn.ts). */
  private readonly turns: EndOfTurn;
  /** Other instances' changes to the rooms here, and catching up from the store (./relay-receiver.ts). */
  private readonly receiver: RelayReceiver;

  constructor(
    private readonly db: Db,
    private readonly log: pino.Logger,
    private readonly limits: CollabLimits,
    readonly observer: CollabObserver,
    writer: UpdateWriter,
    private readonly compactor: Compactor,
    /** Scaled out: other instances' changes to the same documents (null: this instance alone). */
    private readonly relay: DocRelay | null = null,
    /** After a commit of an article's updates, up to stored row `throughId`, made by these users (the projection). */
    private readonly afterCommit: (articleId: string, throughId: number, userIds: string[]) => void = () => undefined,
  ) {
    this.turns = new EndOfTurn(writer, (room, error) => this.onPersistFailed(room, error));
    this.receiver = new RelayReceiver(db, log, relay, (room) => this.rooms.get(room.id) === room);
    // Whatever was relayed while Redis was away is in the store.
    relay?.onResume(() => {
      for (const room of this.rooms.values()) {
        this.receiver.catchUp(room, true);
        relay.queryAwareness(room.id);
      }
    });
  }

  get size(): number {
    return this.rooms.size;
  }

  get(articleId: string): Room | undefined {
    return this.rooms.get(articleId);
  }

  loaded(): IterableIterator<Room> {
    return this.rooms.values();
  }

  /** The article's room, loaded from the store (snapshot and updates) if it is not in memory. */
  acquire(articleId: string): Promise<Room> {
    const room = this.rooms.get(articleId);
    if (room) {
      this.cancelUnload(room);
      return Promise.resolve(room);
    }
    let loading = this.loading.get(articleId);
    if (!loading) {
      loading = this.load(articleId).finally(() => this.loading.delete(articleId));
      this.loading.set(articleId, loading);
    }
    return loading;
  }

  /** Schedules the unload of a room nobody uses any more. */
  releaseIfUnused(room: Room): void {
    if (room.conns.size > 0 || room.pendingJoins > 0 || room.unloadTimer || this.rooms.get(room.id) !== room) return;
    room.unloadTimer = setTimeout(() => this.unload(room), this.limits.docUnloadGraceMs);
    room.unloadTimer.unref();
  }

  /** The open document of an article, for compaction from memory. */
  live(articleId: string): LiveDocument | null {
    return this.rooms.get(articleId)?.live() ?? null;
  }

  onCompacted(articleId: string, result: CompactionResult): void {
    this.compacting.delete(articleId);
    const room = this.rooms.get(articleId);
    if (!room || result.folded === 0) return;
    room.compaction.compacted(result.folded, result.stateBytes);
  }

  onCompactionFailed(articleId: string): void {
    this.compacting.delete(articleId);
  }

  // RoomHost
  persist(articleId: string, update: Uint8Array): Promise<InsertedIds> {
    return this.turns.persist(articleId, update);
  }

  markDirty(room: Room): void {
    this.turns.markDirty(room);
  }

  get isRelaying(): boolean {
    return this.relay !== null;
  }

  onCommitted(room: Room, deltas: readonly Delta[], ids: readonly number[] | undefined): void {
    this.relay?.publishUpdates(room.id, deltas.map((delta) => delta.update));
    if (room.compaction.uncompacted >= this.limits.compactAfterUpdates) this.requestCompaction(room);
    const throughId = ids?.at(-1);
    if (throughId === undefined) return;
    const userIds = deltas.flatMap((delta) => (delta.origin ? [delta.origin.user.id] : []));
    this.afterCommit(room.id, throughId, userIds);
  }

  /** Changes were stored without passing through a room (a restore): an open room reads and sends them on now. */
  catchUpFromStore(articleId: string): void {
    const room = this.rooms.get(articleId);
    if (room && !room.isFailed) this.receiver.catchUp(room, true);
  }

  /** The article's document if it is open here, for reading. */
  document(articleId: string): Y.Doc | null {
    return this.rooms.get(articleId)?.currentDocument() ?? null;
  }

  onAwarenessChanged(room: Room, update: Uint8Array): void {
    this.relay?.publishAwareness(room.id, update);
  }

  onPersistFailed(room: Room, error: unknown): void {
    const context = { err: error, articleId: room.id, connections: room.conns.size };
    this.log.error(context, "document updates could not be stored; clients must resend");
    // The clients still hold their changes: closed with 1011 they reconnect and send them again.
    for (const conn of room.conns) conn.close(closeCode.storeFailed, "could not store changes; reconnecting");
    this.drop(room);
  }

  /** Runs the end of the turn now (shutdown, tests) instead of waiting for setImmediate. */
  endTurnNow(): void {
    this.turns.now();
  }

  destroyAll(): void {
    for (const room of [...this.rooms.values()]) this.drop(room);
  }

  private async load(articleId: string): Promise<Room> {
    // Scaled out: hear the others before reading the store, so nothing falls between the two.
    const early: Early[] = [];
    let loaded: Room | null = null;
    const deliver = (apply: Early) => (loaded ? apply(loaded) : early.push(apply));
    if (this.relay) await this.relay.join(articleId, this.receiver.listener(deliver));
    let room: Room;
    try {
      const stored = await readStoredDocument(this.db, articleId);
      room = new Room(articleId, stored, this.limits, this);
    } catch (error) {
      this.relay?.leave(articleId);
      throw error;
    }
    this.rooms.set(articleId, room);
    this.observer.documentLoaded();
    loaded = room;
    for (const apply of early) {
      try {
        apply(room);
      } catch (error) {
        this.log.warn({ err: error, articleId }, "ignored a relayed document message that could not be applied");
      }
    }
    this.relay?.queryAwareness(articleId);
    if (room.compaction.uncompacted >= this.limits.compactAfterUpdates) this.requestCompaction(room);
    return room;
  }

  private unload(room: Room): void {
    room.unloadTimer = null;
    if (room.conns.size > 0 || room.pendingJoins > 0 || this.rooms.get(room.id) !== room) return;
    if (room.hasUncommitted) {
      // Never drop a room whose last changes are still being stored: a reload could miss them.
      room.unloadTimer = setTimeout(() => this.unload(room), 50);
      room.unloadTimer.unref();
      return;
    }
    this.drop(room);
    if (room.compaction.uncompacted > 0) this.requestCompaction(room);
    this.log.debug({ articleId: room.id }, "document unloaded");
  }

  private requestCompaction(room: Room): void {
    if (this.compacting.has(room.id)) return;
    this.compacting.add(room.id);
    room.compaction.requested();
    this.compactor.request(room.id);
  }

  private cancelUnload(room: Room): void {
    if (!room.unloadTimer) return;
    clearTimeout(room.unloadTimer);
    room.unloadTimer = null;
  }

  private drop(room: Room): void {
    this.cancelUnload(room);
    if (this.rooms.get(room.id) !== room) return;
    this.rooms.delete(room.id);
    this.receiver.forget(room.id);
    this.relay?.leave(room.id);
    room.destroy();
    this.observer.documentUnloaded();
  }
}
