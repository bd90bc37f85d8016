import { expect, test, type Page } from "@playwright/test";
import { body, caretAtEnd } from "./support/editor";
import { createArticle, newPerson, shareOpenArticle, signInPeople } from "./support/flows";

/** A version's row in the history table, by its name (leaving the article may have kept versions of its own). */
const versionRow = (page: Page, name: string) =>
  page.getByRole("table", { name: "Versions, newest first" }).getByRole("row").filter({ hasText: name });

/**
 * The history page as a writer uses it: save a named version, edit, compare
 * the version with now and see the words that changed, in Chromium.
 */
test("a writer saves a named version, edits, and sees what changed since in the history", async ({ browser }) => {
  const { writer } = await signInPeople(browser, { writer: newPerson("hana", "Hana Writer", "writer") });
  const id = await createArticle(writer, "Harbour dredging");
  await expect(body(writer).locator("h2")).toHaveText("News");
  await writer.getByLabel("Headline").fill("Harbour reopens after dredging");
  await caretAtEnd(writer);
  await writer.keyboard.type("Ships return on Monday.");
  await expect(writer.getByText("Saved", { exact: true })).toBeVisible();

  // "Save version…" beside the editor, on the article itself.
  await writer.getByText("Save version…").click();
  await writer.getByLabel("Name").fill("before legal read");
  await writer.getByRole("button", { name: "Save version" }).click();
  await expect(writer.getByRole("status").filter({ hasText: "Saved as version 1, “before legal read”." })).toBeVisible();
  await expect(writer.getByRole("region", { name: "Versions" })).toContainText("Latest: Version 1 · before legal read");
  // The editor stayed as it was: no reload.
  await expect(body(writer)).toContainText("Ships return on Monday.");

  await writer.getByRole("link", { name: "History", exact: true }).click();
  await expect(writer.getByRole("heading", { level: 1, name: "History" })).toBeVisible();
  await expect(writer.getByRole("table", { name: "Versions, newest first" })).toContainText("Version 1 · before legal read");

  // An empty name is refused in words, next to the field.
  await writer.getByLabel("Name").fill(" ");
  await writer.getByRole("button", { name: "Save version" }).click();
  await expect(writer.getByText("Give the version a name")).toBeVisible();

  await writer.getByRole("link", { name: "← Back to the article" }).click();
  await expect(body(writer)).toContainText("Ships return on Monday.");
  await caretAtEnd(writer);
  await writer.keyboard.press("End");
  await writer.keyboard.type(" Fares stay the same.");
  await expect(writer.getByText("Saved", { exact: true })).toBeVisible();

  await writer.goto(`/articles/${id}/history`);
  await versionRow(writer, "before legal read").getByRole("link", { name: "Compare with now" }).click();
  const view = writer.locator(".compare-view");
  await expect(view.locator("ins").first()).toContainText("Fares stay the same");
  await expect(view).toContainText("4 words added, 0 removed.");
  await expect(view.locator("del")).toHaveCount(0);
  // Added words are underlined, not only coloured.
  expect(await view.locator("ins").first().evaluate((element) => getComputedStyle(element).textDecorationLine)).toContain("underline");
  await writer.screenshot({ path: test.info().outputPath("history.png"), fullPage: true });
});

test("restoring a version while a colleague has the article open changes their page live", async ({ browser }) => {
  const people = { writer: newPerson("ivo", "Ivo Writer", "writer"), colleague: newPerson("jin", "Jin Colleague", "writer") };
  const { writer, colleague } = await signInPeople(browser, people);
  const id = await createArticle(writer, "Night buses");
  await shareOpenArticle(writer, people.colleague.email, "author");
  await writer.goto(`/articles/${id}`);
  await expect(body(writer).locator("h2")).toHaveText("News");
  await caretAtEnd(writer);
  await writer.keyboard.type("Night buses run until two.");
  await expect(writer.getByText("Saved", { exact: true })).toBeVisible();
  await writer.goto(`/articles/${id}/history`);
  await writer.getByLabel("Name").fill("first draft");
  await writer.getByRole("button", { name: "Save version" }).click();
  await expect(writer.getByRole("table", { name: "Versions, newest first" })).toContainText("first draft");

  await colleague.goto(`/articles/${id}`);
  await expect(body(colleague)).toContainText("Night buses run until two.");
  await caretAtEnd(colleague);
  await colleague.keyboard.type(" Fares double.");
  await expect(colleague.getByText("Saved", { exact: true })).toBeVisible();

  await writer.reload();
  await versionRow(writer, "first draft").getByRole("button", { name: /^Restore version \d+$/ }).click();
  await expect(writer.getByRole("status").filter({ hasText: /as version \d+/ })).toBeVisible();
  // The colleague's open page gets the change as an ordinary edit: no reload.
  await expect(body(colleague)).not.toContainText("Fares double.");
  await expect(body(colleague)).toContainText("Night buses run until two.");
  await expect(writer.getByRole("table", { name: "Versions, newest first" })).toContainText(/Version \d+ · Restored/);
});

test("a reviewer who looked before sees what changed since, first thing, and the compare from then", async ({ browser }) => {
  const people = { writer: newPerson("kai", "Kai Writer", "writer"), reviewer: newPerson("lea", "Lea Reviewer", "reviewer") };
  const { writer, reviewer } = await signInPeople(browser, people);
  const id = await createArticle(writer, "Ferry timetable");
  await shareOpenArticle(writer, people.reviewer.email, "reviewer");
  await writer.reload();
  await caretAtEnd(writer);
  await writer.keyboard.type("The first ferry leaves at six.");
  await expect(writer.getByText("Saved", { exact: true })).toBeVisible();

  await reviewer.goto(`/articles/${id}`);
  await expect(body(reviewer)).toContainText("The first ferry leaves at six.");
  // Never looked before: no banner.
  await expect(reviewer.getByText("Changed since you last looked")).toHaveCount(0);
  // Leaving the article is what remembers it as read.
  const seen = reviewer.waitForResponse((response) => response.url().endsWith(`/api/articles/${id}/seen`));
  await reviewer.getByRole("link", { name: "← All articles" }).click();
  expect((await seen).status()).toBe(204);

  const before = (await (await writer.request.get(`/api/articles/${id}`)).json()).article.contentHash;
  await caretAtEnd(writer);
  await writer.keyboard.type(" The last one leaves at midnight.");
  await expect(writer.getByText("Saved", { exact: true })).toBeVisible();
  // The article row follows the document a moment after the change is stored.
  await expect.poll(async () => (await (await writer.request.get(`/api/articles/${id}`)).json()).article.contentHash).not.toBe(before);

  await reviewer.goto(`/articles/${id}`);
  const banner = reviewer.getByRole("status").filter({ hasText: "Changed since you last looked" });
  await expect(banner).toContainText("Changed since you last looked: +6 −0 words");
  await reviewer.screenshot({ path: test.info().outputPath("since-you-last-looked.png"), fullPage: true });
  await banner.getByRole("link", { name: "Show changes" }).click();
  const view = reviewer.locator(".compare-view");
  await expect(view.locator("ins").first()).toContainText("The last one leaves at midnight.");
  await expect(view).toContainText("6 words added, 0 removed.");
});
