import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

/**
 * The two wire formats the bench speaks. "y-websocket" is y-protocols as the
 * stock WebsocketProvider frames it (Galley and the reference server);
 * "hocuspocus" prefixes every message with the document name and opens each
 * document with an Auth message, as @hocuspocus/provider 4.7 does.
 */
export type Framing = "y-websocket" | "hocuspocus";

export const messageSync = 0;
export const messageAwareness = 1;
export const messageAuth = 2;
export const messageQueryAwareness = 3;
/** Hocuspocus answers a client's step 1 with this type on some paths; same body as Sync. */
export const messageSyncReply = 4;
/** Galley: "your next N updates are stored"; Hocuspocus: SyncStatus (one per applied update). */
export const messageSaved = 8;
export const messagePing = 9;
export const messagePong = 10;

export const syncStep1 = 0;
export const syncStep2 = 1;
export const syncUpdate = 2;

const hocuspocusProviderVersion = "4.7.0";

export interface DocSpec {
  name: string;
  url: string;
  /**
   * Scaled out: the instances' URLs for this document; its clients take them
   * in turn (client i → urls[i % length]), so each one's edits reach clients
   * on its own instance and on the other.
   */
  urls?: string[];
}

function frame(framing: Framing, docName: string, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  if (framing === "hocuspocus") encoding.writeVarString(encoder, docName);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function encodeSync(framing: Framing, docName: string, step: number, payload: Uint8Array): Uint8Array {
  return frame(framing, docName, (encoder) => {
    encoding.writeVarUint(encoder, messageSync);
    encoding.writeVarUint(encoder, step);
    encoding.writeVarUint8Array(encoder, payload);
  });
}

export function encodeAwareness(framing: Framing, docName: string, update: Uint8Array): Uint8Array {
  return frame(framing, docName, (encoder) => {
    encoding.writeVarUint(encoder, messageAwareness);
    encoding.writeVarUint8Array(encoder, update);
  });
}

/** Hocuspocus only: the token message every document starts with (the peer runs without auth, so ""). */
export function encodeHocuspocusAuth(docName: string, token = ""): Uint8Array {
  return frame("hocuspocus", docName, (encoder) => {
    encoding.writeVarUint(encoder, messageAuth);
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarString(encoder, token);
    encoding.writeVarString(encoder, hocuspocusProviderVersion);
  });
}

export const hocuspocusPong = Uint8Array.of(messagePong);

/**
 * One awareness entry as y-protocols encodes it (count, clientID, clock, JSON
 * state), so idle clients need no Awareness object and no timers.
 */
export function encodeAwarenessState(clientId: number, clock: number, state: unknown): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, clientId);
  encoding.writeVarUint(encoder, clock);
  encoding.writeVarString(encoder, JSON.stringify(state));
  return encoding.toUint8Array(encoder);
}

export interface Incoming {
  type: number;
  decoder: decoding.Decoder;
}

/** Reads the frame header; null for a Hocuspocus ping (a bare one-byte message). */
export function decodeIncoming(framing: Framing, data: Uint8Array): Incoming | null {
  if (framing === "hocuspocus" && data.length === 1 && data[0] === messagePing) return null;
  const decoder = decoding.createDecoder(data);
  if (framing === "hocuspocus") decoding.readVarString(decoder);
  return { type: decoding.readVarUint(decoder), decoder };
}

/** The empty state vector and the empty update, for clients that keep no document. */
export const emptyStateVector = Uint8Array.of(0);
export const emptyUpdate = Uint8Array.of(0, 0);

export function toBytes(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data as Buffer[]));
  throw new Error("unexpected websocket payload");
}
