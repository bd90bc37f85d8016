/** The figures as a console table and as BENCHMARKS-EDITOR.md's "Editor in the browser" section. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Nearest-rank percentile of unsorted samples; NaN for none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface Figure {
  name: string;
  value: number;
  unit: "ms" | "kB" | "MB" | "×" | "";
  /** The issue's target, when it sets one: met when value < target (≤ with `isAtMost`). */
  target?: number;
  isAtMost?: boolean;
  note?: string;
}

const format = (value: number, unit: Figure["unit"]) => {
  if (Number.isNaN(value)) return "n/a";
  if (unit === "×") return `${value.toFixed(2)}×`;
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)}${unit ? ` ${unit}` : ""}`;
};

const verdict = (figure: Figure) => {
  if (figure.target === undefined) return "";
  const isMet = figure.isAtMost ? figure.value <= figure.target : figure.value < figure.target;
  return isMet ? "met" : "NOT met";
};

const targetText = (figure: Figure) =>
  figure.target === undefined ? "" : `${figure.isAtMost ? "≤" : "<"} ${format(figure.target, figure.unit)}`;

export function printTable(figures: Figure[]): void {
  const rows = figures.map((f) => [f.name, format(f.value, f.unit), targetText(f), verdict(f)]);
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column]!.length), 6));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join("  ");
  console.log(`\n${line(["figure", "value", "target", "result"])}`);
  for (const row of rows) console.log(line(row));
  console.log("");
}

export interface RunFacts {
  chromium: string;
  words: number;
  collaborators: number;
  keystrokes: number;
  remoteSamples: number;
  durationSeconds: number;
  /** The 1-minute load average when the run started: other work on the machine skews the figures. */
  loadAverage: number;
}

export function machineInWords(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
}

/** Writes the section as the whole file: the collab server's figures live in BENCHMARKS.md, not here. */
export function writeMarkdown(file: string, figures: Figure[], facts: RunFacts, method: string[], findings: string[]): void {
  const table = [
    "| figure | value | target | result | note |",
    "|---|---|---|---|---|",
    ...figures.map(
      (f) => `| ${f.name} | ${format(f.value, f.unit)} | ${targetText(f)} | ${verdict(f)} | ${f.note ?? ""} |`,
    ),
  ];
  const text = [
    "# Editor benchmarks",
    "",
    "## Editor in the browser",
    "",
    `Run on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC with \`npm run bench:editor\` (${facts.durationSeconds.toFixed(0)} s).`,
    "",
    `- Machine: ${machineInWords()}; Chromium ${facts.chromium} headless (--disable-gpu, software rendering). The server, the browser and the ${facts.collaborators} Node collaborators share these cores; the 1-minute load average was ${facts.loadAverage.toFixed(1)} when the run started.`,
    `- Document: a ${facts.words.toLocaleString("en-GB")}-word article (sections, quotes, lists, links, bold, italic, an Arabic quotation), imported through the Markdown import command.`,
    `- Samples: ${facts.keystrokes} local keystrokes, ${facts.remoteSamples} remote updates that changed the body.`,
    "",
    "### Method",
    "",
    ...method.map((line) => `- ${line}`),
    "",
    "### Figures",
    "",
    ...table,
    "",
    ...(findings.length ? ["### Findings", "", ...findings.map((line) => `- ${line}`), ""] : []),
  ].join("\n");
  fs.writeFileSync(path.resolve(file), text);
}
