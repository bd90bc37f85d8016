import * as Y from "yjs";
import { EditingClient } from "../client/editing-client";
import { DocTracker, LatencySink } from "../client/tracker";
import type { DocSpec } from "../client/wire";
import type { ServerUnderTest } from "../servers/server-under-test";
import { median, sleep, waitUntil } from "../stats";
import type { BuiltTrace } from "../trace";

export interface ColdLoadConfig {
  /** Timed opens; for Galley each one waits until the document has been unloaded, so it comes from the store. */
  opens: number;
  /** Update messages per second while writing the history (below Galley's default per-connection limit). */
  sendPerSec: number;
}

export interface StoredSize { snapshotBytes: number; textBytes: number; updateRows: number; updateBytes: number }

export interface ColdLoadResult {
  /** Median time from opening the socket to holding the whole document (sync step 2 applied). */
  loadMs: number;
  loadsMs: number[];
  /** Median time the server took to answer its next request right after each timed open. */
  nextAnswerMs: number;
  /** Galley only: the first open in a freshly started server process (cold JIT, cold store cache). */
  afterRestartMs: number;
  /** Galley only: an open while the document is still in memory. */
  warmLoadMs: number;
  textMatches: boolean;
  /** Galley only: what the store holds once the writer left and the document was unloaded and compacted. */
  stored?: StoredSize;
  /** Galley only: the same after the timed opens (readers should not make it grow). */
  storedAfterOpens?: StoredSize;
}

function newClient(server: ServerUnderTest, spec: DocSpec, name: string): EditingClient {
  return new EditingClient({ framing: server.kind.framing, spec, tracker: new DocTracker(), sink: new LatencySink(), name });
}

interface Open { ms: number; matches: boolean; nextAnswerMs: number }

/**
 * Times one new client from socket open to sync step 2 applied, then how long
 * the server takes to answer its next request (an IPC round trip served by its
 * event loop): work the open left behind, such as building the Y.Doc from the
 * stored state, holds up every other client of that server for that long.
 */
async function timeOpen(server: ServerUnderTest, spec: DocSpec, expected: string): Promise<Open> {
  const client = newClient(server, spec, "reader");
  const started = performance.now();
  try {
    await client.connect(60_000);
    const ms = performance.now() - started;
    const asked = performance.now();
    await server.stats();
    return { ms, matches: client.text.toString() === expected, nextAnswerMs: performance.now() - asked };
  } finally {
    client.close();
  }
}

/** As in production: the last client has left, the grace period passes, the document is unloaded and compacted. */
async function waitForUnload(server: ServerUnderTest): Promise<void> {
  await waitUntil(async () => (await server.stats()).loadedDocs === 0, 60_000, "Galley to unload the document", 100);
  await server.request("idle", {}, 60_000);
}

/**
 * Writes a real editing history into one document through the socket, then
 * times new clients opening it. Galley: every timed open finds the document
 * unloaded (it loads from SQLite in a warm, long-running process); one more
 * finds it in memory, and a last one follows a process restart. The peers keep
 * the document in memory with the writer still connected.
 */
export async function runColdLoad(server: ServerUnderTest, trace: BuiltTrace, config: ColdLoadConfig, prefix: string): Promise<ColdLoadResult> {
  const [warmSpec, spec] = await server.docs(2, prefix);
  // The reading side (this process) runs warm: compile the client paths on a small document first.
  const warmer = newClient(server, warmSpec!, "warm-up");
  await warmer.connect(30_000);
  warmer.close();

  const writer = newClient(server, spec!, "writer");
  await writer.connect(30_000);
  for (const update of trace.updates) {
    Y.applyUpdate(writer.doc, update);
    await sleep(1000 / config.sendPerSec);
  }
  const isGalley = server.kind.id === "galley";
  let stored: StoredSize | undefined;
  if (isGalley) {
    await waitUntil(() => writer.pendingAcks === 0, 60_000, "Galley to store the history");
    writer.close();
    await waitForUnload(server);
    stored = await server.request<StoredSize>("storedSize", { name: spec!.name });
  } else {
    // The peers acknowledge nothing durable: wait until a reader sees the whole history.
    await waitUntil(async () => (await timeOpen(server, spec!, trace.finalText)).matches, 60_000, "the server to apply the history", 200);
  }

  const loadsMs: number[] = [];
  const nextAnswersMs: number[] = [];
  let textMatches = true;
  const record = (open: Open) => {
    textMatches &&= open.matches;
    return open.ms;
  };
  for (let i = 0; i < config.opens; i++) {
    const open = await timeOpen(server, spec!, trace.finalText);
    loadsMs.push(record(open));
    nextAnswersMs.push(open.nextAnswerMs);
    if (isGalley) await waitForUnload(server);
  }
  const nextAnswerMs = median(nextAnswersMs);
  if (!isGalley) {
    writer.close();
    return { loadMs: median(loadsMs), loadsMs, nextAnswerMs, afterRestartMs: Number.NaN, warmLoadMs: Number.NaN, textMatches };
  }
  const storedAfterOpens = await server.request<StoredSize>("storedSize", { name: spec!.name });
  // In memory: a first reader loads it and stays; once the server has built the document, time a second.
  const holder = newClient(server, spec!, "holder");
  await holder.connect(60_000);
  await sleep(1000);
  const warmLoadMs = record(await timeOpen(server, spec!, trace.finalText));
  holder.close();
  await server.restart();
  const afterRestartMs = record(await timeOpen(server, spec!, trace.finalText));
  return { loadMs: median(loadsMs), loadsMs, nextAnswerMs, afterRestartMs, warmLoadMs, textMatches, stored, storedAfterOpens };
}
