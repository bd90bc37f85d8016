import type pino from "pino";
import {
  readStoredDocument,
  type CompactionResult,
  type Compactor,
  type InsertedIds,
  type LiveDocument,
  type UpdateWriter,
} from "../../lib/docs";
import type { Db } from "../../lib/db/client";
import { collabMetrics } from "../metrics";
import type { CollabLimits } from "./limits";
import { Room, type RoomHost } from "./room";

/**
 * The documents in memory: loaded once however many clients open them at
 * the same time, unloaded a grace period after the last one leaves (so
 * memory follows the documents in use), and the end-of-turn step that hands
 * every changed room's updates to the group commit.
 */
export class RoomRegistry implements RoomHost {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private dirty: Room[] = [];
  /** Articles with a compaction asked for and not finished. */
  private readonly compacting = new Set<string>();
  private isTurnScheduled = false;

  constructor(
    private readonly db: Db,
    private readonly log: pino.Logger,
    private readonly limits: CollabLimits,
    private readonly writer: UpdateWriter,
    private readonly compactor: Compactor,
  ) {}

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
    // Rows this room holds may have been folded by a compaction it did not run: stop trusting its list.
    if (room && result.source === "store" && result.folded > 0) room.stopLiveCompaction();
    if (!room || result.folded === 0) return;
    room.uncompacted = Math.max(0, room.uncompacted - result.folded);
    room.onCompacted(result.stateBytes);
  }

  onCompactionFailed(articleId: string): void {
    this.compacting.delete(articleId);
  }

  // RoomHost
  persist(articleId: string, update: Uint8Array): Promise<InsertedIds> {
    return this.writer.append(articleId, update);
  }

  markDirty(room: Room): void {
    if (room.isDirty) return;
    room.isDirty = true;
    this.dirty.push(room);
    if (!this.isTurnScheduled) {
      this.isTurnScheduled = true;
      setImmediate(this.endTurn);
    }
  }

  onCommitted(room: Room): void {
    if (room.uncompacted >= this.limits.compactAfterUpdates) this.requestCompaction(room);
  }

  onPersistFailed(room: Room, error: unknown): void {
    const context = { err: error, articleId: room.id, connections: room.conns.size };
    this.log.error(context, "document updates could not be stored; clients must resend");
    // The clients still hold their changes: closed with 1011 they reconnect and send them again.
    for (const conn of room.conns) conn.close(1011, "could not store changes; reconnecting");
    this.drop(room);
  }

  /** Runs the end of the turn now (shutdown, tests) instead of waiting for setImmediate. */
  endTurnNow(): void {
    if (this.isTurnScheduled) this.endTurn();
  }

  destroyAll(): void {
    for (const room of [...this.rooms.values()]) this.drop(room);
  }

  private readonly endTurn = (): void => {
    this.isTurnScheduled = false;
    const rooms = this.dirty;
    this.dirty = [];
    for (const room of rooms) {
      try {
        room.endTurn();
      } catch (error) {
        // Yjs failed to merge what it had accepted: this room cannot go on.
        room.isFailed = true;
        this.onPersistFailed(room, error);
      }
    }
    this.writer.flush();
  };

  private async load(articleId: string): Promise<Room> {
    const stored = await readStoredDocument(this.db, articleId);
    const room = new Room(articleId, stored, this.limits, this);
    this.rooms.set(articleId, room);
    collabMetrics.documents.inc();
    if (room.uncompacted >= this.limits.compactAfterUpdates) this.requestCompaction(room);
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
    if (room.uncompacted > 0) this.requestCompaction(room);
    this.log.debug({ articleId: room.id }, "document unloaded");
  }

  private requestCompaction(room: Room): void {
    if (this.compacting.has(room.id)) return;
    this.compacting.add(room.id);
    room.markCompactionRequested();
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
    room.destroy();
    collabMetrics.documents.dec();
  }
}
