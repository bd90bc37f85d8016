import { expect, test, type Page } from "@playwright/test";
import { addUser, createArticle, newPerson, signedInPage, signInAsAdmin, type NewPerson } from "./support/flows";

/**
 * Carets in the headline and standfirst: two writers in separate browser
 * contexts on one article, over the real collab server. What one does in a
 * field shows on the other's screen as a caret with their name.
 */

const person = (label: string, name: string): NewPerson => newPerson(label, name, "writer");

let amira: Page;
let ben: Page;
let articleId: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const people = { amira: person("amira", "Amira Haddad"), ben: person("ben", "Ben Carter") };
  const adminPage = await (await browser.newContext()).newPage();
  await signInAsAdmin(adminPage);
  for (const p of Object.values(people)) await addUser(adminPage, p);
  await adminPage.context().close();
  amira = await signedInPage(browser, people.amira.email, people.amira.password);
  ben = await signedInPage(browser, people.ben.email, people.ben.password);
  articleId = await createArticle(amira, "Bridge closure");
  await amira.getByLabel("Email").fill(people.ben.email);
  await amira.getByLabel("Share as").selectOption("author");
  await amira.getByRole("button", { name: "Share" }).click();
  await expect(amira.getByRole("region", { name: "People" })).toContainText(people.ben.email);
});

test.afterAll(async () => {
  for (const page of [amira, ben]) await page.context().close();
});

async function openArticle(page: Page) {
  await page.goto(`/articles/${articleId}`);
  // The template (a "News" section) appears once the document has synced.
  await expect(page.locator(".article-body h2")).toHaveText("News");
}

const field = (page: Page, name: "Headline" | "Standfirst") => page.getByRole("textbox", { name, exact: true });
/** The field with what is drawn over it. */
const fieldFrame = (page: Page, name: "Headline" | "Standfirst") =>
  page.locator(".field-presence").filter({ has: field(page, name) });
const caretOf = (page: Page, name: "Headline" | "Standfirst", who: string) =>
  fieldFrame(page, name).locator(".field-carets__caret").filter({ hasText: who });

/** A picture of the field with the name tags that hang above it, for a person to look at. */
async function photograph(page: Page, name: "Headline" | "Standfirst", file: string) {
  const box = (await field(page, name).boundingBox())!;
  const clip = { x: box.x - 8, y: box.y - 24, width: box.width + 16, height: box.height + 32 };
  await page.screenshot({ path: test.info().outputPath(file), clip });
}

test("a colleague's caret and selection in the headline show with their name, follow their typing and leave on blur", async () => {
  await Promise.all([openArticle(amira), openArticle(ben)]);
  await field(amira, "Headline").fill("Council votes to close the old bridge");
  await expect(field(ben, "Headline")).toHaveValue("Council votes to close the old bridge");

  // Ben clicks into the headline and selects "votes" with the keyboard.
  await field(ben, "Headline").click();
  await ben.keyboard.press("Home");
  for (let i = 0; i < "Council ".length; i++) await ben.keyboard.press("ArrowRight");
  for (let i = 0; i < "votes".length; i++) await ben.keyboard.press("Shift+ArrowRight");

  const caret = caretOf(amira, "Headline", "Ben Carter");
  // The caret is drawn again as the text changes: between two draws it has no box for a moment.
  const caretX = async () => (await caret.boundingBox())?.x ?? Number.NEGATIVE_INFINITY;
  await expect(caret).toBeVisible();
  const tint = fieldFrame(amira, "Headline").locator(".field-carets__selection");
  await expect(tint).toHaveCount(1);
  const headlineBox = (await field(amira, "Headline").boundingBox())!;
  const tintBox = (await tint.boundingBox())!;
  const caretBox = (await caret.boundingBox())!;
  // "votes" is a short word inside the first line, and Ben's caret is at its end (he selected forwards).
  expect(tintBox.x).toBeGreaterThan(headlineBox.x);
  expect(tintBox.width).toBeGreaterThan(20);
  expect(tintBox.width).toBeLessThan(headlineBox.width / 3);
  expect(Math.abs(caretBox.x + caretBox.width / 2 - (tintBox.x + tintBox.width))).toBeLessThan(3);
  expect(caretBox.y).toBeGreaterThanOrEqual(headlineBox.y - 1);
  expect(caretBox.y + caretBox.height).toBeLessThanOrEqual(headlineBox.y + headlineBox.height + 1);

  await photograph(amira, "Headline", "headline-with-remote-caret.png");

  // Ben types over the selection: the tint goes, and his caret moves on with the new word.
  await ben.keyboard.type("vote unanimously");
  await expect(field(amira, "Headline")).toHaveValue("Council vote unanimously to close the old bridge");
  await expect(tint).toHaveCount(0);
  await expect.poll(caretX).toBeGreaterThan(caretBox.x + 40);

  // Amira's own typing before Ben's caret pushes it along too.
  await field(amira, "Headline").click();
  await amira.keyboard.press("Home");
  const beforeAmirasTyping = (await caret.boundingBox())!.x;
  await amira.keyboard.type("City ");
  await expect.poll(caretX).toBeGreaterThan(beforeAmirasTyping + 20);
  await expect(caretOf(ben, "Headline", "Amira Haddad")).toBeVisible();

  // Tab takes Ben to the standfirst, and a click in the body out of the fields: his field caret goes with him.
  await ben.keyboard.press("Tab");
  await expect(field(ben, "Standfirst")).toBeFocused();
  await expect(caret).toHaveCount(0);
  await expect(caretOf(amira, "Standfirst", "Ben Carter")).toBeVisible();
  await ben.locator(".article-body h2").click();
  await expect(fieldFrame(amira, "Standfirst").locator(".field-carets__caret")).toHaveCount(0);
  await expect(fieldFrame(amira, "Headline").locator(".field-carets__caret")).toHaveCount(0);
});

test("in a right-to-left standfirst the caret at its start stands at the right edge", async () => {
  await Promise.all([openArticle(amira), openArticle(ben)]);
  const arabic = "قال صاحب متجر في السوق إن الإغلاق سيضر بالتجارة";
  await field(amira, "Standfirst").fill(arabic);
  await expect(field(ben, "Standfirst")).toHaveValue(arabic);
  await expect(field(amira, "Standfirst")).toHaveAttribute("dir", "rtl");

  await field(ben, "Standfirst").click();
  await ben.keyboard.press("Home");
  const caret = caretOf(amira, "Standfirst", "Ben Carter");
  await expect(caret).toBeVisible();
  const standfirstBox = (await field(amira, "Standfirst").boundingBox())!;
  const caretBox = (await caret.boundingBox())!;
  expect(Math.abs(standfirstBox.x + standfirstBox.width - (caretBox.x + caretBox.width / 2))).toBeLessThan(4);
  // The name hangs to the left of the caret, into the line, not off the sheet.
  const labelBox = (await caret.locator(".field-carets__label").boundingBox())!;
  expect(labelBox.x + labelBox.width).toBeLessThanOrEqual(caretBox.x + caretBox.width + 2);
  await photograph(amira, "Standfirst", "rtl-standfirst-with-remote-caret.png");
});

test("a selection over a standfirst that wraps is tinted on each of its lines", async () => {
  await Promise.all([openArticle(amira), openArticle(ben)]);
  const standfirst =
    "Repairs to the old bridge will take a year, the council said on Tuesday, and drivers face a detour of six miles " +
    "through the town centre while the work goes on, which traders fear will keep shoppers away until the spring.";
  await field(amira, "Standfirst").fill(standfirst);
  await expect(field(ben, "Standfirst")).toHaveValue(standfirst);
  const lines = await field(amira, "Standfirst").evaluate(
    (element) => Math.round(element.scrollHeight / parseFloat(getComputedStyle(element).lineHeight)),
  );
  expect(lines).toBeGreaterThan(1);

  await field(ben, "Standfirst").click();
  await ben.keyboard.press("ControlOrMeta+A");
  await expect(caretOf(amira, "Standfirst", "Ben Carter")).toBeVisible();
  await expect(fieldFrame(amira, "Standfirst").locator(".field-carets__selection")).toHaveCount(lines);
  await photograph(amira, "Standfirst", "wrapped-standfirst-selected.png");
});
