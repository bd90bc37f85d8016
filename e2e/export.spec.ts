import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { body, caretAtEnd } from "./support/editor";
import { addUser, createArticle, signInAsAdmin, signedInPage, uniqueEmail } from "./support/flows";

/**
 * Getting copy in and out of Galley: export of what was typed in the
 * editor, import of a Markdown file from the dashboard, and paste from
 * a word processor, in Chromium against the real server.
 */

let writer: Page;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  const person = { name: "Esme Exporter", email: uniqueEmail("esme"), role: "writer" as const, password: `esme-${Math.random()}` };
  const adminPage = await (await browser.newContext()).newPage();
  await signInAsAdmin(adminPage);
  await addUser(adminPage, person);
  await adminPage.context().close();
  writer = await signedInPage(browser, person.email, person.password);
});

test.afterAll(async () => {
  await writer.context().close();
});

test("an article typed in the editor exports to Markdown with its headline, News section and Arabic quotation", async () => {
  const id = await createArticle(writer, "Harbour export check");
  await expect(body(writer).locator("h2")).toHaveText("News");
  await writer.getByLabel("Headline").fill("Harbour reopens to ships");
  await writer.getByLabel("Standfirst").fill("The first ferry docked at dawn.");
  await caretAtEnd(writer);
  await writer.keyboard.type("Dredging took two years.");
  await writer.keyboard.press("Enter");
  await writer.keyboard.press("ControlOrMeta+Shift+B");
  await writer.keyboard.type("قال القبطان: يوم جميل");

  // The export reads the store: wait until the last keystroke has been saved there.
  const exportUrl = `/api/articles/${id}/export?format=markdown`;
  await expect.poll(async () => (await writer.request.get(exportUrl)).text()).toContain("يوم جميل");

  const [download] = await Promise.all([writer.waitForEvent("download"), writer.getByRole("link", { name: "Export Markdown" }).click()]);
  expect(download.suggestedFilename()).toBe("harbour-reopens-to-ships.md");
  const markdown = fs.readFileSync((await download.path())!, "utf8");
  expect(markdown).toBe(
    [
      "# Harbour reopens to ships",
      "*The first ferry docked at dawn.*",
      "## News",
      "Dredging took two years.",
      '<blockquote dir="rtl"><p>قال القبطان: يوم جميل</p></blockquote>',
    ].join("\n\n") + "\n",
  );

  const html = await (await writer.request.get(`/api/articles/${id}/export?format=html`)).text();
  expect(html).toContain("<h1>Harbour reopens to ships</h1>");
  expect(html).toContain('<blockquote dir="rtl">');

  // For the record rather than for publication: the same file with the comment threads after the article.
  const posted = await writer.request.post(`/api/articles/${id}/comments`, { data: { body: "Check the <date> of the ferry" } });
  expect(posted.status()).toBe(201);
  const include = writer.getByRole("checkbox", { name: "Include comments" });
  await include.focus();
  await writer.keyboard.press("Space");
  await expect(include).toBeChecked();
  const [withComments] = await Promise.all([writer.waitForEvent("download"), writer.getByRole("link", { name: "Export Markdown" }).click()]);
  const record = fs.readFileSync((await withComments.path())!, "utf8");
  expect(record.startsWith(markdown.trimEnd())).toBe(true);
  expect(record).toContain("## Comments\n\n### Thread 1 · open\n\nOn the whole article\n\n- **Esme Exporter**, ");
  expect(record).toContain("UTC: Check the \\<date> of the ferry\n");
});

test("a Markdown file imported from the dashboard opens as a new article, and a paste from Google Docs is cleaned", async () => {
  await writer.goto("/");
  const form = writer.getByRole("region", { name: "Import" });
  const file = form.getByLabel("Markdown or Word file");
  await file.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("plain") });
  await form.getByRole("button", { name: "Import" }).click();
  await expect(form).toContainText("Galley imports a Markdown (.md) or Word (.docx) file; notes.txt is neither.");

  const markdown = "# Tram line approved\n\nWork starts in May.\n\n## News\n\nThe vote was **nine to two**.\n\n## Comment\n\nAbout time.\n";
  await file.setInputFiles({ name: "tram.md", mimeType: "text/markdown", buffer: Buffer.from(markdown) });
  await form.getByRole("button", { name: "Import" }).click();
  await writer.waitForURL(/\/articles\/[a-z0-9]+$/);
  await expect(writer.getByRole("heading", { level: 1, name: "Tram line approved" })).toBeVisible();
  await expect(writer.getByLabel("Headline")).toHaveValue("Tram line approved");
  await expect(writer.getByLabel("Standfirst")).toHaveValue("Work starts in May.");
  await expect(body(writer).locator("h2")).toHaveText(["News", "Comment"]);
  await expect(body(writer).locator("strong")).toHaveText("nine to two");

  const clipboard =
    '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1234"><p dir="ltr" style="color:#ff0000"><span style="font-weight:400">Pasted </span><span style="font-weight:700">bold</span><span style="font-weight:400"> and </span><a href="javascript:alert(1)"><span>unsafe</span></a><span> link</span></p><script>window.__pasted = 1</script><img src="http://other.host/x.png"></b>' +
    // What only Galley's sanitizer does: Word's list paragraphs become a list, an h1 a section heading.
    "<h1>Reaction</h1><p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>·<span>&nbsp;&nbsp;</span></span>Shops welcome it</p>";
  await caretAtEnd(writer);
  await body(writer).evaluate((element, html) => {
    const data = new DataTransfer();
    data.setData("text/html", html);
    data.setData("text/plain", "Pasted bold and unsafe link");
    element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, clipboard);
  const pasted = body(writer).locator("p", { hasText: "Pasted bold and unsafe link" });
  await expect(pasted).toHaveCount(1);
  await expect(pasted.locator("strong")).toHaveText("bold");
  await expect(pasted.locator("a, img, script, [style]")).toHaveCount(0);
  expect(await writer.evaluate(() => (window as unknown as { __pasted?: number }).__pasted)).toBeUndefined();
  await expect(body(writer).locator("h2")).toHaveText(["News", "Comment", "Reaction"]);
  await expect(body(writer).locator("ul > li")).toHaveText("Shops welcome it");
});
