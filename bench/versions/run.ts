/**
 * npm run bench:versions – versions and history on the benchmark's
 * 20,000-word article: the projection after a commit (server CPU), 100
 * versions' storage, compare, restore of a version 500 edits back as a
 * connected colleague sees it, and the history page in Chromium. Loopback
 * only (VERSIONS_BENCH_PORT, default 3298); every process and temp dir it
 * makes is gone when it ends. Writes BENCHMARKS-VERSIONS.md at the root.
 */
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import * as Y from "yjs";
import { openStore, type Store } from "@/lib/db/client";
import type { ArticleVersionRow } from "@/lib/db/schema";
import { appendUpdates, articleFields, loadDocument } from "@/lib/docs";
import { compareStates, makeVersion, Projector, versionText } from "@/lib/versions";
import { seeded as seededRandom } from "../editor/article";
import { root, seedGalley, startGalley, stopGalley, type SeededGalley } from "../editor/galley";
import { ensureBuild } from "@/lib/testing/galley-process";
import { machineInWords, percentile, printTable, type Figure } from "../editor/report";
import { Colleague } from "./colleague";

const port = Number(process.env.VERSIONS_BENCH_PORT ?? 3298);
const origin = `http://127.0.0.1:${port}`;
const chromiumArgs = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const versionCount = 100;
const editsBetweenVersions = 5;
const budgetMs = 8 * 60_000;

let server: ChildProcess | undefined;
let browser: Browser | undefined;
let seeded: SeededGalley | undefined;
let colleague: Colleague | undefined;
let watchdog: ReturnType<typeof setTimeout> | undefined;

const median = (samples: number[]) => percentile(samples, 50);
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

async function cleanUp(): Promise<void> {
  clearTimeout(watchdog);
  colleague?.destroy();
  await browser?.close().catch(() => undefined);
  stopGalley(server);
  if (seeded) fs.rmSync(seeded.dataDir, { recursive: true, force: true });
}

/**
 * One person's edit as the editor makes it: a word typed into a paragraph
 * somewhere in the article, stored as its own update.
 */
function editor(store: Store, articleId: string, doc: Y.Doc) {
  const random = seededRandom(500);
  const paragraphs = doc
    .getXmlFragment(articleFields.body)
    .toArray()
    .filter((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === "paragraph");
  return async function edit(): Promise<number> {
    let update: Uint8Array | null = null;
    const capture = (u: Uint8Array) => (update = u);
    doc.on("update", capture);
    const paragraph = paragraphs[Math.floor(random() * paragraphs.length)]!;
    const text = paragraph.get(0) as Y.XmlText;
    const at = Math.floor(random() * text.length);
    doc.transact(() => text.insert(at, ` amended${Math.floor(random() * 1000)}`));
    doc.off("update", capture);
    const ids = await appendUpdates(store.db, [{ articleId, data: update! }]);
    return Math.max(...(ids.get(articleId) ?? [0]));
  };
}

interface StoreFigures {
  coldProjectionMs: number;
  projectionCpuMs: number[];
  versionMs: number[];
  versionBytes: number;
  first: ArticleVersionRow;
  last: ArticleVersionRow;
  compareWholeMs: number[];
  compareNeighboursMs: number[];
  compareNowMs: number[];
}

/** Everything measured in this process against the store, before the server starts. */
async function measureInStore(dataDir: string, articleId: string): Promise<StoreFigures> {
  const store = await openStore({ url: path.join(dataDir, "galley.db") });
  const doc = await loadDocument(store.db, articleId);
  try {
    const edit = editor(store, articleId, doc);
    const projector = new Projector(store.db, { live: () => doc, quietMs: 60_000 });

    // The first projection of an article after a start counts every block; later ones only changed blocks.
    let cpu = process.cpuUsage();
    projector.notice(articleId, await edit());
    await projector.flush();
    const coldProjectionMs = cpuMs(cpu);
    const projectionCpuMs: number[] = [];
    for (let i = 0; i < 40; i++) {
      const through = await edit();
      cpu = process.cpuUsage();
      projector.notice(articleId, through);
      await projector.flush();
      projectionCpuMs.push(cpuMs(cpu));
    }

    const versionMs: number[] = [];
    const keep = async (name?: string) => {
      const started = performance.now();
      const { version } = await makeVersion(store.db, articleId, name ? { kind: "named", name, doc } : { kind: "auto", doc });
      versionMs.push(performance.now() - started);
      return version;
    };
    const first = await keep("bench start");
    let last = first;
    for (let i = 1; i < versionCount; i++) {
      for (let e = 0; e < editsBetweenVersions; e++) await edit();
      last = await keep();
    }
    // Now is 500 edits past the first version.
    for (let e = 0; e < editsBetweenVersions; e++) await edit();
    projector.notice(articleId, await edit());
    await projector.close();

    const rows = await store.db.selectFrom("article_versions").select(["state", "plain_text_gz"]).where("article_id", "=", articleId).execute();
    const versionBytes = rows.reduce((sum, row) => sum + row.state.byteLength + row.plain_text_gz.byteLength, 0);

    const time = async (from: string, to: string) => {
      const samples: number[] = [];
      for (let i = 0; i < 7; i++) {
        const started = performance.now();
        const result = await compareStates(store.db, articleId, from, to, { isFolded: true });
        if (typeof result === "string") throw new Error(`compare ${from}…${to}: no version ${result}`);
        samples.push(performance.now() - started);
      }
      return samples;
    };
    const neighbour = (await store.db.selectFrom("article_versions").select("id").where("article_id", "=", articleId).where("number", "=", last.number - 1).executeTakeFirstOrThrow()).id;
    return {
      coldProjectionMs,
      projectionCpuMs,
      versionMs,
      versionBytes,
      first,
      last,
      compareWholeMs: await time(first.id, last.id),
      compareNeighboursMs: await time(neighbour, last.id),
      compareNowMs: await time(first.id, "current"),
    };
  } finally {
    doc.destroy();
    await store.close();
  }
}

/**
 * Restores the first version (500 edits back), then the last, alternately,
 * over the API as the writer, while a colleague has the article open: how long
 * the request takes, and when the colleague's copy reads as the version.
 */
async function measureRestores(figures: StoreFigures) {
  colleague = new Colleague(origin, seeded!.articleId, seeded!.collaborators[0]!.token);
  await colleague.whenSynced();
  const requestMs: number[] = [];
  const seenMs: number[] = [];
  for (let round = 0; round < 7; round++) {
    const target = round % 2 === 0 ? figures.first : figures.last;
    const seen = colleague.whenReads(versionText(target), 10_000);
    const started = performance.now();
    const response = await fetch(`${origin}/api/articles/${seeded!.articleId}/versions/${target.id}/restore`, {
      method: "POST",
      headers: { authorization: `Bearer ${seeded!.writer.token}` },
    });
    requestMs.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`restore answered ${response.status}: ${await response.text()}`);
    await seen;
    seenMs.push(performance.now() - started);
  }
  return { requestMs, seenMs };
}

/** The history page comparing the first version with now, in a fresh context: until the load event (scripts run). */
async function measureHistoryPage(firstVersionId: string) {
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: chromiumArgs });
  const signIn = await browser.newContext({ baseURL: origin });
  const login = await signIn.newPage();
  await login.goto("/login");
  await login.getByLabel("Email").fill(seeded!.writer.email);
  await login.getByLabel("Password").fill(seeded!.writer.password);
  await login.getByRole("button", { name: "Sign in" }).click();
  await login.getByRole("heading", { level: 1, name: "Articles" }).waitFor({ timeout: 30_000 });
  const storageState = await signIn.storageState();
  await signIn.close();

  const loads: number[] = [];
  for (let i = 0; i < 6; i++) {
    const context = await browser.newContext({ baseURL: origin, storageState, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`/articles/${seeded!.articleId}/history?from=${firstVersionId}&to=current`, { waitUntil: "load" });
    await page.locator(".compare-view").waitFor();
    const loadEnd = await page.evaluate(() => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventEnd);
    // The first run also pays for the route's first server render after the start.
    if (i > 0) loads.push(loadEnd);
    await context.close();
  }
  return loads;
}

async function main(): Promise<void> {
  ensureBuild();
  const started = Date.now();
  const loadAverage = os.loadavg()[0]!;
  watchdog = setTimeout(() => {
    console.error(`versions benchmark: over its ${budgetMs / 60_000}-minute budget, stopping`);
    void cleanUp().finally(() => process.exit(2));
  }, budgetMs);

  seeded = await seedGalley(1);
  console.log(`seeded: article ${seeded.articleId}, ${seeded.article.bodyWords} words in ${seeded.article.paragraphs} paragraphs`);
  const inStore = await measureInStore(seeded.dataDir, seeded.articleId);
  console.log(`stored ${versionCount} versions over ${versionCount * editsBetweenVersions} edits`);

  server = await startGalley(seeded.dataDir, port);
  const restores = await measureRestores(inStore);
  const historyLoads = await measureHistoryPage(inStore.first.id);

  const figures: Figure[] = [
    { name: "projection after a commit, server CPU (p95 of 40)", value: percentile(inStore.projectionCpuMs, 95), unit: "ms", target: 20, isAtMost: true, note: `median ${median(inStore.projectionCpuMs).toFixed(1)} ms; off the message path` },
    { name: "first projection after a start, server CPU", value: inStore.coldProjectionMs, unit: "ms", note: "every block counted once" },
    { name: "compare: version 1 with version 100 (median of 7)", value: median(inStore.compareWholeMs), unit: "ms", target: 150, isAtMost: true },
    { name: "compare: version 99 with version 100 (median of 7)", value: median(inStore.compareNeighboursMs), unit: "ms", target: 150, isAtMost: true },
    { name: "compare: version 1 with now, from the store (median of 7)", value: median(inStore.compareNowMs), unit: "ms", target: 150, isAtMost: true },
    { name: `${versionCount} versions stored`, value: inStore.versionBytes / 2 ** 20, unit: "MB", target: 10, isAtMost: true, note: `${(inStore.versionBytes / versionCount / 1024).toFixed(0)} kB a version` },
    { name: "making a version (median)", value: median(inStore.versionMs), unit: "ms" },
    { name: "restore 500 edits back: the request (max of 6)", value: Math.max(...restores.requestMs.slice(1)), unit: "ms", target: 300, isAtMost: true, note: `median ${median(restores.requestMs.slice(1)).toFixed(0)} ms` },
    { name: "restore 500 edits back: seen by a connected colleague (max of 6)", value: Math.max(...restores.seenMs.slice(1)), unit: "ms", target: 1000, isAtMost: true, note: `median ${median(restores.seenMs.slice(1)).toFixed(0)} ms, from the request's start` },
    { name: "the first restore after a start: the request", value: restores.requestMs[0]!, unit: "ms", note: `seen ${restores.seenMs[0]!.toFixed(0)} ms; loads the route's code` },
    { name: "history page comparing version 1 with now: load event (max of 5)", value: Math.max(...historyLoads), unit: "ms", target: 1500, isAtMost: true, note: `median ${median(historyLoads).toFixed(0)} ms` },
  ];
  printTable(figures);
  writeReport(figures, (Date.now() - started) / 1000, loadAverage, seeded.article.bodyWords, browser!.version());
}

function writeReport(figures: Figure[], seconds: number, loadAverage: number, words: number, chromiumVersion: string): void {
  const row = (f: Figure) => {
    const value = `${f.value >= 100 ? f.value.toFixed(0) : f.value.toFixed(1)} ${f.unit}`;
    const target = f.target === undefined ? "" : `≤ ${f.target} ${f.unit}`;
    const result = f.target === undefined ? "" : f.value <= f.target ? "met" : "NOT met";
    return `| ${f.name} | ${value} | ${target} | ${result} | ${f.note ?? ""} |`;
  };
  const text = [
    "# Versions benchmarks",
    "",
    `Run on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC with \`npm run bench:versions\` (${seconds.toFixed(0)} s).`,
    "",
    `- Machine: ${machineInWords()}; Chromium ${chromiumVersion} headless. The 1-minute load average was ${loadAverage.toFixed(1)} when the run started.`,
    `- Document: the editor benchmark's ${words.toLocaleString("en-GB")}-word article, imported through the Markdown import command, on SQLite.`,
    `- Edits: a word typed into a paragraph picked at random, each its own stored update; a version every ${editsBetweenVersions} edits, ${versionCount} in all, so the first is ${versionCount * editsBetweenVersions} edits back.`,
    "- Projection: the collab server's Projector on the article's live document, one commit at a time; CPU of this process (the store's writes included).",
    "- Compare: `compareStates` as the history page and `GET …/compare` call it (blocks folded), from the stored versions or the stored document.",
    "- Restore: `POST /api/articles/<id>/versions/<versionId>/restore` on the production server, first version and last in turn, while a stock y-websocket client has the article open; \"seen\" is when its copy reads as the version. The first restore after the start is reported on its own.",
    "- History page: a fresh browser context each time, `/articles/<id>/history?from=<version 1>&to=current`; the first load after the start is left out.",
    "",
    "| figure | value | target | result | note |",
    "|---|---|---|---|---|",
    ...figures.map(row),
    "",
  ].join("\n");
  fs.writeFileSync(path.join(root, "BENCHMARKS-VERSIONS.md"), text);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => void cleanUp());
