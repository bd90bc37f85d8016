import { expect, test, type Page } from "@playwright/test";
import { body, bodyText, caretAtEnd } from "./support/editor";
import { createArticle, newPerson, shareOpenArticle, signInPeople } from "./support/flows";

/**
 * What a writer types lands where they typed it: caret moves across a long
 * article (whose off-screen blocks Chromium does not lay out), a paragraph
 * begun right after Ctrl+End, and two people starting to type at one spot
 * with the same letter. In Chromium, at a person's speed, over the real server.
 */

let writer: Page;
let coauthor: Page;
let coauthorEmail: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const people = { writer: newPerson("nadia", "Nadia Farouk", "writer"), coauthor: newPerson("owen", "Owen Price", "writer") };
  ({ writer, coauthor } = await signInPeople(browser, people));
  coauthorEmail = people.coauthor.email;
});

/** A new article of the writer's, shared with the co-author. */
async function newSharedArticle(title: string): Promise<string> {
  const id = await createArticle(writer, title);
  await shareOpenArticle(writer, coauthorEmail, "author");
  return id;
}

test.afterAll(async () => {
  for (const page of [writer, coauthor]) await page.context().close();
});

const paragraph = (n: number) => `Paragraph ${n} of the council's budget report, long enough to wrap across a line or two of the page.`;

/** A new article whose body is a "News" heading and 200 paragraphs, open in the writer's page. */
async function openLongArticle(): Promise<string[]> {
  const id = await createArticle(writer, "A long budget report");
  await expect(body(writer).locator("h2")).toHaveText("News");
  const paragraphs = Array.from({ length: 200 }, (_, i) => paragraph(i + 1));
  await body(writer).evaluate((element, texts) => {
    const editor = (element as unknown as { editor: { commands: { setContent(html: string): void } } }).editor;
    editor.commands.setContent(`<h2>News</h2>${texts.map((text) => `<p>${text}</p>`).join("")}`);
  }, paragraphs);
  await writer.goto(`/articles/${id}`);
  await expect(body(writer).locator("p")).toHaveCount(200);
  return ["News", ...paragraphs];
}

/** Back at the top, the caret in the first heading, as a person would put it there: the end is far off screen. */
async function startAtTheTop(page: Page) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await body(page).locator("h2").first().click();
  await page.waitForTimeout(300);
}

/** Whether the caret (the browser's selection) is drawn inside the window. */
const isCaretOnScreen = (page: Page) =>
  page.evaluate(() => {
    const range = document.getSelection()!.getRangeAt(0);
    const rect = range.getClientRects()[0] ?? range.getBoundingClientRect();
    return rect.bottom > 0 && rect.top < window.innerHeight;
  });

test("Ctrl+End in a 200-paragraph article puts the caret at the very end, and what is typed lands there", async () => {
  const lines = await openLongArticle();
  for (let round = 0; round < 3; round++) {
    await startAtTheTop(writer);
    await writer.keyboard.press("Control+End");
    await writer.waitForTimeout(300);
    await writer.keyboard.type(` End${round}.`, { delay: 100 });
    lines[lines.length - 1] += ` End${round}.`;
    await expect.poll(() => bodyText(writer)).toBe(lines.join("\n"));
    await expect.poll(() => isCaretOnScreen(writer)).toBe(true);
  }

  // Ctrl+Home goes back to the very start.
  await writer.keyboard.press("Control+Home");
  await writer.keyboard.type("Top: ", { delay: 100 });
  await expect.poll(async () => (await bodyText(writer)).split("\n")[0]).toBe("Top: News");
});

test("Ctrl+Shift+End selects to the very end, so cutting leaves nothing of the last paragraph behind", async () => {
  const lines = await openLongArticle();
  await startAtTheTop(writer);
  // The caret into the third paragraph's text, then select to the end and cut.
  await body(writer).locator("p").nth(2).click({ position: { x: 5, y: 5 } });
  await writer.keyboard.press("Home");
  await writer.waitForTimeout(300);
  await writer.keyboard.press("Control+Shift+End");
  await writer.waitForTimeout(300);
  await writer.keyboard.press("Control+X");
  await expect.poll(() => bodyText(writer)).toBe([...lines.slice(0, 3), ""].join("\n"));
});

test("Page Down moves the caret a page on, and what is typed lands where the caret is shown", async () => {
  await openLongArticle();
  await startAtTheTop(writer);
  for (let press = 1; press <= 4; press++) {
    await writer.keyboard.press("PageDown");
    await writer.waitForTimeout(300);
    await writer.keyboard.type(`PD${press}`, { delay: 100 });
    await expect.poll(() => isCaretOnScreen(writer)).toBe(true);
    // The typed letters stay together, in a paragraph that is on screen, and further down with every press.
    const block = body(writer).locator("> *", { hasText: `PD${press}` });
    await expect(block).toHaveCount(1);
    await expect(block).toBeInViewport();
  }
  const text = await bodyText(writer);
  const lineOf = (marker: string) => text.split("\n").findIndex((line) => line.includes(marker));
  const found = [1, 2, 3, 4].map((press) => lineOf(`PD${press}`));
  expect(found.every((line, i) => i === 0 || line > found[i - 1]!), `lines ${found}`).toBe(true);
  expect(found[0]).toBeGreaterThan(5);
});

test("a paragraph begun right after Ctrl+End gets its letters in the order typed, with no pause or short ones", async () => {
  test.setTimeout(180_000);
  const lines = await openLongArticle();
  for (const gap of [0, 10, 30]) {
    for (let round = 0; round < 20; round++) {
      await writer.evaluate(() => window.scrollTo(0, 0));
      await body(writer).locator("h2").first().click();
      await writer.keyboard.press("Control+End");
      if (gap) await writer.waitForTimeout(gap);
      await writer.keyboard.press("Enter");
      await writer.keyboard.type("Race base 15.");
      await expect.poll(async () => (await bodyText(writer)).split("\n").at(-1), `gap ${gap} ms, round ${round}`).toBe("Race base 15.");
      // Take the new paragraph out again (Backspace over its letters and the break).
      await body(writer).evaluate((element) => {
        const editor = (element as unknown as { editor: { state: { doc: { content: { size: number; lastChild: { nodeSize: number } } } }; commands: { deleteRange(range: object): void } } }).editor;
        const { size, lastChild } = editor.state.doc.content;
        editor.commands.deleteRange({ from: size - lastChild.nodeSize, to: size });
      });
      await expect.poll(() => bodyText(writer)).toBe(lines.join("\n"));
    }
  }
});

test("two people typing at one spot at the same instant, starting with the same letter, each keep their word whole", async () => {
  test.setTimeout(240_000);
  const id = await newSharedArticle("Same first letter");
  await coauthor.goto(`/articles/${id}`);
  for (const page of [writer, coauthor]) await expect(body(page).locator("h2")).toHaveText("News");
  const cases: [string, string][] = [
    ["kalpha", "kbravo"],
    [" alpha", " bravo"],
  ];
  for (const [first, second] of cases) {
    for (let round = 0; round < 20; round++) {
      // A fresh paragraph with a marker, seen by both, both carets at its end.
      await caretAtEnd(writer);
      await writer.keyboard.press("Enter");
      await writer.keyboard.type(`R${round}:`);
      await expect.poll(async () => (await bodyText(coauthor)).split("\n").at(-1)).toBe(`R${round}:`);
      await Promise.all([caretAtEnd(writer), caretAtEnd(coauthor)]);
      const words = [`${first}${round}`, `${second}${round}`] as const;
      await Promise.all([writer.keyboard.type(words[0], { delay: 30 }), coauthor.keyboard.type(words[1], { delay: 30 })]);
      await expect.poll(async () => (await bodyText(writer)) === (await bodyText(coauthor))).toBe(true);
      const typed = (await bodyText(writer)).split("\n").at(-1)!.slice(`R${round}:`.length);
      expect([words.join(""), `${words[1]}${words[0]}`], `${JSON.stringify(words)}, round ${round}`).toContain(typed);
    }
  }
});
