import type { Connection } from "./connection";
import { sendAcks, sendAll, type Bucket, type Delta, type Outbound } from "./fan-out";

/**
 * Stage 4, commit (README.md): a room's changes of one turn of the event
 * loop, gathered and then stored together before anyone hears of them. What
 * else would reveal them (the "saved" acks, the answer to a sync step 1)
 * waits in the same bucket; turns whose commits are still running queue in
 * order, so what was received is always told in the order it was stored.
 */
export class TurnCommits {
  private deltas: Delta[] = [];
  private acks: Map<Connection, number> | null = null;
  private deferred: Outbound[] | null = null;
  private readonly buckets: Bucket[] = [];

  /** Whether some applied change is not yet stored (its broadcast is still pending). */
  get hasUncommitted(): boolean {
    return this.deltas.length > 0 || this.buckets.length > 0;
  }

  /** A change applied to the document this turn (origin: its sender; null for the server's own). */
  add(delta: Delta): void {
    this.deltas.push(delta);
  }

  /** The sender asked to hear when its update is stored. */
  owe(conn: Connection): void {
    this.acks ??= new Map();
    this.acks.set(conn, (this.acks.get(conn) ?? 0) + 1);
  }

  /** A message that reveals document content: sent after what is being stored now, or at once when nothing is. */
  sendAfterCommit(conn: Connection, message: Uint8Array): boolean {
    if (!this.hasUncommitted) return false;
    (this.deferred ??= []).push({ conn, message });
    return true;
  }

  /**
   * Ends the turn: its changes as a bucket to store (queued until released),
   * or null when it changed nothing. What it owes waits behind the last
   * bucket still being stored, or goes now when none is.
   */
  endTurn(): Bucket | null {
    const { deltas, acks, deferred } = this;
    this.deltas = [];
    this.acks = null;
    this.deferred = null;
    if (deltas.length > 0) {
      const bucket: Bucket = { deltas, acks, deferred };
      this.buckets.push(bucket);
      return bucket;
    }
    const last = this.buckets.at(-1);
    if (last) {
      if (acks) for (const [conn, n] of acks) (last.acks ??= new Map()).set(conn, (last.acks.get(conn) ?? 0) + n);
      if (deferred) (last.deferred ??= []).push(...deferred);
    } else {
      sendAcks(acks);
      sendAll(deferred);
    }
    return null;
  }

  /** The oldest bucket was stored: it leaves the queue (commits settle in order). */
  release(bucket: Bucket): void {
    if (this.buckets[0] === bucket) this.buckets.shift();
  }
}
