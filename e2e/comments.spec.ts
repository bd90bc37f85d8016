import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { fontsLoaded } from "./support/editor";
import { commentsSidebar, createArticle, newPerson, signInPeople, threadCard } from "./support/flows";

/**
 * Comments on passages with real people in separate browser contexts: the
 * writer who owns the article, the reviewer assigned to it (read-only text,
 * but may comment) and an editor of the desk who keeps typing.
 */

const person = newPerson;

const people = {
  writer: person("noor", "Noor Kaplan", "writer"),
  reviewer: person("tomas", "Tomas Reyes", "reviewer"),
  editor: person("ines", "Ines Moreau", "editor"),
};

const passage = "The blaze spread to three warehouses before noon.";

let writer: Page;
let reviewer: Page;
let editor: Page;
let articleId: string;

const body = (page: Page) => page.locator(".article-body");
/** The body's text as the editor holds it (carets' name labels are not part of it). */
const bodyText = (page: Page) =>
  body(page).evaluate((element) => (element as unknown as { editor: { getText(): string } }).editor.getText());
const sidebar = commentsSidebar;
/** The body's blocks' texts, as the editor holds them. */
const blockTexts = (page: Page) =>
  body(page).evaluate((element) => {
    const texts: string[] = [];
    const doc = (element as unknown as { editor: { state: { doc: { forEach(visit: (node: { textContent: string }) => void): void } } } }).editor.state.doc;
    doc.forEach((node) => texts.push(node.textContent));
    return texts;
  });
/** The highlighted text as one string (a remote caret may split the highlight into pieces). */
const highlighted = (page: Page) =>
  page.locator(".article-body .comment-highlight").evaluateAll((spans) => spans.map((span) => span.textContent).join(""));

/** Selects text in the body the way a mouse drag does: a DOM selection, which ProseMirror reads (editable or not). */
async function selectText(page: Page, text: string) {
  await body(page).evaluate((root, wanted) => {
    // Highlights split a paragraph's text into several nodes; carets' name labels are not text of the article.
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement?.closest(".collaboration-carets__caret")) nodes.push(node as Text);
    }
    const starts: number[] = [];
    let all = "";
    for (const node of nodes) {
      starts.push(all.length);
      all += node.data;
    }
    const at = all.indexOf(wanted);
    if (at < 0) throw new Error(`"${wanted}" is not in the body`);
    const locate = (offset: number, isEnd: boolean) => {
      for (let i = nodes.length - 1; i >= 0; i--) {
        if (starts[i]! < offset || (!isEnd && starts[i] === offset)) return { node: nodes[i]!, offset: offset - starts[i]! };
      }
      return { node: nodes[0]!, offset: 0 };
    };
    const start = locate(at, false);
    const end = locate(at + wanted.length, true);
    const range = document.createRange();
    range.setStart(start.node, start.offset);
    range.setEnd(end.node, end.offset);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  }, text);
}

/** Puts the caret just before `text` in an editable body, as a click there would. */
async function caretBefore(page: Page, text: string) {
  await body(page).focus();
  await selectText(page, text);
  await page.keyboard.press("ArrowLeft");
}

/** Puts the caret just before `text` through the editor itself, so the next key press is sure to find it there. */
async function placeCaretBefore(page: Page, text: string) {
  await body(page).evaluate((element, wanted) => {
    type Node = { isText: boolean; text?: string };
    const editor = (element as unknown as {
      editor: {
        state: { doc: { descendants(visit: (node: Node, pos: number) => boolean | void): void } };
        commands: { setTextSelection(pos: number): boolean; focus(): boolean };
      };
    }).editor;
    let at = -1;
    editor.state.doc.descendants((node, pos) => {
      const index = node.isText ? (node.text ?? "").indexOf(wanted) : -1;
      if (at < 0 && index >= 0) at = pos + index;
      return at < 0;
    });
    if (at < 0) throw new Error(`"${wanted}" is not in the body`);
    editor.commands.focus();
    editor.commands.setTextSelection(at);
  }, text);
  // Tiptap focuses in the next frame: keys pressed before then go wherever the focus was.
  await expect(body(page)).toBeFocused();
}

/** Opens the article and waits for its text (the template's heading, and `text` once the story is written). */
async function openArticle(page: Page, text?: string) {
  await page.goto(`/articles/${articleId}`);
  await expect(body(page).locator("h2")).toHaveText("News");
  if (text) await expect.poll(() => bodyText(page)).toContain(text);
}

async function comment(page: Page, text: string, message: string) {
  await selectText(page, text);
  await page.getByRole("button", { name: "Comment", exact: true }).first().click();
  const draft = sidebar(page).getByRole("region", { name: "New comment" });
  await expect(draft.locator("q")).toHaveText(text);
  await draft.getByLabel("Comment").fill(message);
  await draft.getByRole("button", { name: "Comment" }).click();
  await expect(draft).toHaveCount(0);
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  ({ writer, reviewer, editor } = await signInPeople(browser, people));

  articleId = await createArticle(writer, "Warehouse fire in the docks");
  await writer.getByLabel("Email").fill(people.reviewer.email);
  await writer.getByLabel("Share as").selectOption("reviewer");
  await writer.getByRole("button", { name: "Share" }).click();
  await expect(writer.getByRole("region", { name: "People" })).toContainText(people.reviewer.email);

  await openArticle(writer);
  await writer.getByLabel("Headline").fill("Fire destroys three warehouses in the docks");
  await body(writer).evaluate((element) => (element as unknown as { editor: { commands: { focus(at: string): void } } }).editor.commands.focus("end"));
  // Tiptap focuses in the next frame: typed any sooner, the first letters went into the headline.
  await expect(body(writer)).toBeFocused();
  await writer.keyboard.type(`Fire crews were called to the docks at dawn. ${passage} Nobody was hurt, the fire service said.`);
  await expect(writer.getByText("Saved", { exact: true })).toBeVisible();
});

test.afterAll(async () => {
  for (const page of [writer, reviewer, editor]) await page?.context().close();
});

test("a reviewer comments on a sentence and the writer sees it live, then replies", async () => {
  await Promise.all([openArticle(reviewer, passage), openArticle(editor, passage)]);
  // The reviewer may only suggest, and comments instead.
  await expect(reviewer.getByText("Suggesting", { exact: true })).toBeVisible();

  await comment(reviewer, passage, "Is three confirmed? See https://example.org/fire-report");
  await expect.poll(() => highlighted(reviewer)).toBe(passage);

  // The writer's page was open all along: no reload.
  const card = threadCard(writer, "Is three confirmed?");
  await expect(card).toBeVisible();
  await expect(card).toContainText("Tomas Reyes");
  await expect(card.getByRole("link", { name: "https://example.org/fire-report" })).toHaveAttribute("rel", "noopener noreferrer");
  await expect.poll(() => highlighted(writer)).toBe(passage);
  // The card sits beside its passage.
  const cardTop = (await card.boundingBox())!.y;
  const passageTop = (await writer.locator(".comment-highlight").first().boundingBox())!.y;
  expect(Math.abs(cardTop - passageTop)).toBeLessThan(60);

  await card.getByRole("button", { name: "Reply" }).click();
  await card.getByLabel("Reply").fill("Yes, the fire service confirmed it at 11:00.");
  await card.getByRole("button", { name: "Reply" }).click();
  await expect(threadCard(reviewer, "Is three confirmed?")).toContainText("Yes, the fire service confirmed it");
  // Only the author edits: the reviewer may edit their own comment, not the writer's reply.
  await expect(threadCard(reviewer, "Is three confirmed?").getByRole("button", { name: "Edit" })).toHaveCount(1);
});

test("the highlight keeps covering the passage while an editor types before and inside it", async () => {
  await caretBefore(editor, passage);
  await editor.keyboard.type("Officials said ");
  await caretBefore(editor, "warehouses before noon");
  await editor.keyboard.type("large ");
  const grown = "The blaze spread to three large warehouses before noon.";
  await expect.poll(() => bodyText(writer)).toContain(`Officials said ${grown}`);
  for (const page of [writer, reviewer, editor]) await expect.poll(() => highlighted(page)).toBe(grown);
  // Still after a reload, from the stored anchors.
  await writer.reload();
  await expect.poll(() => highlighted(writer)).toBe(grown);
});

test("the thread stays on its passage when its paragraph is split off and merged back with Backspace", async () => {
  const grown = "The blaze spread to three large warehouses before noon.";
  const card = (page: Page) => threadCard(page, "Is three confirmed?");
  const positionNow = async () => {
    const { threads } = await (await writer.request.get(`/api/articles/${articleId}/comments`)).json();
    return threads.find((t: { body: string }) => t.body.startsWith("Is three confirmed?"));
  };
  const before = (await positionNow()).position;
  // How long the reviewer's card says "On deleted text" while the anchor moves (reported, not asserted).
  await card(reviewer).evaluate((element) => {
    const spans: number[] = [];
    let since: number | null = null;
    new MutationObserver(() => {
      const isDeleted = element.textContent?.includes("On deleted text") ?? false;
      if (isDeleted && since === null) since = performance.now();
      if (!isDeleted && since !== null) {
        spans.push(performance.now() - since);
        since = null;
      }
    }).observe(element, { childList: true, subtree: true, characterData: true });
    (window as unknown as { deletedSpans: number[] }).deletedSpans = spans;
  });
  // The editor (not the comment's author) starts a paragraph at the passage, then joins it to the one above again.
  await placeCaretBefore(editor, "Officials said");
  await editor.keyboard.press("Enter");
  await expect.poll(() => blockTexts(writer)).toContain(`Officials said ${grown} Nobody was hurt, the fire service said.`);
  for (const page of [writer, reviewer, editor]) await expect.poll(() => highlighted(page)).toBe(grown);
  await editor.keyboard.press("Backspace");
  await expect.poll(() => blockTexts(writer)).toContain(`Fire crews were called to the docks at dawn. Officials said ${grown} Nobody was hurt, the fire service said.`);
  for (const page of [writer, reviewer, editor]) {
    await expect.poll(() => highlighted(page)).toBe(grown);
    await expect(card(page)).not.toContainText("On deleted text");
  }
  const spans = await reviewer.evaluate(() => (window as unknown as { deletedSpans: number[] }).deletedSpans);
  test.info().annotations.push({ type: "reviewer saw 'On deleted text' (ms)", description: JSON.stringify(spans.map(Math.round)) });
  // The server has the moved anchor: a fresh page and the API find the passage.
  await writer.reload();
  await expect.poll(() => highlighted(writer)).toBe(grown);
  const thread = await positionNow();
  expect(thread.anchor).toEqual({ state: "attached", text: grown });
  // It was moved: y-prosemirror wrote the passage's paragraph anew (see components/comments/anchor-moves.ts).
  expect(thread.position).not.toEqual(before);
});

test("clicking a highlight focuses its thread; the writer resolves it and it leaves the open threads", async () => {
  const card = threadCard(writer, "Is three confirmed?");
  await writer.locator(".article-body .comment-highlight").first().click();
  await expect(card).toHaveAttribute("data-focused", "true");

  await card.getByRole("button", { name: "Resolve" }).click();
  await expect(card).toHaveCount(0);
  await expect(threadCard(reviewer, "Is three confirmed?")).toHaveCount(0);
  await expect.poll(() => highlighted(reviewer)).toBe("");

  await sidebar(writer).getByRole("combobox", { name: "Show" }).selectOption("resolved");
  await expect(card).toContainText("Resolved by Noor Kaplan");
  await card.getByRole("button", { name: "Reopen" }).click();
  await expect(card).toHaveCount(0);
  await sidebar(writer).getByRole("combobox", { name: "Show" }).selectOption("open");
  await expect(card).toBeVisible();
});

test("a mention lands in the mentioned reviewer's inbox live, with a link to the thread", async () => {
  await expect(reviewer.getByRole("link", { name: "Inbox, 0 unread" })).toBeVisible();
  // This time from the keyboard: select, then Ctrl+Alt+M.
  await body(writer).focus();
  await selectText(writer, "Nobody was hurt");
  await writer.keyboard.press("ControlOrMeta+Alt+m");
  const draft = sidebar(writer).getByRole("region", { name: "New comment" });
  const field = draft.getByLabel("Comment");
  await field.pressSequentially("Can you check this with @Tom");
  const option = writer.getByRole("option", { name: /Tomas Reyes/ });
  await expect(option).toBeVisible();
  await field.press("Enter");
  await field.pressSequentially("please?");
  // The pick shows as the name while writing; the id travels with it.
  await expect(field).toHaveValue("Can you check this with @Tomas Reyes please?");
  await draft.getByRole("button", { name: "Comment" }).click();
  const card = threadCard(writer, "Can you check this with");
  await expect(card.locator(".mention-chip")).toHaveText("@Tomas Reyes");

  // The reviewer's page is open on the article: the count follows without a reload.
  await expect(reviewer.getByRole("link", { name: "Inbox, 1 unread" })).toBeVisible();
  await sidebar(reviewer).getByRole("combobox", { name: "Show" }).selectOption("mentions");
  await expect(threadCard(reviewer, "Can you check this with")).toBeVisible();
  await expect(threadCard(reviewer, "Is three confirmed?")).toHaveCount(0);

  await reviewer.getByRole("link", { name: "Inbox, 1 unread" }).click();
  await expect(reviewer.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
  // The article's title has followed its headline since the writer set it.
  await reviewer.getByRole("link", { name: /Noor Kaplan mentioned you on Fire destroys three warehouses in the docks/ }).click();
  await reviewer.waitForURL(/\/articles\/[a-z0-9]+\?thread=/);
  await expect(threadCard(reviewer, "Can you check this with")).toHaveAttribute("data-focused", "true");
  await expect(reviewer.getByRole("link", { name: "Inbox, 0 unread" })).toBeVisible();
});

test("a thread on deleted text says so and keeps the quote; an overlong comment is refused with a message", async () => {
  await openArticle(editor, "Fire crews were called");
  await comment(editor, "Fire crews were called", "Which crews?");
  await body(editor).focus();
  await selectText(editor, "Fire crews were called to the docks at dawn. ");
  await editor.keyboard.press("Backspace");
  await expect.poll(() => bodyText(writer)).not.toContain("Fire crews");
  const card = threadCard(writer, "Which crews?");
  await expect(card).toContainText("On deleted text");
  await expect(card.locator("q")).toHaveText("Fire crews were called");

  const reply = threadCard(editor, "Which crews?");
  await reply.getByRole("button", { name: "Reply" }).click();
  await reply.getByLabel("Reply").fill("x".repeat(5001));
  await reply.getByRole("button", { name: "Reply" }).click();
  await expect(reply.getByRole("alert")).toContainText("at most 5000 characters");
});

test("the article with its comment threads (README screenshot)", async () => {
  await comment(reviewer, "Officials said", "Which officials? Name them, please.");
  await sidebar(writer).getByRole("combobox", { name: "Show" }).selectOption("all");
  await expect(threadCard(writer, "Which officials?")).toBeVisible();
  await writer.setViewportSize({ width: 1400, height: 1150 });
  await threadCard(writer, "Is three confirmed?").getByRole("button", { name: /^Show in the text/ }).click();
  // The focused card sits level with its passage; the cards of the same line stack around it in text order.
  const card = threadCard(writer, "Is three confirmed?");
  const passageTop = async () => (await writer.locator(".comment-highlight.is-focused").first().boundingBox())!.y;
  await expect.poll(async () => Math.abs((await card.boundingBox())!.y - (await passageTop()))).toBeLessThan(4);
  const officials = (await threadCard(writer, "Which officials?").boundingBox())!;
  expect(officials.y + officials.height).toBeLessThanOrEqual((await card.boundingBox())!.y);
  await writer.evaluate(() => window.scrollTo(0, 0));
  await fontsLoaded(writer);
  const file = path.resolve("docs/screenshots/comments.png");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await writer.screenshot({ path: file });
});
