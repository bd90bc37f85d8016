/**
 * npm run bench:editor – the article editor in headless Chromium with a
 * 20,000-word article and ten other people typing in it: local keystroke and
 * remote edit latency to paint, first load, first-load JavaScript, heap.
 * Loopback only, one fixed port (EDITOR_BENCH_PORT, default 3297), at most
 * five minutes after the build; every process and temp dir it makes is gone
 * when it ends. Writes BENCHMARKS-EDITOR.md at the repository root.
 *
 *   npm run bench:editor [-- --profile]   (--profile: a CPU profile of the typing, for Chrome DevTools)
 */
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import * as Y from "yjs";
import { articleFields } from "@/lib/docs/text";
import { endMarker } from "./article";
import { Collaborator } from "./collaborators";
import { ensureBuild, root, seedGalley, startGalley, stopGalley, type SeededGalley } from "./galley";
import { installProbe } from "./probe";
import { percentile, printTable, writeMarkdown, type Figure } from "./report";
import { measureLoad, typeInto, type LoadResult, type TypingResult } from "./session";

const port = Number(process.env.EDITOR_BENCH_PORT ?? 3297);
const origin = `http://127.0.0.1:${port}`;
const collaboratorCount = 10;
const budgetMs = 5 * 60_000;
const chromiumArgs = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const colors = ["#c0392b", "#2e86c1", "#239b56", "#b9770e", "#7d3c98", "#17a589", "#a04000", "#2874a6", "#b03a2e", "#1e8449"];

let server: ChildProcess | undefined;
let browser: Browser | undefined;
let seeded: SeededGalley | undefined;
const collaborators: Collaborator[] = [];

let watchdog: ReturnType<typeof setTimeout> | undefined;

async function cleanUp(): Promise<void> {
  clearTimeout(watchdog);
  for (const collaborator of collaborators) collaborator.destroy();
  await browser?.close().catch(() => undefined);
  stopGalley(server);
  if (seeded) fs.rmSync(seeded.dataDir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  ensureBuild();
  const started = Date.now();
  const loadAverage = os.loadavg()[0]!;
  watchdog = setTimeout(() => {
    console.error(`editor benchmark: over its ${budgetMs / 60_000}-minute budget, stopping`);
    void cleanUp().finally(() => process.exit(2));
  }, budgetMs);

  seeded = await seedGalley(collaboratorCount);
  console.log(`seeded: article ${seeded.articleId}, ${seeded.article.bodyWords} words in ${seeded.article.paragraphs} paragraphs`);
  server = await startGalley(seeded.dataDir, port);
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: chromiumArgs });

  // Five colleagues type in the paragraphs around the writer's (on screen), five far away in the article.
  const writerParagraph = 200;
  for (const [i, person] of seeded.collaborators.entries()) {
    const paragraphIndex = i < 5 ? writerParagraph - 5 + i * 2 + (i >= 3 ? 2 : 0) : 20 + i * 80;
    const collaborator = new Collaborator({ origin: `ws://127.0.0.1:${port}`, articleId: seeded.articleId, token: person.token, name: person.name, color: colors[i % colors.length]!, paragraphIndex, intervalMs: 200 });
    collaborators.push(collaborator);
  }
  await Promise.all(collaborators.map((c) => c.whenSynced()));
  for (const collaborator of collaborators) collaborator.start();

  const storageState = await signIn(browser, seeded.writer);
  // The first load warms the server's caches; the next three are measured, each in a fresh browser profile.
  const loads: LoadResult[] = [];
  for (let i = 0; i < 4; i++) {
    const isLast = i === 3;
    const load = await measureLoad(browser, { origin, storageState, articleId: seeded.articleId, endMarker, installProbe, keepOpen: isLast, recordScripts: i === 1 });
    if (i > 0) loads.push(load);
    console.log(`load ${i}: interactive ${load.readyPaintedAt.toFixed(0)} ms${i === 0 ? " (warm-up)" : ""}`);
  }
  const page = loads.at(-1)!.page!;
  const shownWords = await page.locator('[data-stat="words"]').textContent({ timeout: 10_000 });

  const profile = process.argv.includes("--profile");
  for (const collaborator of collaborators) collaborator.pause();
  const alone = await typeInto(page, { paragraph: writerParagraph, keystrokes: 100 });
  for (const collaborator of collaborators) collaborator.start();
  const busy = await typeInto(page, { paragraph: writerParagraph, keystrokes: 300, profile });
  for (const collaborator of collaborators) collaborator.pause();
  const reached = await convergence(busy);

  const heap = await page.context().newCDPSession(page).then((cdp) => cdp.send("Runtime.getHeapUsage"));

  const figures = toFigures(loads, alone, busy, heap.usedSize);
  printTable(figures);
  const facts = {
    chromium: browser.version(),
    words: seeded.article.bodyWords,
    collaborators: collaboratorCount,
    keystrokes: alone.keys.length + busy.keys.length,
    remoteSamples: busy.remote.length,
    durationSeconds: (Date.now() - started) / 1000,
    loadAverage,
  };
  const findings = [
    `The page showed "${shownWords?.trim()}"; the writer's typing reached the colleagues' documents: ${reached ? "yes" : "NO"}.`,
    `Remote updates during the typing: ${busy.remote.length} painted, ${busy.remoteWithoutMutation} changed nothing on screen; keystrokes sent by the colleagues: ${collaborators.reduce((n, c) => n + c.sent, 0)}.`,
    `Long tasks (> 50 ms) while typing with the colleagues: ${busy.longTasks.length} (longest ${Math.max(0, ...busy.longTasks.map((t) => t.duration)).toFixed(0)} ms).`,
    ...(busy.profileFile ? [`CPU profile of the typing: ${busy.profileFile}`] : []),
  ];
  writeMarkdown(path.join(root, "BENCHMARKS-EDITOR.md"), figures, facts, methodLines(), [...findings, ...profileNotes]);
  console.log(findings.join("\n"));
}

async function signIn(browser: Browser, person: { email: string; password: string }) {
  const context = await browser.newContext({ baseURL: origin });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1, name: "Articles" }).waitFor({ timeout: 30_000 });
  const state = await context.storageState();
  await context.close();
  return state;
}

/** The last characters the writer typed are in a colleague's copy of the document (the body's text, marks aside). */
async function convergence(typing: TypingResult): Promise<boolean> {
  const tail = typing.typed.slice(-24);
  const bodyText = () => {
    let text = "";
    const walk = (node: Y.XmlElement | Y.XmlFragment) => {
      for (const child of node.toArray()) {
        if (child instanceof Y.XmlText) text += child.toDelta().map((op: { insert: unknown }) => (typeof op.insert === "string" ? op.insert : "")).join("");
        else if (child instanceof Y.XmlElement) walk(child);
      }
      text += "\n";
    };
    walk(collaborators[0]!.doc.getXmlFragment(articleFields.body));
    return text;
  };
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    if (bodyText().includes(tail)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

function toFigures(loads: LoadResult[], alone: TypingResult, busy: TypingResult, heapBytes: number): Figure[] {
  const median = (values: number[]) => percentile(values, 50);
  const scripts = loads.find((load) => load.scripts)!.scripts!;
  return [
    { name: "local keystroke → paint p50 (10 typing)", value: percentile(busy.keys.map((k) => k.total), 50), unit: "ms" },
    { name: "local keystroke → paint p95 (10 typing)", value: percentile(busy.keys.map((k) => k.total), 95), unit: "ms", target: 16 },
    { name: "local keystroke → handled p95 (10 typing)", value: percentile(busy.keys.map((k) => k.handled), 95), unit: "ms", note: "main-thread work only, before waiting for the frame" },
    { name: "local keystroke → handled p50 (alone)", value: percentile(alone.keys.map((k) => k.handled), 50), unit: "ms" },
    { name: "local keystroke → paint p50 (alone)", value: percentile(alone.keys.map((k) => k.total), 50), unit: "ms" },
    { name: "local keystroke → paint p95 (alone)", value: percentile(alone.keys.map((k) => k.total), 95), unit: "ms" },
    { name: "remote edit arrival → paint p50", value: percentile(busy.remote, 50), unit: "ms" },
    { name: "remote edit arrival → paint p95", value: percentile(busy.remote, 95), unit: "ms", target: 50 },
    { name: "first load → interactive (median of 3)", value: median(loads.map((l) => l.readyPaintedAt)), unit: "ms", target: 1500, note: `runs: ${loads.map((l) => l.readyPaintedAt.toFixed(0)).join(", ")} ms` },
    { name: "first-load JavaScript (gzip)", value: scripts.gzipBytes / 1000, unit: "kB", target: 350, note: `${scripts.count} files, ${(scripts.rawBytes / 1000).toFixed(0)} kB uncompressed` },
    { name: "JS heap used after the run", value: heapBytes / 1e6, unit: "MB" },
  ];
}

/** What CPU profiles of the typing (--profile) showed on 2026-11-26; re-profile after changing the editor. */
const profileNotes = [
  "Profiled (CDP Profiler, 30 s of typing with ten colleagues): @tiptap/y-tiptap 3.0.9 cleared its whole Yjs → ProseMirror mapping on every remote change and rebuilt every node of the document per remote keystroke; the block-direction cache (keyed by node) then missed for every block and the view compared the whole document. Before the fix: remote edit → paint p95 940 ms, local keystroke → paint p95 504 ms, heap 56 MB. lib/editor/incremental-remote-sync.ts keeps the mapping when a remote change only edits text or attributes inside blocks (structural changes still clear it), which brought them to the figures above.",
  "What remains per remote update (≈ 3–4 ms of main thread): y-tiptap calls tr.scrollIntoView() whenever the local caret is on screen, so each remote keystroke forces a synchronous layout of the 20,000-word document (coordsAtPos → getClientRects, ≈ 1.2 ms); the block-direction plugin rebuilds its decoration set over all blocks on every transaction (cached per node, so it walks but does not re-detect); the caret plugin rebuilds every caret decoration on each remote change.",
  "The local keystroke p95 under 16 ms cannot be met as measured here: the wait for the next 60 Hz frame alone is 0–16.7 ms, so keydown → paint is the main-thread handling (\"handled\") plus that wait plus the frame's layout and paint, done in software with --disable-gpu. \"Handled\" is the part the editor controls.",
  "Figures move with other load on the machine (see the load average above): across seven runs of the fixed editor while other engineers' test suites shared the two cores, remote edit → paint p95 ranged 38–153 ms, local keystroke → paint p95 34–95 ms and first load 934–1980 ms; run it on a quiet machine before comparing.",
  "A local keystroke costs ≈ 11–12 ms of main thread (\"handled\" p50, alone) in this document; it has not been profiled on its own yet. Candidates: y-prosemirror diffs the whole ProseMirror document against the Yjs fragment on every local transaction (updateYFragment, over ~360 blocks), and the block-direction and placeholder plugins walk every block.",
];

function methodLines(): string[] {
  return [
    `Galley's production build, \`server/index.ts\` with NODE_ENV=production on 127.0.0.1 and a temporary SQLite DATA_DIR; the article is generated (bench/editor/article.ts, seeded) and imported with lib/commands/import-article.ts.`,
    `Ten colleagues are Node y-websocket clients (bench/editor/collaborators.ts), not browser pages, so the two cores measure the editor rather than ten more renderers. Each types a character about every 200 ms (jittered) into its own paragraph and publishes its caret; five type in paragraphs on the writer's screen, five far away.`,
    `In-page probe (bench/editor/probe.ts, installed before Galley's scripts): times are performance.now() from the navigation start; "paint" is a message task posted from the next requestAnimationFrame, i.e. after that frame's style, layout and paint.`,
    `Local keystroke: keydown event timestamp → paint, over keystrokes sent with page.keyboard at 40–100 ms intervals into paragraph 200 (first 100 with the colleagues paused, then 300 while they type). "Handled" stops in a microtask after the input event, once ProseMirror, y-prosemirror and the provider are done with the character; the rest is waiting for the next frame (up to 16.7 ms at 60 Hz) and that frame's style, layout and paint.`,
    `Remote edit: a document update arriving on the collab socket (a listener that runs before the provider's) → paint, counted when a MutationObserver on the body saw it change the DOM.`,
    `First load: a fresh browser profile (no cache, no IndexedDB) signed in as the writer; navigation start → the body is contenteditable with the article's last paragraph in it and painted; one warm-up load, then three measured.`,
    `First-load JavaScript: every script response of a measured load (until the article is interactive), gzipped here at level 9 and summed.`,
  ];
}

// y-websocket registers a process exit listener per provider: eleven of them here.
process.setMaxListeners(40);
const stop = () => void cleanUp().finally(() => process.exit(130));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
main()
  .then(cleanUp)
  .catch(async (error: unknown) => {
    console.error("editor benchmark failed:", error);
    await cleanUp();
    process.exitCode = 1;
  });
