import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { closeCode, messageType } from "../../lib/collab-protocol";

/**
 * The y-websocket wire format (y-protocols 1.0.7), plus Galley's "saved"
 * message. Every message is one binary frame:
 *
 *   sync            0, then 0 step 1 (varUint8Array state vector)
 *                          1 step 2 (varUint8Array update)
 *                          2 update (varUint8Array update)
 *   awareness       1, varUint8Array awareness update
 *   auth            2, 0 permission denied, varString reason   (server → client)
 *   query awareness 3                                          (client → server)
 *   saved           8, varUint N                                (server → client)
 *   article event   9, varString JSON                           (server → client, article-events.ts)
 *
 * "saved" goes only to connections opened with `?saved=1`; it means "the
 * next N update messages you sent (sync step 2 and update messages, counted
 * in the order sent) are stored". Stock providers log unknown types, so they
 * are never sent one.
 */
export const { sync: messageSync, awareness: messageAwareness, auth: messageAuth, queryAwareness: messageQueryAwareness, saved: messageSaved } = messageType;

export const syncStep1 = 0;
export const syncStep2 = 1;
export const syncUpdate = 2;

export type ClientMessage =
  | { kind: "sync-step-1"; stateVector: Uint8Array }
  | { kind: "update"; update: Uint8Array }
  | { kind: "awareness"; update: Uint8Array }
  | { kind: "query-awareness" };

type ProtocolCloseCode = (typeof closeCode)["unsupported" | "malformed"];

/** A message the protocol does not allow; closes the connection with its code. */
export class ProtocolError extends Error {
  constructor(
    /** 1003 for a message type we do not accept, 1007 for malformed content. */
    readonly closeCode: ProtocolCloseCode,
    message: string,
  ) {
    super(message);
    this.name = "ProtocolError";
  }
}

/** Decodes one client frame; throws ProtocolError for anything else, including trailing bytes. */
export function readClientMessage(data: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(data);
  let message: ClientMessage;
  try {
    const type = decoding.readVarUint(decoder);
    if (type === messageSync) {
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (step === syncStep1) message = { kind: "sync-step-1", stateVector: payload };
      else if (step === syncStep2 || step === syncUpdate) message = { kind: "update", update: payload };
      else throw new ProtocolError(closeCode.malformed, `unknown sync message ${step}`);
    } else if (type === messageAwareness) {
      message = { kind: "awareness", update: decoding.readVarUint8Array(decoder) };
    } else if (type === messageQueryAwareness) {
      message = { kind: "query-awareness" };
    } else {
      throw new ProtocolError(closeCode.unsupported, `unsupported message type ${type}`);
    }
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError(closeCode.malformed, "truncated message");
  }
  if (decoder.pos !== data.length) throw new ProtocolError(closeCode.malformed, "trailing bytes after message");
  return message;
}

/** A protocol message: its type (and sync step) as varUints, then the payload as a varUint8Array. */
function message(prefix: readonly number[], payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const value of prefix) encoding.writeVarUint(encoder, value);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/**
 * A message as a complete websocket frame. A server frame is never masked,
 * so one framed broadcast is byte-for-byte what every recipient's socket
 * needs: it is built once and written to each socket as is (see
 * Connection.sendFrame).
 */
function frame(body: Uint8Array): Buffer {
  const headerLength = body.length < 126 ? 2 : body.length < 65_536 ? 4 : 10;
  const out = Buffer.allocUnsafe(headerLength + body.length);
  out[0] = 0x82; // FIN, binary
  if (body.length < 126) {
    out[1] = body.length;
  } else if (body.length < 65_536) {
    out[1] = 126;
    out.writeUInt16BE(body.length, 2);
  } else {
    out[1] = 127;
    out.writeBigUInt64BE(BigInt(body.length), 2);
  }
  out.set(body, headerLength);
  return out;
}

const syncStep1Prefix = [messageSync, syncStep1];
const syncStep2Prefix = [messageSync, syncStep2];
const updatePrefix = [messageSync, syncUpdate];
const awarenessPrefix = [messageAwareness];

export const encodeSyncStep1 = (stateVector: Uint8Array) => message(syncStep1Prefix, stateVector);
export const encodeSyncStep2 = (update: Uint8Array) => message(syncStep2Prefix, update);
export const encodeUpdate = (update: Uint8Array) => message(updatePrefix, update);
export const encodeAwareness = (update: Uint8Array) => message(awarenessPrefix, update);

/** An update message as a complete websocket frame, for broadcasting (Connection.sendFrame). */
export const frameUpdate = (update: Uint8Array) => frame(message(updatePrefix, update));
/** An awareness message as a complete websocket frame, for broadcasting. */
export const frameAwareness = (update: Uint8Array) => frame(message(awarenessPrefix, update));

/** "saved" (type 8, varUint N) as a complete websocket frame, written straight to the socket. */
export function frameSaved(count: number): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSaved);
  encoding.writeVarUint(encoder, count);
  return frame(encoding.toUint8Array(encoder));
}

export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageAuth);
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarString(encoder, reason);
  return encoding.toUint8Array(encoder);
}
