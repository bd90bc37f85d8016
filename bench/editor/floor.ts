import type { Browser, Page } from "@playwright/test";
import { installProbe } from "./probe";
import { typeInto, type TypingResult } from "./session";

/**
 * The floor page's path on the editor's own origin (Playwright answers it; it never reaches the server).
 * Same origin, because Chromium refuses a made-up public origin's requests for the loopback stylesheets.
 */
const floorPath = "/__editor-floor";

/**
 * What Chromium alone needs for a keystroke in this article: the editor
 * page's body DOM and stylesheets, copied into a plain contenteditable with
 * no script at all, typed into at the same paragraph with the same probe.
 * The editor's figures minus these are what Galley's code adds.
 */
export async function measurePlainFloor(
  browser: Browser,
  editorPage: Page,
  options: { paragraph: number; keystrokes: number; endMarker: string },
): Promise<TypingResult> {
  const floor = await openPlainFloor(browser, editorPage, options);
  try {
    return await typeInto(floor.page, { paragraph: floor.paragraph, keystrokes: options.keystrokes });
  } finally {
    await floor.page.context().close();
  }
}

/** The floor page, loaded, and the index of the editor's paragraph in it. */
export async function openPlainFloor(
  browser: Browser,
  editorPage: Page,
  options: { paragraph: number; endMarker: string },
): Promise<{ page: Page; paragraph: number }> {
  const { body, stylesheets, dir } = await editorPage.evaluate((paragraph) => {
    // Marked on a copy: reparsing the HTML can move paragraphs (a <p> holding a block is split), so the
    // floor page finds the same paragraph by this mark rather than by its index.
    const copy = document.querySelector(".article-body")!.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(":scope > p")[paragraph]!.setAttribute("data-floor-target", "");
    return {
      body: copy.innerHTML,
      stylesheets: [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].map((link) => link.href),
      dir: document.documentElement.dir || "ltr",
    };
  }, options.paragraph);
  const links = stylesheets.map((href) => `<link rel="stylesheet" href="${href}">`).join("");
  const html = `<!doctype html><html dir="${dir}"><head><meta charset="utf-8">${links}</head><body><main class="article-workspace"><div class="ProseMirror article-body" contenteditable="true">${body}</div></main></body></html>`;
  const context = await browser.newContext({ viewport: editorPage.viewportSize() ?? { width: 1280, height: 900 } });
  try {
    // The probe is compiled by tsx, whose helpers name functions with __name.
    await context.addInitScript({ content: "globalThis.__name ??= (target) => target;" });
    await context.addInitScript(installProbe, options.endMarker);
    const page = await context.newPage();
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
