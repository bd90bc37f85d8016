import type { BenchConfig } from "./config";
import type { MachineInfo } from "./proc";
import type { ColdLoadResult } from "./scenarios/cold-load";
import type { LatencyRound } from "./scenarios/latency";
import type { MemoryResult } from "./scenarios/memory";
import type { RampResult } from "./scenarios/ramp";
import type { RendersRound } from "./scenarios/renders";
import type { ScaleOutResult } from "./scenarios/scale-out";
import type { ServerId } from "./servers/server-under-test";

export type PerServer<T> = Partial<Record<ServerId, T>>;

/** Everything one run measured; the report is rendered from this alone. */
export interface BenchResults {
  machine: MachineInfo;
  config: BenchConfig;
  servers: ServerId[];
  startedAt: string;
  durationMs: number;
  loadBefore: number;
  loadAfter: number;
  light: PerServer<LatencyRound[]>;
  heavy: PerServer<LatencyRound[]>;
  ramp: PerServer<RampResult>;
  memory: PerServer<MemoryResult>;
  cold: PerServer<ColdLoadResult>;
  /** Galley only: one instance against two behind one PostgreSQL and Redis. */
  scale?: ScaleOutResult;
  /** Galley only, `npm start` as shipped: the light load with and without page renders, collab in its own process or not. */
  renders?: RendersRound[];
  trace?: { edits: number; updates: number; historyBytes: number; v1Bytes: number; v2Bytes: number };
  /** Galley's refusal counters after each scenario (a refusal during a benchmark means a limit was hit). */
  galleyRefusals: Record<string, string[]>;
  errors: { server: ServerId; scenario: string; message: string }[];
}

export function emptyResults(machine: MachineInfo, config: BenchConfig, servers: ServerId[], loadBefore: number): BenchResults {
  return {
    machine, config, servers, loadBefore,
    startedAt: new Date().toISOString(),
    durationMs: 0,
    loadAfter: Number.NaN,
    light: {}, heavy: {}, ramp: {}, memory: {}, cold: {},
    galleyRefusals: {},
    errors: [],
  };
}
