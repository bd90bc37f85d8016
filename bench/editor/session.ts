/** The writer's side of the benchmark: opening the article in a fresh profile, and typing into it. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { whenBrowserQuiet } from "./browser-quiet";
import type { ProbeReadings } from "./probe";

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

export interface LoadResult {
  readyAt: number;
  readyPaintedAt: number;
  /** The scripts the load fetched, when asked to record them. */
  scripts?: { count: number; rawBytes: number; gzipBytes: number };
  /** The page, when asked to keep it open. */
  page?: Page;
}

export interface LoadOptions {
  origin: string;
  storageState: StorageState;
  articleId: string;
  endMarker: string;
  installProbe: (endMarker: string) => void;
  keepOpen: boolean;
  recordScripts: boolean;
}

/** Opens the article in a new context (no HTTP cache, no IndexedDB) and reads when it became interactive. */
export async function measureLoad(browser: Browser, options: LoadOptions): Promise<LoadResult> {
  const context = await browser.newContext({ baseURL: options.origin, storageState: options.storageState, viewport: { width: 1280, height: 900 } });
  // tsx (esbuild's keepNames) wraps named functions in __name(…) calls, which serialized page functions carry along.
  await context.addInitScript({ content: "globalThis.__name ??= (target) => target;" });
  await context.addInitScript(options.installProbe, options.endMarker);
  const page = await context.newPage();
  // Chromium's new window builds its own UI first; a user's window is open already (browser-quiet.ts).
  await whenBrowserQuiet(browser);
  const scriptBodies = new Map<string, Promise<Buffer | null>>();
  if (options.recordScripts) {
    page.on("response", (response) => {
      if (response.request().resourceType() !== "script" || scriptBodies.has(response.url())) return;
      scriptBodies.set(response.url(), response.body().catch(() => null));
    });
  }
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => void (message.type() === "error" && errors.push(message.text())));
  await page.goto(`/articles/${options.articleId}`, { waitUntil: "commit" });
  try {
    await page.waitForFunction(() => window.__editorBench?.readyPaintedAt != null, undefined, { timeout: 30_000, polling: 100 });
  } catch (error) {
    // Say what the page shows instead: a sign-in page, an error, a body without the article's end.
    const state = await page
      .evaluate(() => {
        const body = document.querySelector<HTMLElement>(".article-body");
        return { url: location.href, editable: body?.isContentEditable, blocks: body?.childElementCount, last: body?.lastElementChild?.textContent?.slice(-80) };
      })
      .catch(() => null);
    throw new Error(`the article did not become interactive: ${JSON.stringify(state)}; page errors: ${errors.slice(0, 5).join(" | ") || "none"}`, { cause: error });
  }
  const readings = await page.evaluate(() => ({ readyAt: window.__editorBench.readyAt!, readyPaintedAt: window.__editorBench.readyPaintedAt! }));
  let scripts: LoadResult["scripts"];
  if (options.recordScripts) {
    const bodies = (await Promise.all(scriptBodies.values())).filter((body): body is Buffer => body !== null);
    scripts = {
      count: bodies.length,
      rawBytes: bodies.reduce((sum, body) => sum + body.byteLength, 0),
      gzipBytes: bodies.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).byteLength, 0),
    };
  }
  if (!options.keepOpen) {
    await context.close();
    return { ...readings, scripts };
  }
  return { ...readings, scripts, page };
}

export interface TypingResult extends Pick<ProbeReadings, "keys" | "remote" | "remoteWithoutMutation" | "longTasks"> {
  typed: string;
  profileFile?: string;
}

const copy = "Councillors were told the harbour work would need a second dredger before the spring tides ";

/** Clicks into a paragraph, goes to its end and types at a quick human pace, then reads the probe. */
export async function typeInto(
  page: Page,
  options: { paragraph: number; keystrokes: number; profile?: boolean; beforeKey?: (index: number) => Promise<void> },
): Promise<TypingResult> {
  const paragraph = page.locator(".article-body > p").nth(options.paragraph);
  await paragraph.scrollIntoViewIfNeeded();
  await paragraph.click();
  await page.keyboard.press("End");
  await page.waitForTimeout(800);
  const cdp = options.profile ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.start");
  }
  await page.evaluate(() => window.__editorBench.reset());
  let typed = "";
  for (let i = 0; i < options.keystrokes; i++) {
    await options.beforeKey?.(i);
    const character = copy[i % copy.length]!;
    await page.keyboard.press(character === " " ? "Space" : character);
    typed += character;
    await page.waitForTimeout(40 + Math.random() * 60);
  }
  await page.waitForTimeout(300);
  const readings = await page.evaluate(() => {
    const probe = window.__editorBench;
    return { keys: probe.keys, remote: probe.remote, remoteWithoutMutation: probe.remoteWithoutMutation, longTasks: probe.longTasks };
  });
  let profileFile: string | undefined;
  if (cdp) {
    const { profile } = await cdp.send("Profiler.stop");
    profileFile = path.join(os.tmpdir(), `galley-editor-typing-${Date.now()}.cpuprofile`);
    fs.writeFileSync(profileFile, JSON.stringify(profile));
  }
  return { ...readings, typed, profileFile };
}
