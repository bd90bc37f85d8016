import type { LoadPool } from "../client/pool";
import type { ServerMemory, ServerUnderTest } from "../servers/server-under-test";
import { sleep } from "../stats";

export interface MemoryConfig {
  docs: number;
  /** Characters of text in each document (one transaction, as if pasted). */
  articleChars: number;
  /** Total connections (editors + idle) at which memory is read; the last is the most tried. */
  checkpoints: number[];
  concurrencyPerWorker: number;
  connectTimeoutMs: number;
  holdMs: number;
  /** Wait after closing everything: longer than Galley's unload grace period in the bench. */
  settleMs: number;
  budgetMs: number;
}

export interface MemoryResult {
  baseline: ServerMemory;
  withDocs: ServerMemory;
  perDocBytes: number;
  perConnectionBytes: number;
  points: { connections: number; rss: number; heapUsed: number }[];
  attempted: number;
  held: number;
  failures: number;
  errors: string[];
  stoppedBecause: string;
  fileLimit: number;
  /** Every document still served while full: a fresh client synced each one. */
  servedWhileFull: { docs: number; converged: number; ms: number };
  afterClose: ServerMemory;
}

/**
 * RSS per loaded document and per idle connection, the most idle synced
 * connections held, and memory once every connection has closed. Memory is
 * read inside the server after two forced full GCs, so garbage is not counted.
 */
export async function runMemory(server: ServerUnderTest, pool: LoadPool, config: MemoryConfig, prefix: string): Promise<MemoryResult> {
  const deadline = Date.now() + config.budgetMs;
  const { framing } = server.kind;
  const fileLimit = server.openFileLimit();

  // Warm the code paths so the baseline includes compiled code, not just an empty heap.
  const warm = await server.docs(5, `${prefix}-warm`);
  await pool.openEditors(framing, warm, 2);
  await pool.closeEditors();
  await sleep(config.settleMs);
  const baseline = await server.memory();

  const docs = await server.docs(config.docs, prefix);
  const opened = await pool.openEditors(framing, docs, 1, config.connectTimeoutMs * 4);
  if (opened.failed) throw new Error(`${opened.failed} documents could not be opened: ${opened.errors.join("; ")}`);
  await pool.seed(config.articleChars);
  await sleep(1000);
  const withDocs = await server.memory();

  let connections = docs.length;
  let failures = 0;
  const errors: string[] = [];
  const points = [{ connections, rss: withDocs.rss, heapUsed: withDocs.heapUsed }];
  let stoppedBecause = "reached the largest checkpoint";
  for (const target of config.checkpoints) {
    if (target <= connections) continue;
    if (Date.now() > deadline) {
      stoppedBecause = "time budget";
      break;
    }
    const wanted = target - connections;
    const outcome = await pool.openIdle(framing, docs, wanted, connections, config.concurrencyPerWorker, config.connectTimeoutMs, deadline);
    connections += outcome.succeeded;
    failures += outcome.failed;
    errors.push(...outcome.errors.slice(0, 5 - errors.length));
    if (server.hasExited) {
      stoppedBecause = "the server process exited";
      break;
    }
    const memory = await server.memory();
    points.push({ connections, rss: memory.rss, heapUsed: memory.heapUsed });
    if (outcome.failed > 0.01 * wanted) {
      stoppedBecause = `connections refused or timed out near ${connections}`;
      break;
    }
  }

  await sleep(config.holdMs);
  const held = server.hasExited ? 0 : await pool.openConnections();
  const probeStart = Date.now();
  const servedWhileFull = server.hasExited ? { docs: docs.length, converged: 0 } : await pool.converge(60_000);
  const servedMs = Date.now() - probeStart;

  await pool.closeIdle();
  await pool.closeEditors();
  await sleep(config.settleMs);
  const afterClose = server.hasExited ? withDocs : await server.memory();

  const first = points[0]!;
  const last = points[points.length - 1]!;
  const perConnectionBytes = last.connections > first.connections ? (last.rss - first.rss) / (last.connections - first.connections) : Number.NaN;
  const perDocBytes = (withDocs.rss - baseline.rss) / docs.length - (Number.isFinite(perConnectionBytes) ? perConnectionBytes : 0);
  return {
    baseline, withDocs, perDocBytes, perConnectionBytes, points,
    attempted: connections + failures, held, failures, errors, stoppedBecause,
    fileLimit,
    servedWhileFull: { docs: servedWhileFull.docs, converged: servedWhileFull.converged, ms: servedMs },
    afterClose,
  };
}
