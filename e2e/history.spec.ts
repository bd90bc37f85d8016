import { expect, test } from "@playwright/test";
import { body, caretAtEnd } from "./support/editor";
import { createArticle, newPerson, shareOpenArticle, signInPeople } from "./support/flows";

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

  await writer.getByRole("link", { name: "History" }).click();
  await expect(writer.getByRole("heading", { level: 1, name: "History" })).toBeVisible();
  await expect(writer.getByRole("heading", { name: "No versions yet" })).toBeVisible();
  await writer.getByLabel("Name").fill("before legal read");
  await writer.getByRole("button", { name: "Save version" }).click();
  await expect(writer.getByRole("status").filter({ hasText: "Saved as version 1, “before legal read”." })).toBeVisible();
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
  await writer.getByRole("link", { name: "Compare with now" }).first().click();
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
  await writer.getByRole("button", { name: "Restore version 1" }).click();
  await expect(writer.getByRole("status").filter({ hasText: "as version 2" })).toBeVisible();
  // The colleague's open page gets the change as an ordinary edit: no reload.
  await expect(body(colleague)).not.toContainText("Fares double.");
  await expect(body(colleague)).toContainText("Night buses run until two.");
  await expect(writer.getByRole("table", { name: "Versions, newest first" })).toContainText("Version 2 · Restored");
});
