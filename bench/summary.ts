import type { BenchResults } from "./results";
import { figures, type LoadFigures } from "./scenarios/latency";
import type { ServerId } from "./servers/server-under-test";
import { fmt, ratio } from "./stats";

/** One line of the results table: a figure per server, and which direction is better (for the ratio). */
export interface Row {
  label: string;
  better: "lower" | "higher" | null;
  values: Partial<Record<ServerId, number>>;
  digits?: number;
  /** Replaces the number in the cell (e.g. "10/10", "n/a"). */
  text?: Partial<Record<ServerId, string>>;
}

export interface Section {
  title: string;
  rows: Row[];
}

const peers: ServerId[] = ["reference", "hocuspocus"];

/** The best peer's figure for a row (lowest or highest), or NaN without peers. */
export function bestPeer(row: Row): number {
  const values = peers.map((id) => row.values[id]).filter((v): v is number => v !== undefined && Number.isFinite(v));
  if (!values.length || !row.better) return Number.NaN;
  return row.better === "lower" ? Math.min(...values) : Math.max(...values);
}

export function cell(row: Row, id: ServerId): string {
  return row.text?.[id] ?? fmt(row.values[id], row.digits ?? 1);
}

export function ratioCell(row: Row): string {
  const value = ratio(row.values.galley, bestPeer(row));
  return Number.isFinite(value) ? `${fmt(value, 2)}×` : "";
}

type Mapper<T> = (value: T) => number | undefined;
function per<T>(source: Partial<Record<ServerId, T>>, map: Mapper<T>): Partial<Record<ServerId, number>> {
  const out: Partial<Record<ServerId, number>> = {};
  for (const [id, value] of Object.entries(source) as [ServerId, T][]) out[id] = map(value);
  return out;
}

export function loadFigures(results: BenchResults, which: "light" | "heavy"): Partial<Record<ServerId, LoadFigures>> {
  const out: Partial<Record<ServerId, LoadFigures>> = {};
  for (const [id, rounds] of Object.entries(results[which]) as [ServerId, BenchResults["light"][ServerId]][]) {
    if (rounds?.length) out[id] = figures(rounds.map((round) => round.window));
  }
  return out;
}

/** The scale-out scenario's figures: one instance and two, pooled over rounds, or null when it did not run. */
export function scaleFigures(results: BenchResults) {
  const scale = results.scale;
  if (!scale?.single.length || !scale.pair.length) return null;
  const docs = scale.pair.reduce((n, r) => n + r.convergence.docs, 0);
  const converged = scale.pair.reduce((n, r) => n + r.convergence.converged, 0);
  return {
    single: figures(scale.single.map((round) => round.window)),
    pair: figures(scale.pair.map((round) => round.window)),
    converged: `${converged}/${docs} documents (two instances), ${scale.single.reduce((n, r) => n + r.convergence.converged, 0)}/${scale.single.reduce((n, r) => n + r.convergence.docs, 0)} (one)`,
    isConverged: converged === docs && docs > 0,
  };
}

function loadSection(results: BenchResults, which: "light" | "heavy"): Section {
  const shape = results.config[which];
  const f = loadFigures(results, which);
  const converged: Partial<Record<ServerId, string>> = {};
  for (const [id, rounds] of Object.entries(results[which]) as [ServerId, NonNullable<BenchResults["light"][ServerId]>][]) {
    converged[id] = `${rounds.reduce((n, r) => n + r.convergence.converged, 0)}/${rounds.reduce((n, r) => n + r.convergence.docs, 0)}`;
  }
  const ackText = (id: ServerId) => (id === "reference" ? "no ack" : undefined);
  return {
    title: `${which === "light" ? "Light" : "Heavy"} load: ${shape.docs} docs × ${shape.clientsPerDoc} clients × ${shape.ratePerClient} edits/s (${shape.docs * shape.clientsPerDoc * shape.ratePerClient} edits/s offered)`,
    rows: [
      { label: "latency p50 (ms)", better: "lower", digits: 2, values: per(f, (x) => x.latency.p50) },
      { label: "latency p95 (ms)", better: "lower", digits: 2, values: per(f, (x) => x.latency.p95) },
      { label: "latency p99 (ms)", better: "lower", digits: 2, values: per(f, (x) => x.latency.p99) },
      { label: "latency max (ms)", better: "lower", digits: 1, values: per(f, (x) => x.latency.max) },
      { label: "edits sent /s", better: null, digits: 0, values: per(f, (x) => x.sentPerSec) },
      { label: "edits delivered /s (to other clients)", better: null, digits: 0, values: per(f, (x) => x.deliveredPerSec) },
      { label: "delivered of expected (%)", better: null, digits: 2, values: per(f, (x) => x.deliveredShare * 100) },
      { label: "server CPU per edit (µs)", better: "lower", digits: 0, values: per(f, (x) => x.serverCpuPerEdit) },
      { label: "server CPU (cores)", better: null, digits: 2, values: per(f, (x) => x.serverCores) },
      { label: "ack p99 (ms): Galley stored, Hocuspocus applied", better: null, digits: 2, values: per(f, (x) => x.ack.p99), text: { reference: ackText("reference") } },
      { label: "documents converged", better: null, values: {}, text: converged },
      { label: "load generator CPU (cores) / event-loop p99 (ms)", better: null, values: {}, text: textPer(f, (x) => `${fmt(x.clientCores, 2)} / ${fmt(x.clientLagP99, 0)}`) },
      { label: "other CPU on the machine (cores)", better: null, digits: 2, values: per(f, (x) => x.otherCores) },
    ],
  };
}

function textPer<T>(source: Partial<Record<ServerId, T>>, map: (value: T) => string): Partial<Record<ServerId, string>> {
  const out: Partial<Record<ServerId, string>> = {};
  for (const [id, value] of Object.entries(source) as [ServerId, T][]) out[id] = map(value);
  return out;
}

/** The summary table, section by section, from whatever scenarios ran. */
export function summarySections(results: BenchResults): Section[] {
  const sections: Section[] = [];
  if (Object.keys(results.light).length) sections.push(loadSection(results, "light"));
  if (Object.keys(results.heavy).length) sections.push(loadSection(results, "heavy"));
  if (Object.keys(results.ramp).length) {
    const ramp = results.config.ramp;
    sections.push({
      title: `Ramp: ${ramp.docs} docs × ${ramp.clientsPerDoc} clients, ${ramp.rates.join(", ")} edits/s per client`,
      rows: [
        { label: "highest sustained edits/s with p99 ≤ 100 ms", better: "higher", digits: 0, values: per(results.ramp, (r) => r.sustainedPerSec) },
        { label: "stopped because", better: null, values: {}, text: textPer(results.ramp, (r) => r.stoppedBecause) },
      ],
    });
  }
  if (Object.keys(results.memory).length) {
    const m = results.memory;
    sections.push({
      title: `Memory: ${results.config.memory.docs} documents of ${results.config.memory.articleChars} characters, then idle synced connections`,
      rows: [
        { label: "RSS per idle connection (KiB)", better: "lower", digits: 1, values: per(m, (r) => r.perConnectionBytes / 1024) },
        { label: "heap per idle connection (KiB)", better: "lower", digits: 1, values: per(m, (r) => heapPerConnection(r) / 1024) },
        { label: "RSS per loaded document (KiB)", better: "lower", digits: 1, values: per(m, (r) => r.perDocBytes / 1024) },
        { label: "idle synced connections held", better: "higher", digits: 0, values: per(m, (r) => r.held), text: textPer(m, (r) => `${fmt(r.held, 0)} of ${fmt(r.attempted, 0)}`) },
        { label: "every document served while full", better: null, values: {}, text: textPer(m, (r) => `${r.servedWhileFull.converged}/${r.servedWhileFull.docs}`) },
        { label: "baseline RSS / heap (MiB)", better: null, values: {}, text: textPer(m, (r) => `${fmt(r.baseline.rss / 2 ** 20, 0)} / ${fmt(r.baseline.heapUsed / 2 ** 20, 1)}`) },
        { label: "peak RSS / heap (MiB)", better: null, values: {}, text: textPer(m, (r) => `${fmt(peak(r).rss / 2 ** 20, 0)} / ${fmt(peak(r).heapUsed / 2 ** 20, 1)}`) },
        { label: "after closing all: heap above baseline (MiB)", better: "lower", digits: 2, values: per(m, (r) => (r.afterClose.heapUsed - r.baseline.heapUsed) / 2 ** 20) },
        { label: "after closing all: RSS above baseline (MiB)", better: "lower", digits: 0, values: per(m, (r) => (r.afterClose.rss - r.baseline.rss) / 2 ** 20) },
        { label: "after closing all: documents in memory", better: "lower", digits: 0, values: per(m, (r) => r.afterClose.loadedDocs - r.baseline.loadedDocs) },
      ],
    });
  }
  if (Object.keys(results.cold).length && results.trace) {
    const c = results.cold;
    const t = results.trace;
    sections.push({
      title: `Cold load: automerge-paper trace (${fmt(t.edits, 0)} edits, written as ${t.updates} updates; Yjs state v1 ${fmt(t.v1Bytes, 0)} B, v2 ${fmt(t.v2Bytes, 0)} B)`,
      rows: [
        { label: "new client synced (ms, median; Galley: unloaded, from the store)", better: "lower", digits: 1, values: per(c, (r) => r.loadMs) },
        { label: "each open (ms)", better: null, values: {}, text: textPer(c, (r) => r.loadsMs.map((ms) => fmt(ms, 0)).join(", ")) },
        { label: "server's next answer after an open (ms, median): work the open left behind", better: "lower", digits: 1, values: per(c, (r) => r.nextAnswerMs) },
        { label: "first open after a server restart (ms)", better: null, digits: 1, values: per(c, (r) => r.afterRestartMs), text: { reference: "n/a", hocuspocus: "n/a" } },
        { label: "open while in memory (ms)", better: null, digits: 1, values: per(c, (r) => r.warmLoadMs), text: { reference: "(all)", hocuspocus: "(all)" } },
        { label: "client text equals the trace's final text", better: null, values: {}, text: textPer(c, (r) => (r.textMatches ? "yes" : "NO")) },
        { label: "stored Yjs bytes after compaction (snapshot + unfolded updates)", better: null, digits: 0, values: per(c, (r) => storedBytes(r.stored)), text: { reference: "memory only", hocuspocus: "memory only" } },
        { label: "stored ÷ Yjs v2 state", better: null, digits: 2, values: per(c, (r) => ratioTo(storedBytes(r.stored), t.v2Bytes)) },
        { label: "unfolded update rows / plain-text column bytes", better: null, values: {}, text: textPer(c, (r) => (r.stored ? `${r.stored.updateRows} / ${fmt(r.stored.textBytes, 0)}` : "")) },
        { label: "stored Yjs bytes after the timed opens (rows)", better: null, values: {}, text: textPer(c, (r) => (r.storedAfterOpens ? `${fmt(storedBytes(r.storedAfterOpens), 0)} (${r.storedAfterOpens.updateRows})` : "")) },
      ],
    });
  }
  return sections;
}

function storedBytes(stored: { snapshotBytes: number; updateBytes: number } | undefined): number | undefined {
  return stored ? stored.snapshotBytes + stored.updateBytes : undefined;
}

function ratioTo(value: number | undefined, base: number): number | undefined {
  return value === undefined ? undefined : value / base;
}

export function peak(r: { points: { rss: number; heapUsed: number }[] }) {
  return r.points[r.points.length - 1]!;
}

export function heapPerConnection(r: { points: { connections: number; heapUsed: number }[] }): number {
  const first = r.points[0]!;
  const last = r.points[r.points.length - 1]!;
  return last.connections > first.connections ? (last.heapUsed - first.heapUsed) / (last.connections - first.connections) : Number.NaN;
}
