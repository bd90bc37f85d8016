import fs from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { body, bodyText, caretAtEnd, fontsLoaded } from "./support/editor";
import { addUser, createArticle, newPerson, shareOpenArticle, signedInPage, signInAsAdmin } from "./support/flows";

/**
 * The article editor at /articles/:id with real people in separate browser
 * contexts: two writers sharing an article and the reviewer assigned to it,
 * over the real collab server.
 */

interface Newsroom {
  writer: Page;
  coauthor: Page;
  reviewer: Page;
  /** A fresh article owned by the writer, shared with the co-author and the reviewer. */
  newArticle(title: string): Promise<string>;
}

const person = newPerson;

async function openNewsroom(browser: Browser, adminPage: Page): Promise<Newsroom> {
  const people = {
    writer: person("amira", "Amira Haddad", "writer"),
    coauthor: person("ben", "Ben Carter", "writer"),
    reviewer: person("rui", "Rui Santos", "reviewer"),
  };
  await signInAsAdmin(adminPage);
  for (const p of Object.values(people)) await addUser(adminPage, p);
  const pages = {
    writer: await signedInPage(browser, people.writer.email, people.writer.password),
    coauthor: await signedInPage(browser, people.coauthor.email, people.coauthor.password),
    reviewer: await signedInPage(browser, people.reviewer.email, people.reviewer.password),
  };
  return {
    ...pages,
    async newArticle(title) {
      const id = await createArticle(pages.writer, title);
      await shareOpenArticle(pages.writer, people.coauthor.email, "author");
      await shareOpenArticle(pages.writer, people.reviewer.email, "reviewer");
      return id;
    },
  };
}

async function openArticle(page: Page, id: string) {
  await page.goto(`/articles/${id}`);
  // The template (a "News" section) appears once the document has synced.
  await expect(body(page).locator("h2")).toHaveText("News");
}

let newsroom: Newsroom;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const adminPage = await (await browser.newContext()).newPage();
  newsroom = await openNewsroom(browser, adminPage);
  await adminPage.context().close();
});

test.afterAll(async () => {
  for (const page of [newsroom.writer, newsroom.coauthor, newsroom.reviewer]) await page.context().close();
});

test("a new article opens with its template once, and headline and standfirst are shared live", async () => {
  const { writer, coauthor } = newsroom;
  const id = await newsroom.newArticle("Bridge closure template check");
  await Promise.all([openArticle(writer, id), openArticle(coauthor, id)]);
  await expect(body(writer).locator("h2")).toHaveCount(1);
  await expect(body(coauthor).locator("h2")).toHaveCount(1);
  await expect(writer.getByTestId("byline")).toHaveText(/By Amira Haddad and Ben Carter/);

  await writer.getByLabel("Headline").fill("Council votes to close the old bridge");
  await writer.getByLabel("Standfirst").fill("Repairs will take a year, the council said.");
  await expect(coauthor.getByLabel("Headline")).toHaveValue("Council votes to close the old bridge");
  await expect(coauthor.getByLabel("Standfirst")).toHaveValue("Repairs will take a year, the council said.");
  await expect(writer.getByText("Saved", { exact: true })).toBeVisible();

  await coauthor.reload();
  await expect(coauthor.getByLabel("Headline")).toHaveValue("Council votes to close the old bridge");
});

test("opening an article asks for its text while the page is still loading, on the one socket the editor then uses", async () => {
  const { writer, coauthor } = newsroom;
  const id = await newsroom.newArticle("Early socket");
  await openArticle(coauthor, id);
  await coauthor.getByLabel("Headline").fill("Ferry fares rise again");

  const page = await writer.context().newPage();
  // When each collab socket was opened: during parsing ("loading") is the page's own script, before any bundle ran.
  await page.addInitScript(() => {
    const opened: string[] = [];
    (window as unknown as { collabSocketsOpened: string[] }).collabSocketsOpened = opened;
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        if (String(url).includes("/collab/")) opened.push(document.readyState);
      }
    };
  });
  await openArticle(page, id);
  await expect(page.getByLabel("Headline")).toHaveValue("Ferry fares rise again");
  await page.getByLabel("Standfirst").fill("Operators blame fuel costs.");
  await expect(coauthor.getByLabel("Standfirst")).toHaveValue("Operators blame fuel costs.");
  expect(await page.evaluate(() => (window as unknown as { collabSocketsOpened: string[] }).collabSocketsOpened)).toEqual(["loading"]);
  await page.close();
});

test("two writers typing into the same paragraph at the same instant converge with every keystroke kept", async () => {
  const { writer, coauthor } = newsroom;
  const id = await newsroom.newArticle("Simultaneous typing");
  await Promise.all([openArticle(writer, id), openArticle(coauthor, id)]);
  await expect(writer.getByRole("list", { name: /2 people in this article/ })).toBeVisible();

  // Each round starts in a fresh empty paragraph: the hardest case (both create its first text at once).
  for (let round = 0; round < 6; round++) {
    await Promise.all([caretAtEnd(writer), caretAtEnd(coauthor)]);
    const words = [`alpha${round}`, `BRAVO${round}`] as const;
    await Promise.all([writer.keyboard.type(words[0]), coauthor.keyboard.type(words[1])]);
    await expect.poll(async () => (await bodyText(writer)) === (await bodyText(coauthor))).toBe(true);
    const lastLine = (await bodyText(writer)).split("\n").at(-1)!;
    expect([words.join(""), `${words[1]}${words[0]}`], `round ${round}`).toContain(lastLine);
    await caretAtEnd(writer);
    await writer.keyboard.press("Enter");
    await expect.poll(async () => (await bodyText(coauthor)).split("\n").length).toBe(round + 3);
  }
});

test("typing past the bottom of the window keeps the caret in view, and undo brings the undone change back into view", async () => {
  const { writer } = newsroom;
  const id = await newsroom.newArticle("A long story");
  await openArticle(writer, id);
  await caretAtEnd(writer);
  const caretBottom = () =>
    writer.evaluate(() => {
      const range = document.getSelection()!.getRangeAt(0);
      return (range.getClientRects()[0] ?? range.getBoundingClientRect()).bottom;
    });
  const viewport = writer.viewportSize()!;
  for (let line = 0; line < 40; line++) {
    await writer.keyboard.type(`Paragraph ${line}`);
    await writer.keyboard.press("Enter");
  }
  // A pause, so the last line is an undo step of its own (Yjs merges changes less than 500 ms apart).
  await writer.waitForTimeout(700);
  await writer.keyboard.type("The last line");
  await expect.poll(caretBottom).toBeLessThanOrEqual(viewport.height);
  expect(await writer.evaluate(() => window.scrollY)).toBeGreaterThan(0);

  // Scrolled back to the headline, the writer undoes: the page goes to where the text came out.
  await writer.evaluate(() => window.scrollTo(0, 0));
  await writer.keyboard.press("ControlOrMeta+Z");
  await expect(body(writer)).not.toContainText("The last line");
  await expect(body(writer)).toContainText("Paragraph 39");
  await expect.poll(() => writer.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  await expect.poll(caretBottom).toBeLessThanOrEqual(viewport.height);
});

test("a reviewer follows the text live, can only suggest, and is shown as suggesting", async () => {
  const { writer, reviewer } = newsroom;
  const id = await newsroom.newArticle("Reviewer follows along");
  await Promise.all([openArticle(writer, id), openArticle(reviewer, id)]);

  await expect(reviewer.getByText("Suggesting", { exact: true })).toBeVisible();
  await expect(reviewer.getByText("View only", { exact: true })).toHaveCount(0);
  await expect(reviewer.getByRole("toolbar")).toHaveCount(0);
  await expect(writer.getByRole("listitem").filter({ hasText: "Rui Santos — suggesting" })).toHaveCount(1);

  await caretAtEnd(writer);
  await writer.keyboard.type("The vote was seven to two.");
  await expect(body(reviewer)).toContainText("The vote was seven to two.");

  // What the reviewer types reaches the writer as their suggestion, never as the article's text.
  await caretAtEnd(reviewer);
  await reviewer.keyboard.type(" Unanimous?");
  await expect(body(writer).locator("ins.suggestion")).toHaveText(" Unanimous?");
  // In the headline too: the letters arrive, drawn as a suggestion, and the article's title does not take them.
  await reviewer.getByLabel("Headline").click();
  await reviewer.keyboard.type("Vote passes");
  await expect(writer.getByLabel("Headline")).toHaveValue("Vote passes");
  await expect(writer.locator(".field-suggestion--insert")).not.toHaveCount(0);
});

test("an Arabic quotation inside an English article is laid out right to left", async () => {
  const { writer, coauthor } = newsroom;
  const id = await newsroom.newArticle("Minister quoted in Arabic");
  await Promise.all([openArticle(writer, id), openArticle(coauthor, id)]);
  await caretAtEnd(writer);
  await writer.keyboard.type("The minister spoke to reporters on Tuesday.");
  await writer.keyboard.press("Enter");
  await writer.keyboard.press("ControlOrMeta+Shift+B");
  // Starts with an English name and a number: the first-strong-character rule would call it left to right.
  await writer.keyboard.type("Reuters 2024: قال المتحدث باسم الحكومة إن الاتفاق سيوقع غدا");

  const direction = (page: Page, selector: string) =>
    page.locator(`.article-body ${selector}`).first().evaluate((element) => getComputedStyle(element).direction);
  for (const page of [writer, coauthor]) {
    await expect.poll(() => direction(page, "blockquote")).toBe("rtl");
    await expect.poll(() => direction(page, "blockquote p")).toBe("rtl");
    expect(await direction(page, "> p")).toBe("ltr");
  }

  // The writer can override it, and the override is shared.
  await writer.getByRole("button", { name: "Direction: left to right" }).click();
  await expect.poll(() => direction(coauthor, "blockquote")).toBe("ltr");
  await writer.getByRole("button", { name: "Direction: automatic" }).click();
  await expect.poll(() => direction(coauthor, "blockquote")).toBe("rtl");
});

test("Arabic is set in the shipped Noto Naskh Arabic, which a page without Arabic never downloads", async ({ browser }) => {
  // A context of its own: a font another page of the browser already holds would be reused at once.
  const context = await browser.newContext({ storageState: await newsroom.writer.context().storageState() });
  const writer = await context.newPage();
  const arabicFontLoads = () =>
    writer.evaluate(() => performance.getEntriesByType("resource").filter((entry) => entry.name.includes("noto-naskh-arabic")).length);

  const id = await newsroom.newArticle("Council budget, in English only");
  await openArticle(writer, id);
  await caretAtEnd(writer);
  await writer.keyboard.type("The council approved the budget.");
  await expect(writer.getByText("Saved", { exact: true })).toBeVisible();
  expect(await arabicFontLoads()).toBe(0);

  await writer.keyboard.press("Enter");
  // The ornate parentheses of a Quranic quotation: empty boxes in a system without an Arabic font.
  await writer.keyboard.type("﴿ وَقُل رَّبِّ زِدْنِي عِلْمًا ﴾");
  const quote = body(writer).locator("p").filter({ hasText: "زِدْنِي" });
  await expect.poll(() => quote.evaluate((element) => getComputedStyle(element).fontFamily)).toMatch(/^"Noto Naskh Arabic"/);
  const isArabicFaceLoaded = () =>
    writer.evaluate(() => [...document.fonts].some((face) => face.family.replace(/"/g, "") === "Noto Naskh Arabic" && face.status === "loaded"));
  await expect.poll(isArabicFaceLoaded).toBe(true);
  expect(await arabicFontLoads()).toBeGreaterThan(0);

  // A picture of the quotation, for a person to look at.
  await quote.screenshot({ path: test.info().outputPath("arabic-quotation.png") });
  await context.close();
});

test("a javascript: link is refused with a message; an https link is applied", async () => {
  const { writer, coauthor } = newsroom;
  const id = await newsroom.newArticle("Links in copy");
  await Promise.all([openArticle(writer, id), openArticle(coauthor, id)]);
  await caretAtEnd(writer);
  await writer.keyboard.type("Read the report");
  await writer.keyboard.press("Shift+Home");
  await writer.keyboard.press("ControlOrMeta+K");

  const dialog = writer.getByRole("dialog", { name: "Add link" });
  await dialog.getByLabel("Link address").fill("javascript:alert(document.cookie)");
  await dialog.getByRole("button", { name: "Apply" }).click();
  await expect(dialog.getByRole("alert")).toContainText("“javascript:” links are not allowed");
  await expect(body(writer).locator("a")).toHaveCount(0);

  await dialog.getByLabel("Link address").fill("https://example.com/report");
  await dialog.getByRole("button", { name: "Apply" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(body(coauthor).locator("a")).toHaveAttribute("href", "https://example.com/report");
  // toContainText: the writer's caret, with its name label, may sit inside the link.
  await expect(body(coauthor).locator("a")).toContainText("Read the report");
});

test("the toolbar is one tab stop with arrow keys, reports what is on, and undo takes back only my own changes", async () => {
  const { writer, coauthor } = newsroom;
  const id = await newsroom.newArticle("Formatting and undo");
  await Promise.all([openArticle(writer, id), openArticle(coauthor, id)]);
  const toolbar = writer.getByRole("toolbar", { name: "Formatting" });
  await expect(toolbar.locator('button[tabindex="0"]')).toHaveCount(1);

  await caretAtEnd(writer);
  await writer.keyboard.type("Breaking news");
  await writer.keyboard.press("Shift+Home");
  await writer.keyboard.press("ControlOrMeta+B");
  const bold = toolbar.getByRole("button", { name: "Bold" });
  await expect(bold).toHaveAttribute("aria-pressed", "true");
  await expect(body(coauthor).locator("strong")).toContainText("Breaking news");

  await bold.focus();
  await writer.keyboard.press("ArrowRight");
  const italic = toolbar.getByRole("button", { name: "Italic" });
  await expect(italic).toBeFocused();
  await expect(italic).toHaveAttribute("tabindex", "0");
  await writer.keyboard.press("Space");
  await expect(body(coauthor).locator("em")).toContainText("Breaking news");
  // Applying a format hands the focus back to the text; the toolbar remembers where it was.
  await expect(body(writer)).toBeFocused();
  await italic.focus();
  await writer.keyboard.press("End");
  await expect(toolbar.getByRole("button", { name: "Direction: right to left" })).toBeFocused();
  await writer.keyboard.press("Home");
  await expect(toolbar.getByRole("button", { name: "Undo", exact: true })).toBeFocused();

  // Ben adds a line; Amira's undo takes back her formatting, never his words.
  await caretAtEnd(coauthor);
  await coauthor.keyboard.press("Enter");
  await coauthor.keyboard.type("More to follow.");
  await expect(body(writer)).toContainText("More to follow.");
  await caretAtEnd(writer);
  await writer.keyboard.press("ControlOrMeta+Z");
  // (Yjs groups quick successive edits into one undo step: the italic goes, perhaps with the typing before it.)
  await expect(body(coauthor).locator("em", { hasText: "Breaking news" })).toHaveCount(0);
  await expect(body(writer)).toContainText("More to follow.");
  await expect(body(coauthor)).toContainText("More to follow.");
});

test("edits made while the server is unreachable survive a reload and merge when it returns", async () => {
  const { writer, coauthor } = newsroom;
  const id = await newsroom.newArticle("Edits during an outage");
  await openArticle(writer, id);
  await caretAtEnd(writer);
  await writer.keyboard.type("Filed before the outage.");
  await expect(writer.getByText("Saved", { exact: true })).toBeVisible();

  // A second tab of the same browser whose socket to /collab is refused, as when the network or server is down.
  const offline = await writer.context().newPage();
  await offline.routeWebSocket(/\/collab\//, (socket) => socket.close({ code: 1012, reason: "unreachable" }));
  await offline.goto(`/articles/${id}`);
  await expect(body(offline)).toContainText("Filed before the outage."); // from the browser's own copy
  await caretAtEnd(offline);
  await offline.keyboard.type(" Typed during the outage.");
  await expect(offline.getByText(/^Offline — \d+ changes? not yet saved$/)).toBeVisible();

  await offline.reload();
  await expect(body(offline)).toContainText("Filed before the outage. Typed during the outage.");
  await offline.close();

  // Connected again: the browser's copy reaches the server, and the co-author.
  await openArticle(writer, id);
  await expect(writer.getByText("Saved", { exact: true })).toBeVisible();
  await openArticle(coauthor, id);
  await expect(body(coauthor)).toContainText("Filed before the outage. Typed during the outage.");
});

test("the editor with two people writing (README screenshot)", async () => {
  const { writer, coauthor } = newsroom;
  const id = await newsroom.newArticle("Old Bridge to close for repairs");
  await Promise.all([openArticle(writer, id), openArticle(coauthor, id)]);
  await writer.getByLabel("Headline").fill("Council votes to close the Old Bridge for a year of repairs");
  await writer.getByLabel("Standfirst").fill("Engineers found corrosion in the main span; buses will be diverted through the market square from March.");
  await caretAtEnd(writer);
  await writer.keyboard.type(
    "The city council voted seven to two on Tuesday night to close the Old Bridge to all traffic from 1 March, " +
      "after engineers reported corrosion in the main span.",
  );
  await writer.keyboard.press("Enter");
  await writer.keyboard.type("Cllr Maria Santos, who chairs the transport committee, called the decision “painful but unavoidable”. ");
  await writer.keyboard.type("The engineering report");
  for (let i = 0; i < "The engineering report".length; i++) await writer.keyboard.press("Shift+ArrowLeft");
  await writer.keyboard.press("ControlOrMeta+K");
  await writer.getByLabel("Link address").fill("https://example.com/old-bridge-report");
  await writer.getByRole("button", { name: "Apply" }).click();
  await writer.keyboard.press("End");
  await writer.keyboard.type(" is published in full.");
  await writer.keyboard.press("Enter");
  await writer.keyboard.press("ControlOrMeta+Shift+B");
  await writer.keyboard.type("قال صاحب متجر في السوق إن الإغلاق سيضر بالتجارة، لكنه ضروري لسلامة الناس");
  await writer.keyboard.press("Enter");
  await writer.keyboard.press("Enter");
  await writer.keyboard.press("ControlOrMeta+Alt+2");
  await writer.keyboard.type("Comment");
  await writer.keyboard.press("Enter");
  await writer.keyboard.type("Residents have until Friday to answer the consultation");

  // Ben selects a phrase in the first paragraph: his caret and selection show, labelled, on Amira's screen.
  await expect(body(coauthor)).toContainText("Residents have until Friday");
  await body(coauthor).evaluate((element) => {
    const editor = (element as unknown as { editor: { state: { doc: { descendants(f: (node: { isText: boolean; text?: string }, pos: number) => void): void } }; commands: { setTextSelection(range: { from: number; to: number }): void; focus(): void } } }).editor;
    let from = 0;
    editor.state.doc.descendants((node, pos) => {
      const at = node.isText ? (node.text ?? "").indexOf("seven to two") : -1;
      if (at >= 0 && !from) from = pos + at;
    });
    editor.commands.setTextSelection({ from, to: from + "seven to two".length });
    editor.commands.focus();
  });
  await expect(writer.locator(".collaboration-carets__label", { hasText: "Ben Carter" })).toBeVisible();
  await expect(coauthor.locator(".collaboration-carets__label", { hasText: "Amira Haddad" })).toBeVisible();
  await expect(writer.getByText("Saved", { exact: true })).toBeVisible();

  await writer.setViewportSize({ width: 1280, height: 960 });
  await writer.evaluate(() => window.scrollTo(0, 0));
  await fontsLoaded(writer);
  const file = path.resolve("docs/screenshots/editor.png");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await writer.screenshot({ path: file });
});
