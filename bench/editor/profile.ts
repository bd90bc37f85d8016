/**
 * A focused CPU profile of typing in the benchmark's 20,000-word article,
 * without building Next: the editor bundled with esbuild (names kept), the
 * collab server in this process over the seeded store, one Chromium page.
 * Prints the keystroke figures and the functions the main thread spent the
 * typing in (inclusive and self time), and keeps the .cpuprofile.
 *
 *   npx tsx bench/editor/profile.ts [--keys 150] [--colleagues] [--no-profile] [--trace] [--floor] [--load] [--ab] [--css '<rules>']
 *   --trace: Chromium's timeline instead of the CPU profile (own time per event: style, layout, paint,
 *   editing; TRACE_CATEGORIES=a,b picks the categories, TRACE_FILE=<path> keeps it); --floor: type into the plain contenteditable copy of the
 *   loaded editor instead (bench/editor/floor.ts), to compare; --load: a CPU profile of opening the article
 *   instead of the typing; --ab: globalThis.__ab is false and true by turns of ten keystrokes, and the figures are
 *   printed for each, to compare a change behind that flag within one page; INIT='<js>' runs before the page's scripts;
 *   --css: extra style rules, to try one out.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { findArticleAccess } from "@/lib/articles";
import { openStore } from "@/lib/db/client";
import { allowedArticleActions } from "@/lib/policy";
import { findUserById, toActor } from "@/lib/users";
import { createCollabServer } from "@/server/collab";
import { endMarker } from "./article";
import { whenBrowserQuiet } from "./browser-quiet";
import { Collaborator } from "./collaborators";
import { benchSecret, seedGalley } from "./galley";
import { bundleEditor } from "./harness/bundle";
import { openPlainFloor } from "./floor";
import { installProbe } from "./probe";
import { percentile } from "./report";
import { typeInto } from "./session";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const argValue = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};

/** Milliseconds per function: on the stack at all (inclusive, recursion counted once) and at its top (self). */
function summarize(profile: CpuProfile, top: number): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const label = (node: ProfileNode) => {
    const { functionName, url, lineNumber } = node.callFrame;
    return `${functionName || "(anonymous)"} ${path.basename(url)}:${lineNumber + 1}`;
  };
  const inclusive = new Map<string, number>();
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = byId.get(id)!;
    self.set(label(leaf), (self.get(label(leaf)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = label(byId.get(at)!);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
    }
  });
  const list = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => `  ${ms.toFixed(0).padStart(6)} ms  ${name}`)
      .join("\n");
  return `inclusive:\n${list(inclusive)}\n\nself:\n${list(self)}`;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

/** The renderer main thread's own time per trace event name (what nested events took is theirs), per keystroke. */
function summarizeTrace(trace: { traceEvents: TraceEvent[] }, keystrokes: number): string {
  const main = trace.traceEvents.find((event) => event.ph === "M" && event.name === "thread_name" && event.args?.name === "CrRendererMain");
  const spans = trace.traceEvents
    .filter((event) => main && event.pid === main.pid && event.tid === main.tid && event.ph === "X" && event.dur)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const own = new Map<string, number>();
  const count = new Map<string, number>();
  const open: TraceEvent[] = [];
  for (const span of spans) {
    count.set(span.name, (count.get(span.name) ?? 0) + 1);
    while (open.length && open.at(-1)!.ts + open.at(-1)!.dur! <= span.ts) open.pop();
    const parent = open.at(-1);
    if (parent) own.set(parent.name, (own.get(parent.name) ?? 0) - span.dur! / 1000);
    own.set(span.name, (own.get(span.name) ?? 0) + span.dur! / 1000);
    open.push(span);
  }
  const rows = [...own].sort((a, b) => b[1] - a[1]).slice(0, 20);
  return `renderer main thread, own time and count per keystroke:\n${rows.map(([name, ms]) => `  ${(ms / keystrokes).toFixed(2).padStart(7)} ms ${(count.get(name)! / keystrokes).toFixed(1).padStart(5)}×  ${name}`).join("\n")}`;
}

async function main(): Promise<void> {
  process.env.NEXTAUTH_SECRET = benchSecret;
  const keystrokes = argValue("--keys", 150);
  const withColleagues = process.argv.includes("--colleagues");
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "galley-editor-profile-"));
  const seeded = await seedGalley(withColleagues ? 10 : 0);
  const store = await openStore({ url: path.join(seeded.dataDir, "galley.db") });
  const collab = createCollabServer({ db: store.db });
  await bundleEditor({ outdir: workDir, profile: true });
  const writer = (await findUserById(store.db, seeded.writer.id))!;
  const props = {
    articleId: seeded.articleId,
    currentUser: { id: writer.id, name: writer.name },
    allowedActions: allowedArticleActions(toActor(writer), (await findArticleAccess(store.db, seeded.articleId, writer.id))!),
    authors: [{ id: writer.id, name: writer.name }],
    wordTarget: null,
    collabToken: seeded.writer.token,
  };
  const server = http.createServer((req, res) => {
    const file = { "/entry.js": "text/javascript", "/entry.css": "text/css" }[req.url ?? ""];
    if (file) return void res.writeHead(200, { "content-type": file }).end(fs.readFileSync(path.join(workDir, req.url!)));
    if (req.url !== "/") return void res.writeHead(404).end();
    const json = JSON.stringify({ ...props, collabOrigin: `ws://${req.headers.host}` }).replace(/</g, "\\u003c");
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(`<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="stylesheet" href="/entry.css"></head><body><main style="max-width:60rem;margin:1.5rem auto"><div id="root"></div></main>
<script type="application/json" id="editor-props">${json}</script><script type="module" src="/entry.js"></script></body></html>`);
  });
  server.on("upgrade", (req, socket, head) => collab.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  const colleagues = seeded.collaborators.map(
    (person, i) =>
      new Collaborator({ origin: `ws://127.0.0.1:${port}`, articleId: seeded.articleId, token: person.token, name: person.name, color: "#2e86c1", paragraphIndex: i < 5 ? 195 + i * 2 + (i >= 3 ? 2 : 0) : 20 + i * 80, intervalMs: 200 }),
  );
  await Promise.all(colleagues.map((c) => c.whenSynced()));

  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript({ content: "globalThis.__name ??= (target) => target;" });
    await context.addInitScript(installProbe, endMarker);
    if (process.env.INIT) await context.addInitScript({ content: process.env.INIT });
    const editorPage = await context.newPage();
    editorPage.on("pageerror", (error) => console.error("page error:", error.message));
    await whenBrowserQuiet(browser);
    const loadProfiler = process.argv.includes("--load") ? await context.newCDPSession(editorPage) : null;
    if (loadProfiler) {
      await loadProfiler.send("Profiler.enable");
      await loadProfiler.send("Profiler.start");
    }
    await editorPage.goto(`http://127.0.0.1:${port}/`);
    await editorPage.waitForFunction(() => window.__editorBench?.readyPaintedAt != null, undefined, { timeout: 60_000, polling: 100 });
    console.log(`interactive after ${(await editorPage.evaluate(() => window.__editorBench.readyPaintedAt!)).toFixed(0)} ms`);
    if (loadProfiler) {
      const { profile } = await loadProfiler.send("Profiler.stop");
      const loadProfileFile = path.join(os.tmpdir(), `galley-editor-load-${Date.now()}.cpuprofile`);
      fs.writeFileSync(loadProfileFile, JSON.stringify(profile));
      console.log(`the load:\n${summarize(profile as CpuProfile, 40)}\nprofile: ${loadProfileFile}; bundle: ${workDir}/entry.js`);
      return;
    }
    let page = editorPage;
    let paragraph = 200;
    if (process.argv.includes("--floor")) {
      ({ page, paragraph } = await openPlainFloor(browser, editorPage, { paragraph, endMarker }));
      // One renderer at a time, so the trace's main thread is the floor page's.
      await context.close();
    }
    const extraCss = process.argv.indexOf("--css");
    if (extraCss >= 0) await page.addStyleTag({ content: process.argv[extraCss + 1]! });
    for (const colleague of colleagues) colleague.start();
    const isTracing = process.argv.includes("--trace");
    if (isTracing) await browser.startTracing(page, { categories: (process.env.TRACE_CATEGORIES ?? "devtools.timeline,disabled-by-default-devtools.timeline").split(",") });
    // --ab: globalThis.__ab flips every ten keystrokes, for code under test to read; the figures are split by it.
    const isAb = process.argv.includes("--ab");
    const abOn = (index: number) => Math.floor(index / 10) % 2 === 1;
    const beforeKey = isAb ? async (index: number) => void (index % 10 === 0 && (await page.evaluate((on) => ((globalThis as { __ab?: boolean }).__ab = on), abOn(index)))) : undefined;
    const typing = await typeInto(page, { paragraph, keystrokes, profile: !isTracing && !process.argv.includes("--no-profile"), beforeKey });
    if (isTracing) {
      const trace = (await browser.stopTracing()).toString();
      if (process.env.TRACE_FILE) fs.writeFileSync(process.env.TRACE_FILE, trace);
      console.log(summarizeTrace(JSON.parse(trace) as { traceEvents: TraceEvent[] }, typing.keys.length));
    }
    for (const colleague of colleagues) colleague.pause();
    const handled = typing.keys.map((k) => k.handled);
    const total = typing.keys.map((k) => k.total);
    console.log(`${typing.keys.length} keystrokes${withColleagues ? ` with ${colleagues.length} colleagues typing` : " alone"}`);
    console.log(`handled p50 ${percentile(handled, 50).toFixed(1)} ms, p95 ${percentile(handled, 95).toFixed(1)} ms; paint p50 ${percentile(total, 50).toFixed(1)} ms, p95 ${percentile(total, 95).toFixed(1)} ms`);
    if (isAb && typing.keys.length === keystrokes) {
      for (const on of [false, true]) {
        const keys = typing.keys.filter((_, index) => abOn(index) === on);
        const figure = (values: number[]) => `p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms`;
        console.log(`  __ab ${on ? "on " : "off"}: handled ${figure(keys.map((k) => k.handled))}; paint ${figure(keys.map((k) => k.total))} (${keys.length})`);
      }
    }
    if (typing.remote.length) console.log(`remote → paint p50 ${percentile(typing.remote, 50).toFixed(1)} ms, p95 ${percentile(typing.remote, 95).toFixed(1)} ms over ${typing.remote.length}`);
    if (typing.profileFile) {
      console.log(summarize(JSON.parse(fs.readFileSync(typing.profileFile, "utf8")) as CpuProfile, 45));
      console.log(`profile: ${typing.profileFile}; bundle: ${workDir}/entry.js`);
    }
  } finally {
    await browser.close();
    for (const colleague of colleagues) colleague.destroy();
    await collab.close();
    server.closeAllConnections();
    server.close();
    await store.close();
    fs.rmSync(seeded.dataDir, { recursive: true, force: true });
  }
}

process.setMaxListeners(40);
main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
