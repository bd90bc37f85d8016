import type { LoadPool } from "../client/pool";
import type { DocSpec, Framing } from "../client/wire";
import { machineBusyMicros } from "../proc";
import type { ServerUnderTest } from "../servers/server-under-test";
import { sleep, summarize, type LatencySummary } from "../stats";

/**
 * Cores other processes may use during a measured window before the bench
 * puts a bad result down to them and measures again (this machine is shared).
 */
export const busyMachineCores = 0.5;

export interface LoadShape {
  docs: number;
  clientsPerDoc: number;
  ratePerClient: number;
  warmupMs: number;
  measureMs: number;
  drainMs: number;
}

/** What one measured window counted; figures() turns one or several (pooled rounds) into the reported numbers. */
export interface WindowTotals {
  measureMs: number;
  /** From the window's start to the end of the drain: the span CPU is charged over. */
  wallMicros: number;
  sent: number;
  expected: number;
  delivered: number;
  serverCpuMicros: number;
  clientCpuMicros: number;
  /** Machine CPU used by anything but this server and the load workers (the bench parent, other jobs). */
  otherCpuMicros: number;
  closedClients: number;
  clientLagP99: number;
  samples: Float64Array[];
  /** Scaled out: sender and receiver on different instances (a subset of samples). */
  crossSamples: Float64Array[];
  ackSamples: Float64Array[];
}

export interface LoadFigures {
  latency: LatencySummary;
  /** Scaled out: deliveries from a client on one instance to a client on the other. */
  crossLatency: LatencySummary;
  /** Send → the server's acknowledgement (Galley type 8 "stored", Hocuspocus SyncStatus "applied"). */
  ack: LatencySummary;
  sentPerSec: number;
  deliveredPerSec: number;
  /** Share of expected deliveries (edit × other client) that arrived before the drain deadline. */
  deliveredShare: number;
  serverCpuPerEdit: number;
  /** CPU time / wall time (1 = one core busy). */
  serverCores: number;
  clientCores: number;
  otherCores: number;
  clientLagP99: number;
  closedClients: number;
}

export function figures(windows: WindowTotals[]): LoadFigures {
  const total = (pick: (w: WindowTotals) => number) => windows.reduce((sum, w) => sum + pick(w), 0);
  const seconds = total((w) => w.measureMs) / 1000;
  const wall = total((w) => w.wallMicros);
  return {
    latency: summarize(windows.flatMap((w) => w.samples)),
    crossLatency: summarize(windows.flatMap((w) => w.crossSamples ?? [])),
    ack: summarize(windows.flatMap((w) => w.ackSamples)),
    sentPerSec: total((w) => w.sent) / seconds,
    deliveredPerSec: total((w) => w.delivered) / seconds,
    deliveredShare: total((w) => w.delivered) / total((w) => w.expected),
    serverCpuPerEdit: total((w) => w.serverCpuMicros) / total((w) => w.sent),
    serverCores: total((w) => w.serverCpuMicros) / wall,
    clientCores: total((w) => w.clientCpuMicros) / wall,
    otherCores: total((w) => w.otherCpuMicros) / wall,
    clientLagP99: Math.max(...windows.map((w) => w.clientLagP99)),
    closedClients: total((w) => w.closedClients),
  };
}

/** A server whose CPU time the bench reads from /proc (one process, or the sum of a few). */
export interface CpuSource {
  cpuMicros(): number;
}

/**
 * One measured window on already connected editors: server CPU is read from
 * /proc at the window's edges (summed over the instances when scaled out).
 */
export async function measureWindow(servers: CpuSource | CpuSource[], pool: LoadPool, shape: LoadShape): Promise<WindowTotals> {
  const instances = Array.isArray(servers) ? servers : [servers];
  const serverCpu = () => instances.reduce((sum, server) => sum + server.cpuMicros(), 0);
  const startAt = Date.now() + 300;
  const windowStart = startAt + shape.warmupMs;
  let cpuStart = Number.NaN;
  let busyStart = Number.NaN;
  const cpuTimer = setTimeout(() => {
    cpuStart = serverCpu();
    busyStart = machineBusyMicros();
  }, windowStart - Date.now());
  const result = await pool.run(startAt, shape.ratePerClient, shape.warmupMs, shape.measureMs, shape.drainMs);
  clearTimeout(cpuTimer);
  const serverCpuMicros = serverCpu() - cpuStart;
  const busyMicros = machineBusyMicros() - busyStart;
  return {
    measureMs: shape.measureMs,
    wallMicros: (Date.now() - windowStart) * 1000,
    sent: result.sent,
    expected: result.expected,
    delivered: result.delivered,
    serverCpuMicros,
    clientCpuMicros: result.clientCpuMicros,
    otherCpuMicros: Math.max(0, busyMicros - serverCpuMicros - result.clientCpuMicros),
    closedClients: result.closedClients,
    clientLagP99: result.clientLagP99,
    samples: result.samples,
    crossSamples: result.crossSamples,
    ackSamples: result.ackSamples,
  };
}

export interface Convergence { docs: number; converged: number; problems: string[] }

export interface LatencyRound {
  window: WindowTotals;
  convergence: Convergence;
}

/** Opens docs × clients editors, types for one window, checks every document converged, closes everything. */
export async function runLatency(server: ServerUnderTest, pool: LoadPool, shape: LoadShape, prefix: string): Promise<LatencyRound> {
  return measureEditing(server, pool, shape, server.kind.framing, await server.docs(shape.docs, prefix));
}

/** runLatency on documents already prepared, against one server or several (scaled out, CPU summed). */
export async function measureEditing(servers: CpuSource | CpuSource[], pool: LoadPool, shape: LoadShape, framing: Framing, docs: DocSpec[]): Promise<LatencyRound> {
  try {
    const opened = await pool.openEditors(framing, docs, shape.clientsPerDoc);
    if (opened.failed) throw new Error(`${opened.failed} of ${opened.failed + opened.succeeded} editors could not connect: ${opened.errors.join("; ")}`);
    const window = await measureWindow(servers, pool, shape);
    const convergence = await pool.converge();
    return { window, convergence };
  } finally {
    await pool.closeEditors();
    // Let the server see the closes before the next server's turn.
    await sleep(500);
  }
}
