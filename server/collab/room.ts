import * as Y from "yjs";
import { buildDocument, changesDocument, readOnlyReason, type InsertedIds, type LiveDocument, type StoredDocument } from "../../lib/docs";
import { RoomAwareness, type AwarenessLimits } from "./awareness";
import type { Connection } from "./connection";
import { fanOutAwareness, fanOutCommitted, fanOutRelayed, sendAll, type Bucket, type Delta } from "./fan-out";
import type { CollabObserver } from "./observer";
import { RoomCompaction } from "./room-compaction";
import { SuggestionGuard } from "./suggestion-guard";
import { TurnCommits } from "./turn-commits";
import { encodeAwareness, encodePermissionDenied, encodeSyncStep1 } from "./messages";
import { RoomDocument } from "./room-document";

/** What a room needs from the server around it. */
export interface RoomHost {
  /** Queues the update for the next group commit; settles once it is stored. */
  persist(articleId: string, update: Uint8Array): Promise<InsertedIds>;
  /** Asks for endTurn() to run once this turn of the event loop is over. */
  markDirty(room: Room): void;
  /** The store refused this room's updates: its clients must reconnect and resend. */
  onPersistFailed(room: Room, error: unknown): void;
  /** A commit of this room's updates completed (stored as rows `ids`); they were broadcast and may go to other instances. */
  onCommitted(room: Room, deltas: readonly Delta[], ids: readonly number[] | undefined): void;
  /** Scaled out: other instances hear of this one's changes (when false, nothing is encoded for them). */
  readonly isRelaying: boolean;
  /** This instance's clients changed their presence (only called while relaying). */
  onAwarenessChanged(room: Room, update: Uint8Array): void;
  readonly observer: CollabObserver;
}

export type { Delta } from "./fan-out";

const emptyUpdate = new Uint8Array([0, 0]);

/** A Yjs v1 update with no structs and no deletions. */
const isEmptyUpdate = (update: Uint8Array) => update.length === 2 && update[0] === 0 && update[1] === 0;

/** The transaction origin of updates relayed from another instance, which stored them already. */
const relayed = Symbol("relayed");

/**
 * One loaded article document and its connections. The rule that makes it
 * durable: nothing a client could keep is sent before it is stored. Updates
 * are applied to the Y.Doc as they arrive, gathered per turn of the event
 * loop, committed together, and only then broadcast (once encoded, never
 * back to their sender). Anything else that reveals document content (the
 * answer to a sync step 1) waits behind the same commit.
 */
export class Room {
  readonly conns = new Set<Connection>();
  readonly awareness: RoomAwareness;
  /** The document, cold (only its stored bytes) until the first change (./room-document.ts). */
  private readonly document: RoomDocument;
  private readonly suggestionGuard = new SuggestionGuard();
  /** This turn's changes and what waits for their commit (./turn-commits.ts). */
  private readonly commits = new TurnCommits();
  /** Other instances' updates applied this turn: stored already, so broadcast at once. */
  private relayedUpdates: Uint8Array[] = [];
  isDirty = false;
  isFailed = false;
  /** Upgrades that are being accepted into this room: it must not be unloaded under them. */
  pendingJoins = 0;
  unloadTimer: NodeJS.Timeout | null = null;
  /** Which stored rows the document holds, and its size (./room-compaction.ts). */
  readonly compaction: RoomCompaction;

  constructor(
    readonly id: string,
    stored: StoredDocument,
    awarenessLimits: AwarenessLimits,
    private readonly host: RoomHost,
  ) {
    this.awareness = new RoomAwareness(awarenessLimits);
    if (stored.updates.length === 0) {
      this.document = new RoomDocument(stored.snapshot?.state ?? emptyUpdate, this.onUpdate);
      this.compaction = new RoomCompaction(stored, []);
    } else {
      const built = buildDocument(id, stored);
      this.document = new RoomDocument(built.doc, this.onUpdate);
      this.compaction = new RoomCompaction(stored, built.appliedIds);
    }
  }

  /** An upper bound of the document's encoded size, for the size cap. */
  get estimatedBytes(): number {
    return this.compaction.estimatedBytes;
  }

  /** The document as built so far, for reading only (null while only its stored bytes are loaded, or failed). */
  currentDocument(): Y.Doc | null {
    return this.isFailed ? null : this.document.built;
  }

  /** The loaded document for compaction from memory (null: compact from the store). */
  live(): LiveDocument | null {
    return this.isFailed ? null : this.compaction.live(this.document.built, (state) => this.applyFromStore([state]));
  }

  /** Whether some applied change is not yet stored (its broadcast is still pending). */
  get hasUncommitted(): boolean {
    return this.commits.hasUncommitted;
  }

  join(conn: Connection): void {
    this.conns.add(conn);
    if (conn.mayChange) {
      // A document not built yet is answered from its stored bytes first: a cold open does not wait for Yjs.
      if (this.document.built) this.requestClientState(conn);
      else conn.isServerStep1Due = true;
    } else if (conn.shouldTellReadOnly()) {
      conn.send(encodePermissionDenied(readOnlyReason));
    }
    const awareness = this.awareness.encodeAll();
    if (awareness) conn.send(encodeAwareness(awareness));
  }

  leave(conn: Connection): void {
    if (!this.conns.delete(conn)) return;
    if (conn.canSuggest && ![...this.conns].some((other) => other.canSuggest)) this.suggestionGuard.release();
    this.awareness.release(conn);
    if (this.awareness.hasChanges) this.host.markDirty(this);
  }

  /** Sends the server's sync step 1, so that the client sends back whatever the server lacks. */
  requestClientState(conn: Connection): void {
    conn.isServerStep1Due = false;
    conn.send(encodeSyncStep1(this.document.stateVector()));
  }

  /** Answers a client's sync step 1 with what it lacks (throws on a malformed state vector). */
  answerSyncStep1(conn: Connection, stateVector: Uint8Array): void {
    this.sendDocumentData(conn, this.document.syncStep2(stateVector));
    if (conn.isServerStep1Due && conn.mayChange) this.requestClientState(conn);
  }

  /** Whether a refused update would have changed the document (so its sender holds changes that are not stored). */
  wouldChange(update: Uint8Array): boolean {
    return !isEmptyUpdate(update) && changesDocument(this.document.ensure(), update);
  }

  /** Whether a suggester's update holds only their own suggestions (null) or why not (./suggestion-guard.ts). */
  checkSuggestion(update: Uint8Array, userId: string): string | null {
    return isEmptyUpdate(update) ? null : this.suggestionGuard.check(this.document.ensure(), update, userId);
  }

  /** Applies a writer's update; throws if Yjs cannot read it (what it could read is kept and stored). */
  applyUpdate(conn: Connection, update: Uint8Array): void {
    // A client that has nothing new answers the server's sync step 1 with an empty update: no reason to build the document.
    if (!isEmptyUpdate(update)) Y.applyUpdate(this.document.ensure(), update, conn);
    this.host.observer.updateReceived();
    if (conn.hasAskedForSaved) {
      this.commits.owe(conn);
      this.host.markDirty(this);
    }
  }

  /**
   * Applies updates another instance stored and relayed. They go to this
   * room's clients as they came: that instance sent only what its document
   * had not held. Answers false when Yjs holds some back for lack of what
   * they build on (a relayed message went missing): the caller then catches
   * up from the store.
   */
  applyRelayed(updates: readonly Uint8Array[]): boolean {
    const doc = this.document.applyKnown(updates, relayed);
    for (const update of updates) {
      this.relayedUpdates.push(update);
      this.compaction.applied(update.length);
    }
    this.host.markDirty(this);
    return doc.store.pendingStructs === null && doc.store.pendingDs === null;
  }

  /**
   * Applies the stored document read to catch up with other instances: its
   * clients get only what this room did not hold yet (as Yjs encodes it).
   */
  applyFromStore(updates: readonly Uint8Array[]): void {
    const doc = this.document.ensure();
    for (const update of updates) Y.applyUpdate(doc, update, relayed);
  }

  applyRelayedAwareness(update: Uint8Array, now: number): void {
    this.awareness.applyRemote(update, now);
    if (this.awareness.hasChanges) this.host.markDirty(this);
  }

  applyAwareness(conn: Connection, update: Uint8Array, now: number) {
    const { refusals, reannounce } = this.awareness.apply(conn, update, now);
    if (this.awareness.hasChanges) this.host.markDirty(this);
    if (reannounce) conn.send(encodeAwareness(reannounce));
    return refusals;
  }

  /** Runs once per turn of the event loop in which something changed. */
  endTurn(): void {
    this.isDirty = false;
    if (this.isFailed) return;
    const bucket = this.commits.endTurn();
    if (bucket) {
      // One row per change, all in this turn's group commit (they share its promise).
      let committed!: Promise<InsertedIds>;
      for (const delta of bucket.deltas) committed = this.host.persist(this.id, delta.update);
      committed.then(
        (ids) => this.release(bucket, ids.get(this.id)),
        (error: unknown) => this.fail(error),
      );
    }
    if (this.relayedUpdates.length > 0) {
      fanOutRelayed(this.conns, this.relayedUpdates, this.host.observer);
      this.relayedUpdates = [];
    }
    if (this.awareness.hasChanges) fanOutAwareness(this.conns, this.awareness, this.host.isRelaying ? (update) => this.host.onAwarenessChanged(this, update) : null);
  }

  /** Frees the document's memory; the room is not used again. */
  destroy(): void {
    this.document.destroy();
    this.suggestionGuard.release();
  }

  /** What the document newly holds, as Yjs encodes it: a client's change to store, or a catch-up's to pass on. */
  private readonly onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === relayed) this.relayedUpdates.push(update);
    else this.commits.add({ origin: (origin as Connection | null) ?? null, update });
    this.compaction.applied(update.length);
    this.document.changed();
    this.host.markDirty(this);
  };

  private sendDocumentData(conn: Connection, message: Uint8Array): void {
    if (!this.commits.sendAfterCommit(conn, message)) return conn.send(message);
    this.host.markDirty(this);
  }

  private release(bucket: Bucket, ids: readonly number[] | undefined): void {
    if (this.isFailed) return;
    this.commits.release(bucket);
    this.compaction.stored(bucket.deltas.length, ids);
    fanOutCommitted(this.conns, bucket, this.host.observer);
    sendAll(bucket.deferred);
    this.host.onCommitted(this, bucket.deltas, ids);
  }

  private fail(error: unknown): void {
    if (this.isFailed) return;
    this.isFailed = true;
    this.host.onPersistFailed(this, error);
  }
}
