import { mintToken } from "../../lib/auth/tokens";
import { openStore } from "../../lib/db/client";
import { insertArticle, insertUser } from "../../lib/testing/factories";
import { childPids, freePort, startGalleyProcess, type GalleyProcess } from "../../lib/testing/galley-process";
import type { LoadPool } from "../client/pool";
import type { DocSpec } from "../client/wire";
import { benchSecret, seedGalley } from "../editor/galley";
import { cpuMicros } from "../proc";
import { sleep, summarize, type LatencySummary } from "../stats";
import { figures, measureWindow, type LoadFigures, type LoadShape, type WindowTotals } from "./latency";

export type CollabProcess = "own" | "shared";

export interface RendersRound {
  collabProcess: CollabProcess;
  isRendering: boolean;
  window: WindowTotals;
  /** Page loads (the 20,000-word article's editor page and the dashboard) during the window: server time per load. */
  renders: number[];
  /** How long the renderer ran (the whole window: warm-up, measurement and drain). */
  renderSeconds: number;
}

export interface RendersResult {
  rounds: RendersRound[];
}

/**
 * `npm start` as shipped (production build, web and collab on one port,
 * SQLite) under the light collab load, with and without page renders: the
 * editor page of the 20,000-word benchmark article and the dashboard, each
 * twice a second, by a signed-in writer. Run with the collaboration server
 * in its own process (the default) and in the web process, to compare.
 */
export async function runRenders(pool: LoadPool, shape: LoadShape, collabProcess: CollabProcess, rounds: number): Promise<RendersRound[]> {
  const seeded = await seedGalley(0);
  const docs = await seedLoadDocuments(seeded.dataDir, shape.docs);
  const galley = await startGalleyProcess(await freePort(), {
    DATA_DIR: seeded.dataDir,
    NEXTAUTH_SECRET: benchSecret,
    GALLEY_COLLAB_PROCESS: collabProcess,
    LOG_LEVEL: "warn",
  });
  const out: RendersRound[] = [];
  try {
    const cookie = await signIn(galley.baseUrl, seeded.writer.email, seeded.writer.password);
    const pages = [`/articles/${seeded.articleId}`, "/"];
    // Warm Next's caches and the article's first render before anything is measured.
    for (const page of pages) await load(galley.baseUrl, page, cookie);
    const specs: DocSpec[] = docs.map(({ name, token }) => ({ name, url: `ws://127.0.0.1:${galley.port}/collab/${name}?token=${token}&saved=1` }));
    const opened = await pool.openEditors("y-websocket", specs, shape.clientsPerDoc);
    if (opened.failed) throw new Error(`${opened.failed} editors could not connect: ${opened.errors.join("; ")}`);
    const cpu = { cpuMicros: () => processTreeCpu(galley) };
    try {
      for (let round = 0; round < rounds; round++) {
        for (const isRendering of round % 2 === 0 ? [false, true] : [true, false]) {
          const renderer = isRendering ? startRenderer(galley.baseUrl, pages, cookie) : null;
          const window = await measureWindow(cpu, pool, shape);
          const { times, seconds } = (await renderer?.stop()) ?? { times: [], seconds: 0 };
          out.push({ collabProcess, isRendering, window, renders: times, renderSeconds: seconds });
        }
      }
    } finally {
      await pool.closeEditors();
      await sleep(500);
    }
  } finally {
    await galley.stop();
  }
  return out;
}

export interface RendersFigures {
  quiet: LoadFigures;
  rendering: LoadFigures;
  renderMs: LatencySummary;
  rendersPerSec: number;
}

export function rendersFigures(rounds: RendersRound[], collabProcess: CollabProcess): RendersFigures | null {
  const mine = rounds.filter((round) => round.collabProcess === collabProcess);
  const quiet = mine.filter((round) => !round.isRendering);
  const rendering = mine.filter((round) => round.isRendering);
  if (!quiet.length || !rendering.length) return null;
  const seconds = rendering.reduce((sum, round) => sum + round.renderSeconds, 0);
  return {
    quiet: figures(quiet.map((round) => round.window)),
    rendering: figures(rendering.map((round) => round.window)),
    renderMs: summarize([Float64Array.from(rendering.flatMap((round) => round.renders))]),
    rendersPerSec: rendering.reduce((sum, round) => sum + round.renders.length, 0) / seconds,
  };
}

/** One writer and one article per document of the load, with the token its clients connect with. */
async function seedLoadDocuments(dataDir: string, count: number): Promise<{ name: string; token: string }[]> {
  const store = await openStore({ url: `${dataDir}/galley.db` });
  try {
    const docs: { name: string; token: string }[] = [];
    for (let i = 0; i < count; i++) {
      const user = await insertUser(store.db, { role: "writer", name: `Load writer ${i}` });
      const article = await insertArticle(store.db, user, { title: `Load ${i}` });
      docs.push({ name: article.id, token: mintToken(user, 6 * 3600, benchSecret) });
    }
    return docs;
  } finally {
    await store.close();
  }
}

/** Both pages, each twice a second, one after another as a reader's browser would ask; answers the server times. */
function startRenderer(base: string, pages: string[], cookie: string) {
  const times: number[] = [];
  const startedAt = performance.now();
  let isRunning = true;
  const loop = (async () => {
    const periodMs = 500 / pages.length;
    while (isRunning) {
      for (const page of pages) {
        const started = performance.now();
        await load(base, page, cookie);
        times.push(performance.now() - started);
        await sleep(Math.max(0, periodMs - (performance.now() - started)));
        if (!isRunning) break;
      }
    }
  })();
  return {
    async stop() {
      isRunning = false;
      await loop;
      return { times, seconds: (performance.now() - startedAt) / 1000 };
    },
  };
}

async function load(base: string, page: string, cookie: string): Promise<void> {
  const response = await fetch(base + page, { headers: { cookie } });
  if (!response.ok) throw new Error(`${page} answered ${response.status}`);
  await response.arrayBuffer();
}

/** next-auth's credentials flow over HTTP: the session cookie a browser would get. */
async function signIn(base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  };
  const header = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const answer = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  keep(answer);
  if (![...jar.keys()].some((name) => name.endsWith("next-auth.session-token"))) throw new Error(`could not sign in as ${email} (${answer.status})`);
  return header();
}

/** The web process and, when it has one, its collaboration child: together they are the server. */
function processTreeCpu(galley: GalleyProcess): number {
  const pid = galley.child.pid!;
  return [pid, ...childPids(pid)].reduce((sum, each) => sum + cpuMicros(each), 0);
}
