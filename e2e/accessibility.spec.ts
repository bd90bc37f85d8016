import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { body, caretAtEnd } from "./support/editor";
import { createArticle, signInAsAdmin } from "./support/flows";

/**
 * axe-core on Galley's pages as a signed-in admin sees them (the admin sees
 * every control, the admin pages included): no serious or critical
 * violation anywhere, in Chromium.
 */

/** The serious and critical violations on the page as it is now, one readable line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join("; ")})`);
}

let page: Page;
let articleId: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  page = await (await browser.newContext()).newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  await signInAsAdmin(page);
  articleId = await createArticle(page, "Harbour reopens after dredging");
});

test.afterAll(async () => {
  await page.context().close();
});

test("the sign-in page", async ({ browser }) => {
  const signedOut = await (await browser.newContext()).newPage();
  await signedOut.goto("/login");
  await expect(signedOut.getByRole("button", { name: "Sign in" })).toBeVisible();
  expect(await seriousViolations(signedOut)).toEqual([]);
  await signedOut.context().close();
});

test("the dashboard", async () => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Articles" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("the editor with its toolbar, an Arabic quotation and a comment thread", async () => {
  await page.goto(`/articles/${articleId}`);
  await expect(body(page).locator("h2")).toHaveText("News");
  await caretAtEnd(page);
  await page.keyboard.type("Ships return to the old port on Monday. ");
  await page.keyboard.type("قال رئيس البلدية: «هذا يوم عظيم»");
  await page.keyboard.press("Shift+Home");
  await page.keyboard.press("ControlOrMeta+Alt+m");
  const draft = page.getByRole("complementary", { name: "Comments" }).getByRole("region", { name: "New comment" });
  await draft.getByLabel("Comment").fill("Is the quotation confirmed?");
  await draft.getByRole("button", { name: "Comment" }).click();
  // The posted thread, not the draft (which shows the same words until it closes).
  await expect(page.getByRole("article", { name: /^Thread by / }).filter({ hasText: "Is the quotation confirmed?" })).toBeVisible();
  await expect(draft).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
});

test("the history page, with a version and a comparison", async () => {
  await page.goto(`/articles/${articleId}/history`);
  await page.getByLabel("Name").fill("before legal read");
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page.getByRole("table", { name: "Versions, newest first" })).toContainText("before legal read");
  await page.getByRole("link", { name: "Compare with now" }).first().click();
  await expect(page.locator(".compare-view")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("the inbox", async () => {
  await page.goto("/inbox");
  await expect(page.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("the admin pages: people and the audit log", async () => {
  await page.goto("/admin/users");
  await expect(page.getByRole("region", { name: "Add a user" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("the not-found page", async () => {
  await page.goto("/articles/no-such-article");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
