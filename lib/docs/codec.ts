import { promisify } from "node:util";
import { gunzipSync, gzip, gzipSync } from "node:zlib";

const gzipAsync = promisify(gzip);

/**
 * How a compacted document state is kept in doc_snapshots.state: the Yjs v1
 * update (what the y-websocket protocol sends) gzipped. A long-edited
 * article's v1 state is about twice its v2 encoding; gzipped it is smaller
 * than either, and it unzips into wire-ready bytes in a millisecond, so a cold
 * open sends it without building or re-encoding a Y.Doc.
 */
export function encodeSnapshotState(update: Uint8Array): Buffer {
  return gzipSync(update, { level: 6 });
}

/** encodeSnapshotState on libuv's thread pool, off the event loop. */
export async function encodeSnapshotStateAsync(update: Uint8Array): Promise<Buffer> {
  return gzipAsync(update, { level: 6 });
}

const isGzip = (stored: Uint8Array) => stored.length > 2 && stored[0] === 0x1f && stored[1] === 0x8b;

/** The Yjs v1 update held by a snapshot; a raw (unzipped) update is accepted as is. */
export function decodeSnapshotState(stored: Uint8Array): Uint8Array {
  return isGzip(stored) ? gunzipSync(stored) : stored;
}

/** better-sqlite3 binds Buffers, not bare Uint8Arrays; this wraps without copying. */
export function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

