import fs from "node:fs";
import zlib from "node:zlib";
import * as Y from "yjs";

export const automergePaperTrace = "/work/shared/traces/automerge-paper.json.gz";

interface TraceFile {
  endContent: string;
  txns: { patches: [number, number, string][] }[];
}

/** A 32-bit id like the ones Y.Doc draws at random (most of which take five varint bytes). */
const traceClientId = 3_141_592_653;

export interface BuiltTrace {
  edits: number;
  finalText: string;
  /** The history as `chunks` Yjs updates, in order, as an editor would have sent it in bursts. */
  updates: Uint8Array[];
  v1Bytes: number;
  v2Bytes: number;
  buildMs: number;
}

/**
 * Replays an editing trace (positions in code points, applied like
 * Array.splice) into a Y.Text named "body", one Yjs transaction per trace
 * transaction, and groups the resulting updates into `chunks` merged updates.
 */
export function buildTrace(file: string, chunks: number): BuiltTrace {
  const started = performance.now();
  const trace = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString("utf8")) as TraceFile;
  const doc = new Y.Doc();
  // A fixed writer id: v1 sizes depend on its varint length, and a random one would move them between runs.
  doc.clientID = traceClientId;
  const text = doc.getText("body");
  const pending: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => pending.push(update));
  const perChunk = Math.ceil(trace.txns.length / chunks);
  const updates: Uint8Array[] = [];
  let edits = 0;
  trace.txns.forEach((txn, index) => {
    doc.transact(() => {
      for (const [position, deleted, inserted] of txn.patches) {
        if (deleted) text.delete(position, deleted);
        if (inserted) text.insert(position, inserted);
        edits++;
      }
    });
    if ((index + 1) % perChunk === 0 || index === trace.txns.length - 1) {
      updates.push(Y.mergeUpdates(pending));
      pending.length = 0;
    }
  });
  const finalText = text.toString();
  if (finalText !== trace.endContent) throw new Error(`${file}: replay does not end with the trace's final text`);
  return {
    edits,
    finalText,
    updates,
    v1Bytes: Y.encodeStateAsUpdate(doc).length,
    v2Bytes: Y.encodeStateAsUpdateV2(doc).length,
    buildMs: performance.now() - started,
  };
}
