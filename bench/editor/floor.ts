import type { Browser, Page } from "@playwright/test";
import { whenBrowserQuiet } from "./browser-quiet";
import { installProbe } from "./probe";
import { typeInto, type TypingResult } from "./session";

/**
 * The floor page's path on the editor's own origin (Playwright answers it; it never reaches the server).
 * Same origin, because Chromium refuses a made-up public origin's requests for the loopback stylesheets.
 */
const floorPath = "/__editor-floor";

/** Colleagues typing in the floor page: paragraphs of the editor's body (indices as there) and their pace. */
export interface FloorColleagues {
  paragraphs: number[];
  intervalMs: number;
}

/**
 * What Chromium alone needs for a keystroke in this article: the editor
 * page's body DOM and stylesheets, copied into a plain contenteditable with
 * no script at all, typed into at the same paragraph with the same probe.
 * The editor's figures minus these are what Galley's code adds.
 *
 * With `colleagues`, a few lines of script in the page add a character to
 * the end of each colleague's paragraph at their pace (one text node
 * change, the least any editor can do per remote keystroke): the floor
 * under the benchmark's busy condition, without the server, the sockets or
 * the Node colleagues' own work, so it errs low.
 */
export async function measurePlainFloor(
  browser: Browser,
  editorPage: Page,
  options: { paragraph: number; keystrokes: number; endMarker: string; colleagues?: FloorColleagues },
): Promise<TypingResult> {
  const floor = await openPlainFloor(browser, editorPage, options);
  try {
    if (options.colleagues) await startFloorColleagues(floor.page, options.colleagues.intervalMs);
    return await typeInto(floor.page, { paragraph: floor.paragraph, keystrokes: options.keystrokes });
  } finally {
    await floor.page.context().close();
  }
}

/** Starts the in-page colleagues on the paragraphs openPlainFloor marked. */
async function startFloorColleagues(page: Page, intervalMs: number): Promise<void> {
  await page.evaluate((interval) => {
    const letters = "the harbour authority said on monday ";
    for (const paragraph of document.querySelectorAll<HTMLElement>("[data-floor-colleague]")) {
      const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
      let text: Text | null = null;
      // The paragraph's last text of its own (not a caret's name label) is where the colleague types.
      for (let node = walker.nextNode(); node; node = walker.nextNode()) if (!node.parentElement?.closest(".collaboration-carets__caret")) text = node as Text;
      if (!text) continue;
      let typed = 0;
      const type = () => {
        text.appendData(letters[typed++ % letters.length]!);
        setTimeout(type, interval * (0.5 + Math.random()));
      };
      setTimeout(type, Math.random() * interval);
    }
  }, intervalMs);
}

/** The floor page, loaded, and the index of the editor's paragraph in it. */
export async function openPlainFloor(
  browser: Browser,
  editorPage: Page,
  options: { paragraph: number; endMarker: string; colleagues?: FloorColleagues },
): Promise<{ page: Page; paragraph: number }> {
  const { body, stylesheets, dir } = await editorPage.evaluate(
    ({ paragraph, colleagueParagraphs }) => {
      // Marked on a copy: reparsing the HTML can move paragraphs (a <p> holding a block is split), so the
      // floor page finds the same paragraphs by these marks rather than by their indices.
      const copy = document.querySelector(".article-body")!.cloneNode(true) as HTMLElement;
      const paragraphs = copy.querySelectorAll(":scope > p");
      paragraphs[paragraph]!.setAttribute("data-floor-target", "");
      for (const index of colleagueParagraphs) paragraphs[index]?.setAttribute("data-floor-colleague", "");
      return {
        body: copy.innerHTML,
        stylesheets: [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].map((link) => link.href),
        dir: document.documentElement.dir || "ltr",
      };
    },
    { paragraph: options.paragraph, colleagueParagraphs: options.colleagues?.paragraphs ?? [] },
  );
  const links = stylesheets.map((href) => `<link rel="stylesheet" href="${href}">`).join("");
  const html = `<!doctype html><html dir="${dir}"><head><meta charset="utf-8">${links}</head><body><main class="article-workspace"><div class="ProseMirror article-body" contenteditable="true">${body}</div></main></body></html>`;
  const context = await browser.newContext({ viewport: editorPage.viewportSize() ?? { width: 1280, height: 900 } });
  try {
    // The probe is compiled by tsx, whose helpers name functions with __name.
    await context.addInitScript({ content: "globalThis.__name ??= (target) => target;" });
    await context.addInitScript(installProbe, options.endMarker);
    const page = await context.newPage();
    await whenBrowserQuiet(browser);
    const floorUrl = new URL(floorPath, editorPage.url()).href;
    await page.route(floorUrl, (route) => route.fulfill({ contentType: "text/html; charset=utf-8", body: html }));
    await page.goto(floorUrl);
    await page.waitForLoadState("load");
    const unstyled = await page.evaluate(() => getComputedStyle(document.querySelector(".article-body")!).fontFamily === getComputedStyle(document.body).fontFamily);
    if (unstyled) throw new Error("the floor page did not get the editor's stylesheets");
    const paragraph = await page.evaluate(() =>
      [...document.querySelectorAll(".article-body > p")].indexOf(document.querySelector("[data-floor-target]")!),
    );
    return { page, paragraph };
  } catch (error) {
    await context.close();
    throw error;
  }
}
