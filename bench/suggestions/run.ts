/**
 * npm run bench:suggestions – the collaboration server's check of a
 * suggester's keystrokes (server/collab/suggestion-guard.ts) on the
 * benchmark's 20,000-word article, in this process: a reviewer types
 * suggestions into paragraphs all over the article (a word at a time,
 * sometimes striking one) while three colleagues type elsewhere, so each
 * check also catches the shadow copy up with their changes. Figures are the
 * wall time of each check in an otherwise idle process (CPU, in effect),
 * beside what applying a colleague's keystroke costs every update anyway;
 * then other writers' propagation over the real server, with and without a
 * reviewer suggesting (bench/suggestions/propagation.ts).
 * Writes BENCHMARKS-SUGGESTIONS.md at the root.
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import * as Y from "yjs";
import { articleFields } from "@/lib/docs/text";
import { buildArticleUpdate, fileToHtml, htmlToArticle } from "@/lib/editor/import/convert";
import { copyDocument } from "@/lib/suggestions/check";
import { newSuggestionId, suggestDelete, suggestInsert, type SuggestionMark } from "@/lib/suggestions/marks";
import { SuggestionGuard } from "../../server/collab/suggestion-guard";
import { buildBenchArticle, seeded } from "../editor/article";
import { machineInWords, percentile, printTable, type Figure } from "../editor/report";
import { measurePropagation } from "./propagation";

const keystrokes = 600;
const colleaguesPerKeystroke = 3;
const historyEdits = 4000;
const reviewer = "bench-reviewer";
const propagationOptions = { writers: 6 /* five typing, one the plain typist */, writerRate: 5, reviewerRate: 8, roundMs: 8000, rounds: 3 };

/** The body's paragraphs of plain runs: where people type. */
function paragraphTexts(doc: Y.Doc): Y.XmlText[] {
  const texts: Y.XmlText[] = [];
  for (const block of doc.getXmlFragment(articleFields.body).toArray()) {
    if (!(block instanceof Y.XmlElement) || block.nodeName !== "paragraph") continue;
    const text = block.get(0);
    if (text instanceof Y.XmlText && text.length > 40) texts.push(text);
  }
  return texts;
}

/** Marks five letters of the paragraph's first unformatted run as the reviewer's suggested deletion. */
function strikePlainWord(text: Y.XmlText): void {
  let index = 0;
  for (const op of text.toDelta() as { insert: string; attributes?: object }[]) {
    if (!op.attributes && op.insert.length > 12) {
      text.format(index + 3, 5, { [suggestDelete]: { id: newSuggestionId(), by: reviewer, at: Date.now() } });
      return;
    }
    index += op.insert.length;
  }
}

/** The update a change on `client` makes. */
function changeOn(client: Y.Doc, change: () => void): Uint8Array {
  let update: Uint8Array | null = null;
  const capture = (u: Uint8Array) => (update = u);
  client.on("update", capture);
  client.transact(change);
  client.off("update", capture);
  return update!;
}

async function main(): Promise<void> {
  const started = performance.now();
  const article = buildBenchArticle();
  const html = await fileToHtml("markdown", new TextEncoder().encode(article.markdown));
  const articleUpdate = buildArticleUpdate(htmlToArticle(html));
  const room = new Y.Doc();
  Y.applyUpdate(room, articleUpdate);
  const roomBytes = Y.encodeStateAsUpdate(room).length;
  const suggester = copyDocument(room);
  const colleagues = [copyDocument(room), copyDocument(room), copyDocument(room)];
  const random = seeded(7);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const broadcast = (update: Uint8Array, from: Y.Doc) => {
    for (const peer of [suggester, ...colleagues]) if (peer !== from) Y.applyUpdate(peer, update);
  };

  // A history first, as a long-edited article has: 4,000 colleagues' keystrokes, every other one a deletion, so the
  // document carries the delete set that each catch-up of the shadow copy encodes.
  for (let i = 0; i < historyEdits; i++) {
    const colleague = colleagues[i % colleagues.length]!;
    const text = pick(paragraphTexts(colleague));
    const at = Math.floor(random() * (text.length - 1));
    const update = changeOn(colleague, () => (i % 2 === 0 ? text.insert(at, "y") : text.delete(at, 1)));
    Y.applyUpdate(room, update);
    broadcast(update, colleague);
  }

  const guard = new SuggestionGuard();
  const checks: number[] = [];
  const applies: number[] = [];
  let firstCheck = Number.NaN;
  let mark: SuggestionMark = { id: newSuggestionId(), by: reviewer, at: Date.now() };
  let target = pick(paragraphTexts(suggester));
  let offset = Math.floor(target.length / 2);

  for (let i = 0; i < keystrokes; i++) {
    // Colleagues type elsewhere: the room applies each update (timed: every update costs this anyway).
    for (let c = 0; c < colleaguesPerKeystroke; c++) {
      const colleague = colleagues[c]!;
      const text = pick(paragraphTexts(colleague));
      const at = Math.floor(random() * (text.length - 1));
      const update = changeOn(colleague, () => (c === 1 ? text.delete(at, 1) : text.insert(at, "x")));
      const t0 = performance.now();
      Y.applyUpdate(room, update);
      applies.push(performance.now() - t0);
      broadcast(update, colleague);
    }
    // A new word somewhere else every eight letters; now and then a word struck instead.
    if (i % 8 === 0) {
      mark = { id: newSuggestionId(), by: reviewer, at: Date.now() };
      target = pick(paragraphTexts(suggester));
      offset = Math.floor(random() * (target.length - 10));
    }
    const isStrike = i % 8 === 7;
    const update = changeOn(suggester, () => {
      if (isStrike) strikePlainWord(pick(paragraphTexts(suggester)));
      else target.insert(offset++, "abcdefgh"[i % 8]!, { [suggestInsert]: mark });
    });
    const t0 = performance.now();
    const refusal = guard.check(room, update, reviewer);
    const took = performance.now() - t0;
    if (refusal) throw new Error(`a suggestion was refused: ${refusal}`);
    if (i === 0) firstCheck = took;
    else checks.push(took);
    Y.applyUpdate(room, update);
    broadcast(update, suggester);
  }

  const figures: Figure[] = [
    { name: "suggester's keystroke: server check p50", value: percentile(checks, 50), unit: "ms" },
    { name: "suggester's keystroke: server check p95", value: percentile(checks, 95), unit: "ms", target: 5, isAtMost: true, note: `${checks.length} keystrokes, ${colleaguesPerKeystroke} colleagues' keystrokes between each` },
    { name: "suggester's keystroke: server check p99", value: percentile(checks, 99), unit: "ms" },
    { name: "first check (the shadow copy is made)", value: firstCheck, unit: "ms", note: "once per room while a suggester types, and after a refusal" },
    { name: "a colleague's keystroke: applying it p50 (every update pays this)", value: percentile(applies, 50), unit: "ms" },
    { name: "a colleague's keystroke: applying it p95", value: percentile(applies, 95), unit: "ms" },
  ];

  console.error("propagation: Galley's collaboration server, writers typing, rounds with and without a reviewer suggesting…");
  const propagation = await measurePropagation(articleUpdate, propagationOptions);
  const { samples, cpuPerSecond } = propagation;
  const p99 = { quiet: percentile(samples.quiet, 99), typing: percentile(samples.typing, 99), suggesting: percentile(samples.suggesting, 99) };
  const propagationFigures: Figure[] = [
    { name: "writers' keystrokes to other writers: p50, writers alone", value: percentile(samples.quiet, 50), unit: "ms", note: `${samples.quiet.length} arrivals` },
    { name: "… p50, one more person typing plainly", value: percentile(samples.typing, 50), unit: "ms", note: `${samples.typing.length} arrivals` },
    { name: "… p50, a reviewer suggesting", value: percentile(samples.suggesting, 50), unit: "ms", note: `${samples.suggesting.length} arrivals` },
    { name: "… p99, writers alone", value: p99.quiet, unit: "ms" },
    { name: "… p99, one more person typing plainly", value: p99.typing, unit: "ms" },
    { name: "… p99, a reviewer suggesting", value: p99.suggesting, unit: "ms", note: `${propagation.suggestionKeystrokes} suggested keystrokes checked` },
    { name: "p99 with a reviewer suggesting ÷ writers alone", value: p99.suggesting / p99.quiet, unit: "×", target: 1.25, isAtMost: true, note: "unchanged within this machine's noise (phases rotate)" },
    { name: "p99 with a reviewer suggesting ÷ with one more typing plainly", value: p99.suggesting / p99.typing, unit: "×" },
    { name: "server CPU a second, writers alone", value: cpuPerSecond.quiet, unit: "ms" },
    { name: "server CPU a second, one more person typing plainly", value: cpuPerSecond.typing, unit: "ms" },
    { name: "server CPU a second, a reviewer suggesting (the checks included)", value: cpuPerSecond.suggesting, unit: "ms" },
  ];
  figures.push(...propagationFigures);
  printTable(figures);
  const rows = figures.map((f) => `| ${f.name} | ${f.value.toFixed(2)} ${f.unit} | ${f.target === undefined ? "" : `≤ ${f.target} ${f.unit}`} | ${f.target === undefined ? "" : f.value <= f.target ? "met" : "NOT met"} | ${f.note ?? ""} |`);
  const text = [
    "# Suggestion benchmarks",
    "",
    `Run on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC with \`npm run bench:suggestions\` (${((performance.now() - started) / 1000).toFixed(0)} s), ${machineInWords()}.`,
    "",
    `The benchmark's ${article.bodyWords.toLocaleString("en-GB")}-word article (${(roomBytes / 1024).toFixed(0)} KB of Yjs state). After a history of 4,000 colleagues' keystrokes (half of them deletions), a reviewer types suggestions a letter at a time into paragraphs across the article (a new word every eight letters, every eighth keystroke striking a word instead) while three colleagues type and delete elsewhere, after a history of 4,000 such keystrokes; each of the reviewer's updates goes through the collaboration server's check (server/collab/suggestion-guard.ts: catch the shadow copy up, apply the update to it, compare the changed texts character by character), as a reviewer's connection does. Wall time of each step in this otherwise idle process.`,
    "",
    "| figure | value | target | result | note |",
    "|---|---|---|---|---|",
    ...rows,
    "",
    `Propagation: Galley's collaboration server in its own process (bench/servers/galley.ts: SQLite store, tokens, every update stored before it is sent on) holds the same article; ${propagationOptions.writers - 1} writers (stock-protocol clients in this process) type ${propagationOptions.writerRate} keystrokes a second each, in ${propagationOptions.rounds} rounds of three ${propagationOptions.roundMs / 1000} s phases in rotating order: the writers alone, with one more person typing ${propagationOptions.reviewerRate} plain keystrokes a second (what any extra typist costs the room), and with a reviewer typing ${propagationOptions.reviewerRate} suggested keystrokes a second instead (bench/suggestions/propagation.ts). A writer's keystroke is timed from its send to its arrival at each other writer.`,
    "",
    `What a keystroke costs the server, from those phases: a plain one ${((cpuPerSecond.typing - cpuPerSecond.quiet) / propagationOptions.reviewerRate).toFixed(2)} ms, a suggested one ${((cpuPerSecond.suggesting - cpuPerSecond.quiet) / propagationOptions.reviewerRate).toFixed(2)} ms (its check, and an update that carries the suggestion's marks, stored and sent to everyone like any other).`,
    "",
    "Other clients' updates never reach the check: it runs only for connections that may suggest but not edit, after their own update has arrived, and the shadow copy keeps the room's updates as they happen (a reference each) and applies them when the next suggestion is checked.",
    "",
  ].join("\n");
  fs.writeFileSync(path.join(process.cwd(), "BENCHMARKS-SUGGESTIONS.md"), text);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
