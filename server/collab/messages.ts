import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

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
export const messageSync = 0;
export const messageAwareness = 1;
export const messageAuth = 2;
export const messageQueryAwareness = 3;
export const messageSaved = 8;

export const syncStep1 = 0;
export const syncStep2 = 1;
export const syncUpdate = 2;

export type ClientMessage =
  | { kind: "sync-step-1"; stateVector: Uint8Array }
  | { kind: "update"; update: Uint8Array }
  | { kind: "awareness"; update: Uint8Array }
  | { kind: "query-awareness" };

/** A message the protocol does not allow; closes the connection with its code. */
export class ProtocolError extends Error {
  constructor(
    /** 1003 for a message type we do not accept, 1007 for malformed content. */
    readonly closeCode: 1003 | 1007,
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
      else throw new ProtocolError(1007, `unknown sync message ${step}`);
    } else if (type === messageAwareness) {
      message = { kind: "awareness", update: decoding.readVarUint8Array(decoder) };
    } else if (type === messageQueryAwareness) {
      message = { kind: "query-awareness" };
    } else {
      throw new ProtocolError(1003, `unsupported message type ${type}`);
    }
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError(1007, "truncated message");
  }
  if (decoder.pos !== data.length) throw new ProtocolError(1007, "trailing bytes after message");
  return message;
}

/**
 * [prefix…, varUint8Array(payload)] in one allocation, optionally preceded by
 * the websocket frame header. A server frame is never masked, so one framed
 * broadcast is byte-for-byte what every recipient's socket needs: it is
 * built once and written to each socket as is (see Connection.sendFrame).
 */
function withPayload(prefix: readonly number[], payload: Uint8Array, isFramed = false): Buffer {
  let lengthBytes = 1;
  for (let n = payload.length; n > 127; n = Math.floor(n / 128)) lengthBytes++;
  const messageLength = prefix.length + lengthBytes + payload.length;
  const headerLength = !isFramed ? 0 : messageLength < 126 ? 2 : messageLength < 65_536 ? 4 : 10;
  const out = Buffer.allocUnsafe(headerLength + messageLength);
  let pos = 0;
  if (isFramed) {
    out[pos++] = 0x82; // FIN, binary
    if (messageLength < 126) {
      out[pos++] = messageLength;
    } else if (messageLength < 65_536) {
      out[pos++] = 126;
      out.writeUInt16BE(messageLength, pos);
      pos += 2;
    } else {
      out[pos++] = 127;
      out.writeBigUInt64BE(BigInt(messageLength), pos);
      pos += 8;
    }
  }
  for (const byte of prefix) out[pos++] = byte;
  let n = payload.length;
  while (n > 127) {
    out[pos++] = (n % 128) | 0x80;
    n = Math.floor(n / 128);
  }
  out[pos++] = n;
  out.set(payload, pos);
  return out;
}

const syncStep1Prefix = [messageSync, syncStep1];
const syncStep2Prefix = [messageSync, syncStep2];
const updatePrefix = [messageSync, syncUpdate];
const awarenessPrefix = [messageAwareness];

export const encodeSyncStep1 = (stateVector: Uint8Array) => withPayload(syncStep1Prefix, stateVector);
export const encodeSyncStep2 = (update: Uint8Array) => withPayload(syncStep2Prefix, update);
export const encodeUpdate = (update: Uint8Array) => withPayload(updatePrefix, update);
export const encodeAwareness = (update: Uint8Array) => withPayload(awarenessPrefix, update);

/** An update message as a complete websocket frame, for broadcasting (Connection.sendFrame). */
export const frameUpdate = (update: Uint8Array) => withPayload(updatePrefix, update, true);
/** "saved" (type 8, varUint N) as a complete websocket frame, written straight to the socket. */
export function frameSaved(count: number): Buffer {
  let length = 1;
  for (let n = count; n > 127; n = Math.floor(n / 128)) length++;
  const out = Buffer.allocUnsafe(3 + length);
  out[0] = 0x82; // FIN, binary
  out[1] = 1 + length;
  out[2] = messageSaved;
  let pos = 3;
  let n = count;
  while (n > 127) {
    out[pos++] = (n % 128) | 0x80;
    n = Math.floor(n / 128);
  }
  out[pos] = n;
  return out;
}

/** An awareness message as a complete websocket frame, for broadcasting. */
export const frameAwareness = (update: Uint8Array) => withPayload(awarenessPrefix, update, true);

export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageAuth);
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarString(encoder, reason);
  return encoding.toUint8Array(encoder);
}
