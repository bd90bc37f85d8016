import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { addUser, createArticle, newPerson, signedInPage, signInAsAdmin } from "./support/flows";

type EditorElement = { editor: { commands: { focus(at: string): void; insertContent(text: string): void } } };

/**
 * Types `text` where no frame will ever be painted, so the browser's copy is
 * written after a paint never: only the flush on leaving the page can keep it.
 */
async function typeWithoutFrames(page: Page, text: string) {
  await page.locator(".article-body").evaluate((element, value) => {
    window.requestAnimationFrame = () => 0;
    const { editor } = element as unknown as EditorElement;
    editor.commands.focus("end");
    editor.commands.insertContent(value);
  }, text);
  await page.waitForTimeout(300);
}

/** The article in a new tab whose socket to /collab is refused, as when the server is unreachable. */
async function openOffline(context: BrowserContext, id: string): Promise<Page> {
  const page = await context.newPage();
  await page.routeWebSocket(/\/collab\//, (socket) => socket.close({ code: 1012, reason: "unreachable" }));
  await page.goto(`/articles/${id}`);
  await expect(page.locator(".article-body h2")).toHaveText("News");
  return page;
}

test("a change not yet in the browser's copy when the page goes away is there after a reload, a navigation or a closed tab", async ({ browser }) => {
  const adminPage = await (await browser.newContext()).newPage();
  const writer = newPerson("zed", "Zed Writer", "writer");
  await signInAsAdmin(adminPage);
  await addUser(adminPage, writer);
  const first = await signedInPage(browser, writer.email, writer.password);
  const id = await createArticle(first, "Reload flush");
  await first.goto(`/articles/${id}`);
  await expect(first.locator(".article-body h2")).toHaveText("News");
  await first.getByText("Saved", { exact: true }).or(first.getByText("Connected", { exact: true })).waitFor();
  const context = first.context();
  await first.close();

  let offline = await openOffline(context, id);
  await typeWithoutFrames(offline, "First words.");
  await offline.reload();
  await expect(offline.locator(".article-body")).toContainText("First words.");

  await typeWithoutFrames(offline, "Second words.");
  await offline.goto("/");
  await offline.goto(`/articles/${id}`);
  await expect(offline.locator(".article-body")).toContainText("First words.Second words.");

  await typeWithoutFrames(offline, "Third words.");
  await offline.close();
  offline = await openOffline(context, id);
  await expect(offline.locator(".article-body")).toContainText("First words.Second words.Third words.");
});
