import type pino from "pino";
import { readStoredDocument } from "../../lib/docs";
import type { Db } from "../../lib/db/client";
import type { DocRelay, RelayListener } from "./doc-relay";
import type { Room } from "./room";

/** The least time between two catch-ups of one room from the store. */
const catchUpEveryMs = 2000;

/** A relayed message that arrived while its room was still loading (applied once it is there). */
export type Early = (room: Room) => void;

/**
 * The fan-out stage's other direction (README.md), scaled out: what other
 * instances stored and relayed reaches this instance's rooms, and what went
 * missing on the way (a Redis outage, a late subscription, an update whose
 * predecessor never came) is made good from the store, which holds
 * everything that was ever relayed.
 */
export class RelayReceiver {
  /** Rooms being caught up from the store. */
  private readonly catchingUp = new Set<string>();
  private readonly caughtUpAt = new Map<string, number>();
  /** Rooms asked to catch up (for sure) while their catch-up was already reading the store. */
  private readonly catchUpAgain = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly log: pino.Logger,
    /** Null on a single instance, where only catching up (after a change stored without a room) applies. */
    private readonly relay: DocRelay | null,
    /** Whether this room is still the one loaded for its article (not unloaded or replaced meanwhile). */
    private readonly isCurrent: (room: Room) => boolean,
  ) {}

  /** What the relay hears for one article; `deliver` applies it to the room, or keeps it until the room is loaded. */
  listener(deliver: (apply: Early) => void): RelayListener {
    return {
      onUpdates: (updates) =>
        deliver((room) => {
          if (!this.isCurrent(room) || room.isFailed) return;
          if (!room.applyRelayed(updates)) this.catchUp(room);
        }),
      onAwareness: (update) =>
        deliver((room) => {
          if (this.isCurrent(room)) room.applyRelayedAwareness(update, Date.now());
        }),
      onAwarenessQuery: () =>
        deliver((room) => {
          const own = room.awareness.encodeLocal();
          if (own && this.isCurrent(room)) this.relay?.publishAwareness(room.id, own);
        }),
      onLateSubscription: () =>
        deliver((room) => {
          if (!this.isCurrent(room)) return;
          this.catchUp(room, true);
          // The others' answer to the load's presence query went by unheard too.
          this.relay?.queryAwareness(room.id);
        }),
    };
  }

  /**
   * Applies every stored update again (Yjs skips what it has): fills in
   * relayed messages that went missing. At most one at a time per room and
   * one per few seconds, unless for sure (`isForSure`: after an outage, a
   * late subscription or a change stored without a room): a client can leave
   * Yjs waiting for something that never comes, and every relayed message
   * would otherwise read the store again.
   */
  catchUp(room: Room, isForSure = false): void {
    const now = Date.now();
    if (this.catchingUp.has(room.id)) {
      // One for sure must not be dropped: the read in flight may predate what it is for. It runs again once that read is done.
      if (isForSure) this.catchUpAgain.add(room.id);
      return;
    }
    if (!isForSure && now - (this.caughtUpAt.get(room.id) ?? 0) < catchUpEveryMs) return;
    this.caughtUpAt.set(room.id, now);
    this.catchingUp.add(room.id);
    readStoredDocument(this.db, room.id)
      .then((stored) => {
        if (!this.isCurrent(room) || room.isFailed) return;
        const updates = stored.updates.map((update) => update.data);
        if (stored.snapshot) updates.unshift(stored.snapshot.state);
        room.applyFromStore(updates);
      })
      .catch((error: unknown) => this.log.warn({ err: error, articleId: room.id }, "could not catch up a relayed document"))
      .finally(() => {
        this.catchingUp.delete(room.id);
        if (this.catchUpAgain.delete(room.id) && this.isCurrent(room)) this.catchUp(room, true);
      });
  }

  /** The room was unloaded: forget its catch-up times. */
  forget(articleId: string): void {
    this.caughtUpAt.delete(articleId);
    this.catchUpAgain.delete(articleId);
  }
}
