import path from "node:path";
import { fileURLToPath } from "node:url";
import { Child } from "../ipc";
import type { DocSpec, Framing } from "./wire";

const workerFile = path.join(path.dirname(fileURLToPath(import.meta.url)), "load-worker.ts");

export interface RunResult {
  sent: number;
  expected: number;
  delivered: number;
  samples: Float64Array[];
  /** Scaled out: the samples whose sender and receiver sat on different instances. */
  crossSamples: Float64Array[];
  ackSamples: Float64Array[];
  /** CPU time of all load workers during the run. */
  clientCpuMicros: number;
  closedClients: number;
  /** Worst event-loop delay p99 among the workers (ms): a late generator inflates every latency. */
  clientLagP99: number;
}

/**
 * The load generators: several child processes, because on two cores one
 * Node process cannot both send and receive fast enough. Documents are dealt
 * out whole, so each document's clients share a worker and its clock.
 */
export class LoadPool {
  private workers: Child[] = [];

  constructor(private readonly size: number, private readonly logFile: string) {}

  async start(): Promise<void> {
    this.workers = Array.from({ length: this.size }, () => new Child(workerFile, { logFile: this.logFile }));
    await Promise.all(this.workers.map((worker) => worker.ready));
  }

  async openEditors(framing: Framing, docs: DocSpec[], clientsPerDoc: number, timeoutMs = 60_000) {
    const outcomes = await Promise.all(
      this.workers.map((worker, w) =>
        worker.request("openEditors", { framing, docs: docs.filter((_, i) => i % this.size === w), clientsPerDoc, timeoutMs }, timeoutMs + 10_000),
      ),
    );
    return combine(outcomes);
  }

  /** Every worker types from startAt (epoch ms); the measured window opens warmupMs later. */
  async run(startAt: number, ratePerClient: number, warmupMs: number, measureMs: number, drainMs: number): Promise<RunResult> {
    const parts = await Promise.all(
      this.workers.map((worker) => worker.request("run", { ratePerClient, startAt, warmupMs, measureMs, drainMs }, warmupMs + measureMs + drainMs + 30_000)),
    );
    return {
      sent: sum(parts.map((p) => p.sent)),
      expected: sum(parts.map((p) => p.expected)),
      delivered: sum(parts.map((p) => p.delivered)),
      samples: parts.map((p) => p.samples),
      crossSamples: parts.map((p) => p.crossSamples),
      ackSamples: parts.map((p) => p.ackSamples),
      clientCpuMicros: sum(parts.map((p) => p.cpuMicros)),
      closedClients: sum(parts.map((p) => p.closedClients)),
      clientLagP99: Math.max(...parts.map((p) => p.lagP99 as number)),
    };
  }

  async converge(timeoutMs = 60_000): Promise<{ docs: number; converged: number; problems: string[] }> {
    const parts = await Promise.all(this.workers.map((worker) => worker.request("converge", { timeoutMs }, timeoutMs + 10_000)));
    return { docs: sum(parts.map((p) => p.docs)), converged: sum(parts.map((p) => p.converged)), problems: parts.flatMap((p) => p.problems).slice(0, 5) };
  }

  async seed(chars: number): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.request("seed", { chars })));
  }

  async closeEditors(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.request("closeEditors")));
  }

  /** Opens `count` more idle synced connections spread over docs, at most `concurrency` connecting per worker. */
  async openIdle(framing: Framing, docs: DocSpec[], count: number, offset: number, concurrency: number, timeoutMs: number, deadline: number) {
    const share = Math.ceil(count / this.size);
    const outcomes = await Promise.all(
      this.workers.map((worker, w) => {
        const mine = Math.max(0, Math.min(share, count - w * share));
        return worker.request("openIdle", { framing, docs, count: mine, offset: offset + w * share, concurrency, timeoutMs, deadline }, deadline - Date.now() + timeoutMs + 10_000);
      }),
    );
    return combine(outcomes);
  }

  /** Connections of every kind that the servers have not closed. */
  async openConnections(): Promise<number> {
    const parts = await Promise.all(this.workers.map((worker) => worker.request("idleStatus")));
    return sum(parts.map((p) => p.open));
  }

  async closeIdle(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.request("closeIdle", {}, 60_000)));
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.stop()));
    this.workers = [];
  }
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function combine(outcomes: { succeeded: number; failed: number; errors: string[] }[]) {
  return {
    succeeded: sum(outcomes.map((o) => o.succeeded)),
    failed: sum(outcomes.map((o) => o.failed)),
    errors: outcomes.flatMap((o) => o.errors).slice(0, 5),
  };
}
