import type { BenchResults } from "./results";
import { serverKinds, type ServerId } from "./servers/server-under-test";
import { busyMachineCores } from "./scenarios/latency";
import { fmt } from "./stats";
import { rendersFigures } from "./scenarios/renders";
import { cell, ratioCell, scaleFigures, summarySections } from "./summary";
import { checkTargets } from "./targets";
import { methodLines } from "./method";

/** A markdown table; numeric tables right-align every column but the first. */
function table(header: string[], rows: string[][], isNumeric = true): string {
  const escape = (text: string) => text.replace(/\|/g, "\\|");
  return [
    `| ${header.map(escape).join(" | ")} |`,
    `| ${header.map((_, i) => (i === 0 || !isNumeric ? "---" : "---:")).join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(escape).join(" | ")} |`),
  ].join("\n");
}

/** The results table: one column per server, then Galley ÷ the best peer where lower/higher is better. */
export function resultsTables(results: BenchResults): string {
  const servers = results.servers;
  const hasRatio = servers.includes("galley") && servers.length > 1;
  const header = ["", ...servers.map((id) => serverKinds[id].label), ...(hasRatio ? ["Galley ÷ best peer"] : [])];
  return summarySections(results)
    .map((section) => `### ${section.title}\n\n${table(header, section.rows.map((row) => [row.label, ...servers.map((id) => cell(row, id)), ...(hasRatio ? [ratioCell(row)] : [])]))}`)
    .join("\n\n");
}

export function targetsTable(results: BenchResults): string {
  const mark = (met: boolean | null) => (met === null ? "not measured" : met ? "**yes**" : "**no**");
  return table(["Target (issue 3 unless named)", "Galley in this run", "Met"], checkTargets(results).map((c) => [c.target, c.measured, mark(c.met)]), false);
}

function rampDetail(results: BenchResults): string {
  const rows: string[][] = [];
  for (const [id, ramp] of Object.entries(results.ramp) as [ServerId, NonNullable<BenchResults["ramp"][ServerId]>][]) {
    for (const step of ramp.steps) {
      rows.push([
        serverKinds[id].label, fmt(step.offeredPerSec, 0), fmt(step.sentPerSec, 0), fmt(step.latency.p50, 1), fmt(step.latency.p99, 1),
        fmt(step.deliveredShare * 100, 2), fmt(step.serverCpuPerEdit, 0), fmt(step.serverCores, 2), fmt(step.clientCores, 2), fmt(step.otherCores, 2), step.passed ? "yes" : "no",
      ]);
    }
  }
  if (!rows.length) return "";
  return `### Ramp steps\n\n${table(["server", "offered /s", "sent /s", "p50 ms", "p99 ms", "delivered %", "CPU µs/edit", "server cores", "generator cores", "other cores", "passed"], rows)}`;
}

function scaleDetail(results: BenchResults): string {
  const scale = scaleFigures(results);
  if (!scale) return "";
  const shape = results.config.scale;
  const row = (label: string, f: typeof scale.single, cross: string) => [
    label, fmt(f.sentPerSec, 0), fmt(f.latency.p50, 2), fmt(f.latency.p99, 2), cross, fmt(f.deliveredShare * 100, 2), fmt(f.serverCpuPerEdit, 0), fmt(f.serverCores, 2),
  ];
  return `### Scale-out: Galley on PostgreSQL and Redis, one instance and two

${shape.docs} documents × ${shape.clientsPerDoc} clients × ${shape.ratePerClient} edits/s; with two instances each document's clients alternate between them, so every edit reaches clients on both. CPU is both processes' together. ${scale.converged} converged.

${table(
  ["instances", "sent /s", "p50 ms", "p99 ms", "cross-instance p99 ms", "delivered %", "CPU µs/edit", "server cores"],
  [row("one", scale.single, "–"), row("two", scale.pair, fmt(scale.pair.crossLatency.p99, 2))],
)}`;
}

function rendersDetail(results: BenchResults): string {
  if (!results.renders?.length) return "";
  const shape = results.config.renders;
  const rows: string[][] = [];
  for (const mode of ["own", "shared"] as const) {
    const f = rendersFigures(results.renders, mode);
    if (!f) continue;
    const label = mode === "own" ? "own process (default)" : "web process (GALLEY_COLLAB_PROCESS=shared)";
    rows.push([
      label, fmt(f.quiet.latency.p50, 2), fmt(f.quiet.latency.p99, 2), fmt(f.rendering.latency.p50, 2), fmt(f.rendering.latency.p99, 2),
      `${fmt(f.rendering.latency.p99 / f.quiet.latency.p99, 2)}×`, fmt(f.rendersPerSec, 1), fmt(f.renderMs.p50, 0), fmt(f.quiet.serverCpuPerEdit, 0), fmt(f.rendering.serverCpuPerEdit, 0),
    ]);
  }
  if (!rows.length) return "";
  return `### \`npm start\` with page renders: the collaboration server in its own process, and in the web process

${shape.docs} documents × ${shape.clientsPerDoc} clients × ${shape.ratePerClient} edits/s against \`npm start\` as shipped (production build, SQLite), quiet and while a signed-in writer loads the 20,000-word article's editor page and the dashboard, each twice a second. CPU is every Galley process's together.

${table(["collaboration server in", "quiet p50 ms", "quiet p99 ms", "rendering p50 ms", "rendering p99 ms", "p99 ratio", "page loads /s", "page load p50 ms", "CPU µs/edit quiet", "CPU µs/edit rendering (the renders included)"], rows)}`;
}

function memoryDetail(results: BenchResults): string {
  const rows: string[][] = [];
  for (const [id, memory] of Object.entries(results.memory) as [ServerId, NonNullable<BenchResults["memory"][ServerId]>][]) {
    for (const point of memory.points) rows.push([serverKinds[id].label, fmt(point.connections, 0), fmt(point.rss / 2 ** 20, 1), fmt(point.heapUsed / 2 ** 20, 1)]);
    rows.push([serverKinds[id].label, `stopped: ${memory.stoppedBecause}; file limit ${memory.fileLimit}${memory.errors.length ? `; errors: ${memory.errors.join("; ")}` : ""}`, "", ""]);
  }
  if (!rows.length) return "";
  return `### Memory checkpoints (after two forced GCs)\n\n${table(["server", "connections", "RSS MiB", "heap MiB"], rows)}`;
}

/** The most CPU other processes used during any latency window or ramp step this report keeps. */
function busiestWindow(results: BenchResults): number {
  const windows = [...Object.values(results.light), ...Object.values(results.heavy)].flatMap((rounds) => rounds ?? []).map((round) => round.window.otherCpuMicros / round.window.wallMicros);
  const steps = Object.values(results.ramp).flatMap((ramp) => ramp?.steps ?? []).map((step) => step.otherCores);
  return Math.max(0, ...windows, ...steps);
}

function notes(results: BenchResults): string[] {
  const lines: string[] = [];
  const busiest = busiestWindow(results);
  if (results.loadBefore > 1 || busiest > busyMachineCores) {
    lines.push(`Other jobs shared the machine: load average ${fmt(results.loadBefore, 2)} when the run began; other processes used up to ${fmt(busiest, 2)} cores during a measured window. Latency rounds during which they used more than half a core were measured again, and such ramp steps did not count as failures (the "other CPU" rows and column show it); memory and cold-load readings have no such check.`);
  }
  for (const error of results.errors) lines.push(`**${serverKinds[error.server].label}, ${error.scenario}: failed.** ${error.message.split("\n")[0]}`);
  for (const [scenario, refusals] of Object.entries(results.galleyRefusals)) {
    if (refusals.length) lines.push(`Galley refused something during ${scenario}: ${refusals.join(", ")}.`);
  }
  return lines;
}

export function renderMarkdown(results: BenchResults): string {
  const m = results.machine;
  const versions = Object.entries(m.versions).map(([name, version]) => `${name} ${version}`).join(", ");
  const noteLines = notes(results);
  return `# Benchmarks

Generated by \`npm run bench${results.config.mode === "quick" ? " -- --quick" : ""}\` on ${results.startedAt.slice(0, 10)} (run took ${fmt(results.durationMs / 60_000, 1)} min). Regenerate with \`npm run bench\` (15–18 minutes here, longer when other jobs share the machine) or \`npm run bench -- --quick\` (about a minute, smaller figures, not for comparison).

**Machine:** ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.kernel}, Node ${m.node}. **Versions:** ${versions}.

Servers: ${results.servers.map((id) => `**${serverKinds[id].label}** (${serverKinds[id].storage})`).join("; ")}. Each in its own process, on loopback, run in turn (interleaved per round).

## Targets

${targetsTable(results)}

## Results

${resultsTables(results)}

${rampDetail(results)}

${memoryDetail(results)}

${scaleDetail(results)}

${rendersDetail(results)}
${noteLines.length ? `\n## Notes from this run\n\n${noteLines.map((line) => `- ${line}`).join("\n")}\n` : ""}
## Method

${methodLines(results.config).map((line) => `- ${line}`).join("\n")}
`;
}

/** What the terminal shows: the targets and the results tables. */
export function renderConsole(results: BenchResults): string {
  const noteLines = notes(results);
  return `\n${resultsTables(results)}\n\n${rampDetail(results)}\n\n${scaleDetail(results)}\n\n${rendersDetail(results)}\n\n## Targets\n\n${targetsTable(results)}\n${noteLines.length ? `\n${noteLines.map((line) => `- ${line}`).join("\n")}\n` : ""}`;
}
