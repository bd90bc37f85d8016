import type { ColdLoadConfig } from "./scenarios/cold-load";
import type { LoadShape } from "./scenarios/latency";
import type { MemoryConfig } from "./scenarios/memory";
import type { RampConfig } from "./scenarios/ramp";
import type { ServerId } from "./servers/server-under-test";

export const scenarioIds = ["light", "heavy", "ramp", "memory", "cold", "scale", "renders"] as const;
export type ScenarioId = (typeof scenarioIds)[number];

export interface BenchConfig {
  mode: "default" | "quick";
  /** Latency scenarios run this many times per server, in rotated server order. */
  rounds: number;
  /** Load worker processes for the editing scenarios and for the idle-connection scenario. */
  editorWorkers: number;
  idleWorkers: number;
  light: LoadShape;
  heavy: LoadShape;
  ramp: RampConfig;
  memory: MemoryConfig;
  cold: ColdLoadConfig & { chunks: number };
  /** Galley alone, one instance against two on PostgreSQL and Redis (the others have no scale-out). */
  scale: LoadShape;
  /** Galley as `npm start` runs it: the light load with and without page renders. */
  renders: LoadShape;
}

/** The full run: about a quarter of an hour on a 2-core machine. */
export const defaultConfig: BenchConfig = {
  mode: "default",
  rounds: 2,
  editorWorkers: 2,
  idleWorkers: 4,
  // Warm-ups long enough for V8 to finish optimizing the servers' hot paths: after 1 s a third of
  // every server's CPU at light load was still its optimizing compiler, so the ratio measured code size.
  light: { docs: 10, clientsPerDoc: 5, ratePerClient: 5, warmupMs: 15_000, measureMs: 8000, drainMs: 3000 },
  heavy: { docs: 50, clientsPerDoc: 10, ratePerClient: 8, warmupMs: 4000, measureMs: 8000, drainMs: 3000 },
  ramp: { docs: 50, clientsPerDoc: 10, rates: [2, 4, 6, 8, 10, 12], warmupMs: 1000, measureMs: 3000, drainMs: 2000, budgetMs: 150_000 },
  memory: {
    docs: 1000,
    articleChars: 2000,
    checkpoints: [5000, 10_000, 19_000],
    concurrencyPerWorker: 100,
    connectTimeoutMs: 15_000,
    holdMs: 3000,
    settleMs: 3000,
    budgetMs: 120_000,
  },
  cold: { chunks: 600, opens: 5, sendPerSec: 150 },
  // Past the pair's first compactions (~33 s), and a window as long as its compaction period: both arrangements measure the same share of compactions, at steady state.
  scale: { docs: 10, clientsPerDoc: 6, ratePerClient: 5, warmupMs: 40_000, measureMs: 40_000, drainMs: 3000 },
  renders: { docs: 10, clientsPerDoc: 5, ratePerClient: 5, warmupMs: 5000, measureMs: 8000, drainMs: 2000 },
};

/** `--quick`: every scenario once, small, in about a minute. */
export const quickConfig: BenchConfig = {
  mode: "quick",
  rounds: 1,
  editorWorkers: 2,
  idleWorkers: 2,
  light: { docs: 10, clientsPerDoc: 5, ratePerClient: 5, warmupMs: 500, measureMs: 1500, drainMs: 1500 },
  heavy: { docs: 50, clientsPerDoc: 10, ratePerClient: 8, warmupMs: 500, measureMs: 1500, drainMs: 1500 },
  ramp: { docs: 50, clientsPerDoc: 10, rates: [4, 8], warmupMs: 500, measureMs: 1000, drainMs: 1000, budgetMs: 25_000 },
  memory: {
    docs: 50,
    articleChars: 2000,
    checkpoints: [600],
    concurrencyPerWorker: 100,
    connectTimeoutMs: 10_000,
    holdMs: 500,
    settleMs: 1500,
    budgetMs: 20_000,
  },
  cold: { chunks: 200, opens: 1, sendPerSec: 150 },
  scale: { docs: 10, clientsPerDoc: 6, ratePerClient: 5, warmupMs: 500, measureMs: 1500, drainMs: 1500 },
  renders: { docs: 10, clientsPerDoc: 5, ratePerClient: 5, warmupMs: 500, measureMs: 2000, drainMs: 1500 },
};

export interface CliOptions {
  config: BenchConfig;
  servers: ServerId[];
  scenarios: ScenarioId[];
  /** Where the report goes; null: print only. */
  out: string | null;
}

const allServers: ServerId[] = ["galley", "reference", "hocuspocus"];

/** `npm run bench -- [--quick] [--servers=galley,reference] [--scenarios=light,cold] [--out=FILE | --no-write]` */
export function parseArgs(argv: string[]): CliOptions {
  const value = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.split("=")[1];
  const list = <T extends string>(name: string, allowed: readonly T[]): T[] => {
    const given = value(name)?.split(",").map((item) => item.trim()).filter(Boolean);
    if (!given) return [...allowed];
    const unknown = given.filter((item) => !allowed.includes(item as T));
    if (unknown.length) throw new Error(`--${name}: unknown ${unknown.join(", ")} (choose from ${allowed.join(", ")})`);
    return given as T[];
  };
  return {
    config: argv.includes("--quick") ? quickConfig : defaultConfig,
    servers: list("servers", allServers),
    scenarios: list("scenarios", scenarioIds),
    out: argv.includes("--no-write") ? null : value("out") ?? "BENCHMARKS.md",
  };
}
