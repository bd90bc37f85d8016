import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { RefusalReason } from "../metrics";
import { ProtocolError } from "./messages";
import { closeCode } from "../../lib/collab-protocol";

/** Who sends awareness: the authenticated user behind a connection, and the client ids it owns. */
export interface AwarenessPeer {
  readonly user: { readonly id: string; name: string };
  /** Client ids this connection set a state for; only it may change or remove them. */
  readonly clientIds: number[];
}

/** The owner of states that came from another instance: one per user there, so only that user may take them over here. */
export interface RemotePeer extends AwarenessPeer {
  readonly isRemote: true;
}

/** The origin of a removal that came from another instance. */
const remoteRemoval: RemotePeer = { user: { id: "", name: "" }, clientIds: [], isRemote: true };

export const isRemotePeer = (peer: AwarenessPeer | null): peer is RemotePeer =>
  peer !== null && (peer as Partial<RemotePeer>).isRemote === true;

export interface AwarenessLimits {
  maxAwarenessBytes: number;
  maxClientIdsPerConnection: number;
}

interface ClientState {
  clock: number;
  /** The state as others see it (with the server's `user`), or "null" once removed. */
  json: string;
  owner: AwarenessPeer | null;
  updatedAt: number;
}

/** y-protocols drops a state not renewed for this long; clients renew every 15 s. */
export const awarenessTimeoutMs = 30_000;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A document's awareness (presence, cursors), kept by the server with the
 * y-protocols rules (a higher clock wins; a removal needs the same clock) and
 * two of its own: a connection may only touch the client ids it owns, and
 * every state carries the server's `user: { id, name }`, never the client's.
 */
export class RoomAwareness {
  private readonly states = new Map<number, ClientState>();
  /** Client ids changed this turn, with the connection that changed them (null: the server). */
  private changed = new Map<number, AwarenessPeer | null>();
  private allMessage: Uint8Array | null = null;
  private readonly remotePeers = new Map<string, RemotePeer>();

  constructor(private readonly limits: AwarenessLimits) {}

  get hasChanges(): boolean {
    return this.changed.size > 0;
  }

  /**
   * Applies a client's awareness update; answers what was refused, and the
   * removal the client must hear when it re-announced a state this server
   * holds as removed at the same clock (see below). Malformed input throws
   * before anything changes.
   */
  apply(peer: AwarenessPeer, update: Uint8Array, now: number): { refusals: RefusalReason[]; reannounce: Uint8Array | null } {
    const refusals: RefusalReason[] = [];
    const reannounced: Entry[] = [];
    for (const entry of readEntries(update)) {
      const current = this.states.get(entry.clientId);
      const isRemoval = entry.json === "null";
      // Removing what is already gone: stock clients do this for peers they timed out.
      if (isRemoval && (!current || current.json === "null")) continue;
      const owner = current?.owner ?? null;
      if (owner !== peer) {
        // The same person on a new connection (a reload, a reconnect) may take over their own client.
        if (owner && owner.user.id !== peer.user.id) {
          refusals.push("awareness_foreign_client");
          continue;
        }
        if (peer.clientIds.length >= this.limits.maxClientIdsPerConnection) {
          refusals.push("awareness_too_many_clients");
          continue;
        }
      }
      if (entry.byteLength > this.limits.maxAwarenessBytes) {
        refusals.push("awareness_too_large");
        continue;
      }
      const clock = current?.clock ?? 0;
      if (!(clock < entry.clock || (clock === entry.clock && isRemoval))) {
        // A reconnecting client announces its state at the clock at which this server saw it leave: not news by
        // the clock rules, here or for anyone (they dropped it at that clock too). Told of the removal,
        // y-protocols raises its own clock and announces again, so it is back at once, not at its renewal 15 s later.
        if (current?.json === "null" && !isRemoval && clock === entry.clock) reannounced.push(entry);
        continue;
      }
      if (owner !== peer) {
        if (owner) owner.clientIds.splice(owner.clientIds.indexOf(entry.clientId), 1);
        peer.clientIds.push(entry.clientId);
      }
      const json = isRemoval ? "null" : withServerUser(entry.json, peer.user);
      this.states.set(entry.clientId, { clock: entry.clock, json, owner: peer, updatedAt: now });
      this.changed.set(entry.clientId, peer);
      this.allMessage = null;
    }
    return { refusals, reannounce: reannounced.length > 0 ? encodeRemovals(reannounced) : null };
  }

  /**
   * States relayed from another instance, which stamped them with their
   * users and checked their owners there; the clock rules still apply here.
   */
  applyRemote(update: Uint8Array, now: number): void {
    for (const entry of readEntries(update)) {
      const current = this.states.get(entry.clientId);
      const isRemoval = entry.json === "null";
      if (isRemoval && (!current || current.json === "null")) continue;
      const clock = current?.clock ?? 0;
      if (!(clock < entry.clock || (clock === entry.clock && isRemoval))) continue;
      const previous = current?.owner ?? null;
      const owner = isRemoval ? null : this.remotePeer(entry.json);
      if (previous && previous !== owner) previous.clientIds.splice(previous.clientIds.indexOf(entry.clientId), 1);
      if (owner && previous !== owner) owner.clientIds.push(entry.clientId);
      this.states.set(entry.clientId, { clock: entry.clock, json: entry.json, owner, updatedAt: now });
      this.changed.set(entry.clientId, owner ?? remoteRemoval);
      this.allMessage = null;
    }
  }

  /** The states of this instance's own clients (for another instance that asks), or null. */
  encodeLocal(): Uint8Array | null {
    const ids = [...this.states].filter(([, state]) => state.json !== "null" && !isRemotePeer(state.owner)).map(([id]) => id);
    return ids.length > 0 ? this.encode(ids) : null;
  }

  private remotePeer(json: string): RemotePeer {
    const parsed: unknown = JSON.parse(json);
    const user = isRecord(parsed) && isRecord(parsed.user) ? parsed.user : {};
    const id = typeof user.id === "string" ? user.id : "";
    let peer = this.remotePeers.get(id);
    if (!peer) {
      peer = { user: { id, name: typeof user.name === "string" ? user.name : "" }, clientIds: [], isRemote: true };
      this.remotePeers.set(id, peer);
    }
    return peer;
  }

  /** The connection closed: its clients leave, as y-protocols removes them (same clock, null state). */
  release(peer: AwarenessPeer): void {
    for (const clientId of peer.clientIds) {
      const state = this.states.get(clientId);
      if (!state || state.owner !== peer) continue;
      state.owner = null;
      if (state.json !== "null") this.markRemoved(clientId, state);
    }
    peer.clientIds.length = 0;
  }

  /** Removes states not renewed in time and forgets long-removed clients. */
  sweep(now: number): void {
    for (const [clientId, state] of this.states) {
      if (now - state.updatedAt < awarenessTimeoutMs) continue;
      if (state.json !== "null") this.markRemoved(clientId, state);
      else if (!state.owner) this.states.delete(clientId);
    }
  }

  /** Every present state, for a new connection or a query (null when there is none). */
  encodeAll(): Uint8Array | null {
    if (this.allMessage) return this.allMessage;
    const ids = [...this.states].filter(([, state]) => state.json !== "null").map(([id]) => id);
    this.allMessage = ids.length > 0 ? this.encode(ids) : null;
    return this.allMessage;
  }

  /** Hands over this turn's changes, each with the connection it came from. */
  takeChanges(): Map<number, AwarenessPeer | null> {
    const changed = this.changed;
    this.changed = new Map();
    return changed;
  }

  /** An awareness update (the payload of message type 1) for these client ids. */
  encode(clientIds: Iterable<number>): Uint8Array {
    const encoder = encoding.createEncoder();
    const ids = [...clientIds].filter((id) => this.states.has(id));
    encoding.writeVarUint(encoder, ids.length);
    for (const id of ids) {
      const state = this.states.get(id)!;
      encoding.writeVarUint(encoder, id);
      encoding.writeVarUint(encoder, state.clock);
      encoding.writeVarString(encoder, state.json);
    }
    return encoding.toUint8Array(encoder);
  }

  private markRemoved(clientId: number, state: ClientState): void {
    state.json = "null";
    state.updatedAt = Date.now();
    this.changed.set(clientId, null);
    this.allMessage = null;
  }
}

/** An awareness update removing these clients at their clocks. */
function encodeRemovals(entries: readonly Entry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, "null");
  }
  return encoding.toUint8Array(encoder);
}

interface Entry {
  clientId: number;
  clock: number;
  json: string;
  byteLength: number;
}

function readEntries(update: Uint8Array): Entry[] {
  const decoder = decoding.createDecoder(update);
  const entries: Entry[] = [];
  try {
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const bytes = decoding.readVarUint8Array(decoder);
      const json = utf8.decode(bytes);
      JSON.parse(json);
      entries.push({ clientId, clock, json, byteLength: bytes.length });
    }
  } catch {
    throw new ProtocolError(closeCode.malformed, "malformed awareness update");
  }
  if (decoder.pos !== update.length) throw new ProtocolError(closeCode.malformed, "trailing bytes after awareness update");
  return entries;
}

/** The client's state with `user` set from the authenticated user; the client's other user fields (colour) stay. */
function withServerUser(json: string, user: { id: string; name: string }): string {
  const parsed: unknown = JSON.parse(json);
  const state = isRecord(parsed) ? parsed : {};
  const clientUser = isRecord(state.user) ? state.user : {};
  return JSON.stringify({ ...state, user: { ...clientUser, id: user.id, name: user.name } });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
