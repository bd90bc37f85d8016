import { monitorEventLoopDelay } from "node:perf_hooks";
import * as Y from "yjs";
import { serveRequests } from "../ipc";
import { nowMs, sleep } from "../stats";
import { runBounded } from "./bounded";
import { EditingClient } from "./editing-client";
import { IdleClient } from "./idle-client";
import { DocTracker, LatencySink } from "./tracker";
import type { DocSpec, Framing } from "./wire";

/**
 * Child process: a load generator. Every client of a document lives in the
 * same worker, so send and receive times come from one clock.
 */
interface DocGroup { spec: DocSpec; tracker: DocTracker; clients: EditingClient[] }

const sink = new LatencySink();
let groups: DocGroup[] = [];
let framing: Framing = "y-websocket";
let idle: IdleClient[] = [];

async function openEditors(args: { framing: Framing; docs: DocSpec[]; clientsPerDoc: number; timeoutMs: number }) {
  framing = args.framing;
  groups = args.docs.map((spec) => ({ spec, tracker: new DocTracker(), clients: [] }));
  const total = groups.length * args.clientsPerDoc;
  const deadline = Date.now() + args.timeoutMs;
  return runBounded(total, 50, deadline, async (index) => {
    const group = groups[index % groups.length]!;
    // Scaled out, a document's clients take its instances in turn.
    const instance = group.spec.urls ? group.clients.length % group.spec.urls.length : 0;
    const client = new EditingClient({ framing, spec: group.spec, tracker: group.tracker, sink, name: `editor ${index}`, instance });
    group.clients.push(client);
    await client.connect(args.timeoutMs);
  });
}

/** Types at ratePerClient from startAt; measures the window after warm-up, then waits for stragglers. */
async function run(args: { ratePerClient: number; startAt: number; warmupMs: number; measureMs: number; drainMs: number }) {
  const clients = groups.flatMap((group) => group.clients.filter((client) => client.isSynced));
  const period = 1000 / args.ratePerClient;
  const next = clients.map(() => args.startAt + Math.random() * period);
  const windowStart = args.startAt + args.warmupMs;
  const end = windowStart + args.measureMs;
  sink.open(windowStart, end);
  await sleep(Math.max(0, args.startAt - nowMs()));
  const lag = monitorEventLoopDelay({ resolution: 5 });
  let cpuBefore: NodeJS.CpuUsage | undefined;
  while (nowMs() < end) {
    const now = nowMs();
    if (!cpuBefore && now >= windowStart) {
      // Worker CPU and event-loop delay cover the measured window, like the server's CPU reading.
      cpuBefore = process.cpuUsage();
      lag.enable();
    }
    for (let i = 0; i < clients.length; i++) {
      if (next[i]! > now) continue;
      clients[i]!.edit();
      // A generator that falls behind skips rather than bursts; the sent rate is reported as measured.
      next[i] = now - next[i]! > 1000 ? now + period : next[i]! + period;
    }
    await sleep(1);
  }
  const sent = groups.reduce((sum, group) => sum + group.tracker.countSent(windowStart, end), 0);
  const expected = groups.reduce((sum, group) => {
    const receivers = group.clients.filter((client) => client.isSynced && !client.isClosed).length;
    return sum + group.tracker.countSent(windowStart, end) * Math.max(0, receivers - 1);
  }, 0);
  const drainDeadline = Date.now() + args.drainMs;
  while (sink.delivered < expected && Date.now() < drainDeadline) await sleep(10);
  const cpu = process.cpuUsage(cpuBefore);
  lag.disable();
  return {
    sent,
    expected,
    delivered: sink.delivered,
    samples: Float64Array.from(sink.samples),
    crossSamples: Float64Array.from(sink.crossSamples),
    ackSamples: Float64Array.from(sink.ackSamples),
    cpuMicros: cpu.user + cpu.system,
    closedClients: clients.filter((client) => client.isClosed).length,
    lagP99: lag.percentile(99) / 1e6,
  };
}

/** Every client of a document holds the same text, and so does a fresh client loading it from the server. */
async function converge(args: { timeoutMs: number }) {
  const problems: string[] = [];
  let converged = 0;
  const deadline = Date.now() + args.timeoutMs;
  await runBounded(groups.length, 10, deadline, async (index) => {
    const group = groups[index]!;
    const fresh = new EditingClient({ framing, spec: group.spec, tracker: new DocTracker(), sink: new LatencySink(), name: "checker" });
    try {
      await fresh.connect(args.timeoutMs);
      const text = fresh.text.toString();
      const typed = group.clients.reduce((sum, client) => sum + Y.getState(client.doc.store, client.doc.clientID), 0);
      const differing = group.clients.filter((client) => client.text.toString() !== text);
      if (text.length !== typed) problems.push(`${group.spec.name}: server holds ${text.length} characters, clients typed ${typed}`);
      else if (differing.length) problems.push(`${group.spec.name}: ${differing.length} clients differ from the server's copy`);
      else converged++;
    } finally {
      fresh.close();
    }
  }).then((outcome) => outcome.errors.forEach((error) => problems.push(error)));
  return { docs: groups.length, converged, problems: problems.slice(0, 5) };
}

async function openIdle(args: { framing: Framing; docs: DocSpec[]; count: number; offset: number; concurrency: number; timeoutMs: number; deadline: number }) {
  return runBounded(args.count, args.concurrency, args.deadline, async (index) => {
    const spec = args.docs[(args.offset + index) % args.docs.length]!;
    const client = new IdleClient(args.framing, spec);
    idle.push(client);
    await client.connect(args.timeoutMs);
  });
}

serveRequests({
  openEditors,
  run,
  converge,
  /** The first editor of every document writes `chars` characters in one transaction (an article's worth of text). */
  seed: ({ chars }: { chars: number }) => {
    const paragraph = "The council voted on Tuesday to extend the harbour project by two years. ";
    const content = paragraph.repeat(Math.ceil(chars / paragraph.length)).slice(0, chars);
    for (const group of groups) group.clients[0]?.write(content);
  },
  closeEditors: () => {
    for (const group of groups) for (const client of group.clients) client.close();
    groups = [];
  },
  openIdle,
  idleStatus: () => ({
    open: idle.filter((client) => client.isOpen).length + groups.reduce((sum, group) => sum + group.clients.filter((client) => !client.isClosed).length, 0),
  }),
  closeIdle: () => {
    for (const client of idle) client.close();
    idle = [];
  },
});
