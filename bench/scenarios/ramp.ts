import type { LoadPool } from "../client/pool";
import type { ServerUnderTest } from "../servers/server-under-test";
import { sleep } from "../stats";
import { busyMachineCores, figures, measureWindow, type LoadFigures, type LoadShape } from "./latency";

export interface RampConfig {
  docs: number;
  clientsPerDoc: number;
  /** Edits per second per client, tried in order until one fails. */
  rates: number[];
  warmupMs: number;
  measureMs: number;
  drainMs: number;
  /** Deadline for the whole ramp of all servers. */
  budgetMs: number;
}

export interface RampStep extends LoadFigures {
  offeredPerSec: number;
  passed: boolean;
  /** The generator could not send the offered rate: the machine, not the server, was the limit. */
  isClientBound: boolean;
}

export interface RampResult {
  /** Edits/s sent in the last step whose p99 stayed ≤ 100 ms with every edit delivered. */
  sustainedPerSec: number;
  steps: RampStep[];
  stoppedBecause: string;
}

export const p99Limit = 100;

async function measureStep(server: ServerUnderTest, pool: LoadPool, config: RampConfig, rate: number): Promise<RampStep> {
  const shape: LoadShape = { docs: config.docs, clientsPerDoc: config.clientsPerDoc, ratePerClient: rate, warmupMs: config.warmupMs, measureMs: config.measureMs, drainMs: config.drainMs };
  const measured = figures([await measureWindow(server, pool, shape)]);
  const offeredPerSec = rate * config.docs * config.clientsPerDoc;
  const isClientBound = measured.sentPerSec < 0.9 * offeredPerSec;
  const passed = measured.latency.p99 <= p99Limit && measured.deliveredShare >= 0.999 && measured.closedClients === 0 && !isClientBound;
  return { ...measured, offeredPerSec, passed, isClientBound };
}

function describeFailure(step: RampStep): string {
  if (step.isClientBound) return `load generator could not send ${step.offeredPerSec}/s`;
  if (step.latency.p99 > p99Limit) return `p99 ${step.latency.p99.toFixed(0)} ms at ${step.offeredPerSec}/s`;
  return `${((1 - step.deliveredShare) * 100).toFixed(1)}% of deliveries missing at ${step.offeredPerSec}/s`;
}

export interface RampTarget {
  server: ServerUnderTest;
  /** Its own load workers, so every server keeps its editors connected for the whole ramp. */
  pool: LoadPool;
}

interface RampState extends RampTarget, RampResult {
  isDone: boolean;
}

/**
 * A short ramp for all servers at once, step by step: at each rate every
 * server still in the race is measured in turn (rotating the order), so a
 * busy moment on the machine does not land on one server's whole ramp. A
 * server leaves when a step fails twice: p99 over 100 ms, edits missing, or
 * the generators unable to send the rate.
 */
export async function runRamps(targets: RampTarget[], config: RampConfig, prefix: string): Promise<Map<ServerUnderTest, RampResult>> {
  const deadline = Date.now() + config.budgetMs;
  const states: RampState[] = targets.map((target) => ({ ...target, sustainedPerSec: 0, steps: [], stoppedBecause: "every step passed", isDone: false }));
  try {
    for (const state of states) {
      const docs = await state.server.docs(config.docs, prefix);
      const opened = await state.pool.openEditors(state.server.kind.framing, docs, config.clientsPerDoc);
      if (opened.failed) throw new Error(`${state.server.kind.id}: ${opened.failed} editors could not connect: ${opened.errors.join("; ")}`);
    }
    for (const [index, rate] of config.rates.entries()) {
      const turn = states.map((_, i) => states[(i + index) % states.length]!).filter((state) => !state.isDone);
      if (turn.length === 0) break;
      for (const state of turn) await rampStep(state, config, rate, deadline);
    }
    for (const state of states) if (!state.isDone && Date.now() > deadline) state.stoppedBecause = "time budget";
  } finally {
    for (const state of states) await state.pool.closeEditors();
    await sleep(500);
  }
  return new Map(states.map((state) => [state.server, { sustainedPerSec: state.sustainedPerSec, steps: state.steps, stoppedBecause: state.stoppedBecause }]));
}

/**
 * One rate for one server. A failure is measured again: the server leaves
 * the ramp after two failures, or three tries, whichever comes first; a
 * failure while other processes were busy on the machine does not count.
 */
async function rampStep(state: RampState, config: RampConfig, rate: number, deadline: number): Promise<void> {
  let failures = 0;
  let failed: RampStep | undefined;
  for (let attempt = 0; attempt < 3 && failures < 2; attempt++) {
    if (Date.now() + config.warmupMs + config.measureMs + config.drainMs > deadline) {
      state.isDone = true;
      state.stoppedBecause = "time budget";
      return;
    }
    const step = await measureStep(state.server, state.pool, config, rate);
    state.steps.push(step);
    // Let queues empty so one step's backlog is not charged to the next.
    await sleep(300);
    if (step.passed) {
      state.sustainedPerSec = step.sentPerSec;
      return;
    }
    failed = step;
    if (step.otherCores <= busyMachineCores) failures++;
  }
  state.isDone = true;
  state.stoppedBecause = describeFailure(failed!);
}
