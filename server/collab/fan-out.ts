import type { AwarenessPeer, RoomAwareness } from "./awareness";
import { isRemotePeer } from "./awareness";
import type { Connection } from "./connection";
import { encodeAwareness, frameAwareness, frameUpdate } from "./messages";
import type { CollabObserver } from "./observer";

/**
 * Stage 5, fan-out (README.md): what a room sends once its changes are
 * stored (room.ts decides when; this file decides to whom, and how each
 * frame is built once for every socket).
 */

export interface Delta {
  origin: Connection | null;
  update: Uint8Array;
}

export interface Outbound {
  conn: Connection;
  message: Uint8Array;
}

/** One turn's document changes, waiting for their commit before anyone hears of them. */
export interface Bucket {
  deltas: Delta[];
  acks: Map<Connection, number> | null;
  deferred: Outbound[] | null;
}

/**
 * A committed turn to the room's clients. Each change is framed once and
 * the same bytes go to every socket; a connection gets the turn's changes in
 * one write (with any "saved" message it is owed), never its own changes
 * back. (Merging changes with Yjs first would cost more than the write it
 * saves.)
 */
export function fanOutCommitted(conns: ReadonlySet<Connection>, { deltas, acks }: Bucket, observer: CollabObserver): void {
  const frames = deltas.map((delta) => frameUpdate(delta.update));
  const firstOrigin = deltas[0]!.origin;
  const isSingleOrigin = deltas.every((d) => d.origin === firstOrigin);
  const origins = isSingleOrigin ? new Set([firstOrigin]) : new Set(deltas.map((d) => d.origin));
  sendAcks(acks);
  let sent = 0;
  for (const conn of conns) {
    const outgoing = !origins.has(conn) ? frames : isSingleOrigin ? [] : frames.filter((_, i) => deltas[i]!.origin !== conn);
    sent += outgoing.length;
    if (outgoing.length > 0) conn.sendFrames(outgoing);
  }
  observer.updatesSent(sent);
}

/** Other instances' updates (stored there already) go to every client here: none of them sent these. */
export function fanOutRelayed(conns: ReadonlySet<Connection>, updates: readonly Uint8Array[], observer: CollabObserver): void {
  const frames = updates.map(frameUpdate);
  for (const conn of conns) conn.sendFrames(frames);
  observer.updatesSent(frames.length * conns.size);
}

/**
 * The turn's presence changes: to each client, everyone's but its own; to
 * other instances (`relay`, when scaled out), only this instance's clients'.
 */
export function fanOutAwareness(conns: ReadonlySet<Connection>, awareness: RoomAwareness, relay: ((update: Uint8Array) => void) | null): void {
  const changes = awareness.takeChanges();
  const origins = new Set<AwarenessPeer>();
  for (const origin of changes.values()) if (origin) origins.add(origin);
  if (relay) {
    const ownIds = [...changes].filter(([, origin]) => !isRemotePeer(origin)).map(([clientId]) => clientId);
    if (ownIds.length > 0) relay(awareness.encode(ownIds));
  }
  const frame = frameAwareness(awareness.encode(changes.keys()));
  for (const conn of conns) if (!origins.has(conn)) conn.sendFrame(frame);
  if (origins.size < 2) return;
  for (const conn of conns) {
    if (!origins.has(conn)) continue;
    const others = [...changes].filter(([, origin]) => origin !== conn).map(([id]) => id);
    conn.send(encodeAwareness(awareness.encode(others)));
  }
}

export function sendAcks(acks: Map<Connection, number> | null): void {
  if (acks) for (const [conn, count] of acks) conn.oweSaved(count);
}

export function sendAll(outbound: Outbound[] | null): void {
  if (outbound) for (const { conn, message } of outbound) conn.send(message);
}
