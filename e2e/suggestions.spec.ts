import { expect, test, type Page } from "@playwright/test";
import { body, bodyText, caretAtEnd, selectInBody } from "./support/editor";
import { createArticle, newPerson, shareOpenArticle, signInPeople } from "./support/flows";

const reviewCard = (page: Page) => page.getByRole("region", { name: "Review" });
const statusBadge = (page: Page) => page.locator(".article-page__header .badge");
const panel = (page: Page) => page.getByRole("complementary", { name: "Suggestions" });
/** The accepted text: what readers would see (suggested insertions left out, suggested deletions kept). */
const acceptedText = (page: Page) =>
  body(page).evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    copy.querySelectorAll("ins.suggestion, .collaboration-carets__caret").forEach((node) => node.remove());
    return copy.innerText.replace(/\s+/g, " ").trim();
  });

/**
 * The writer's new article, with what `write` puts in it, shared with the
 * reviewer; both pages then have it open, the reviewer's showing `shows`.
 */
async function articleInReview(writer: Page, reviewer: Page, reviewerEmail: string, title: string, shows: string, write: () => Promise<void>): Promise<string> {
  const id = await createArticle(writer, title);
  await write();
  await expect(writer.getByText("Saved", { exact: true })).toBeVisible();
  await shareOpenArticle(writer, reviewerEmail, "reviewer");
  await writer.goto(`/articles/${id}`);
  await reviewer.goto(`/articles/${id}`);
  await expect(body(reviewer)).toContainText(shows);
  return id;
}

/**
 * Suggesting in Chromium, over the real server: a reviewer replaces a word
 * and strikes a phrase, the writer sees both live in the text and as cards,
 * an approval does not wait for them but publishing does, the writer
 * accepts one and rejects the other, and every page ends with the same text.
 */
test("a reviewer suggests a replacement and a deletion; the writer accepts one and rejects the other; open suggestions block publishing", async ({ browser }) => {
  test.setTimeout(150_000);
  const people = {
    writer: newPerson("sana", "Sana Writer", "writer"),
    reviewer: newPerson("ravi", "Ravi Reviewer", "reviewer"),
    editor: newPerson("edda", "Edda Editor", "editor"),
  };
  const { writer, reviewer, editor } = await signInPeople(browser, people);
  const id = await articleInReview(writer, reviewer, people.reviewer.email, "Flood warning", "forty feet", async () => {
    await writer.getByLabel("Headline").fill("River flood warning");
    await caretAtEnd(writer);
    await writer.keyboard.type("The river rose forty feet overnight in the valley.");
  });
  await expect(reviewer.getByText("Suggesting", { exact: true })).toBeVisible();
  await expect(reviewer.getByRole("toolbar")).toHaveCount(0);

  // A replacement, typed over the selected word; a deletion, with Backspace over a selected phrase.
  await selectInBody(reviewer, "forty");
  await reviewer.keyboard.type("40");
  await selectInBody(reviewer, " in the valley");
  await reviewer.keyboard.press("Backspace");
  // And one in the headline: typed at its end.
  await reviewer.getByLabel("Headline").click();
  await reviewer.getByLabel("Headline").press("End");
  await reviewer.keyboard.type(" issued");
  await expect(reviewer.getByText("Saved", { exact: true })).toBeVisible();

  // Live on the writer's page, marked in the text.
  await expect(body(writer).locator("ins.suggestion")).toHaveText("40");
  await expect(body(writer).locator("del.suggestion")).toHaveText(["forty", " in the valley"]);
  expect(await acceptedText(writer)).toContain("The river rose forty feet overnight in the valley.");
  await expect(writer.getByLabel("Headline")).toHaveValue("River flood warning issued");
  await expect(writer.locator(".field-suggestion--insert")).toHaveCount(1);

  // Formatting cannot be suggested: Ctrl+B makes nothing bold, and the reviewer is told so.
  await selectInBody(reviewer, "overnight");
  await reviewer.keyboard.press("Control+b");
  await expect(reviewer.getByRole("status").filter({ hasText: "Formatting, links" })).toBeVisible();
  await expect(body(reviewer).locator("strong")).toHaveCount(0);

  // The writer submits; the reviewer approves though suggestions are open; the desk cannot publish yet.
  await reviewCard(writer).getByRole("group", { name: "Reviewers" }).getByLabel("Ravi Reviewer").check();
  await reviewCard(writer).getByRole("button", { name: "Submit for review" }).click();
  await expect(statusBadge(writer)).toHaveText("In review");
  await reviewer.reload();
  await reviewCard(reviewer).getByRole("button", { name: "Approve", exact: true }).click();
  await expect(statusBadge(reviewer)).toHaveText("Approved");
  await editor.goto(`/articles/${id}`);
  await expect(reviewCard(editor).getByRole("list", { name: "3 open suggestions" })).toContainText("Replace “forty” with “40”");
  await reviewCard(editor).getByRole("button", { name: "Publish" }).click();
  await expect(reviewCard(editor).getByRole("alert")).toContainText("3 suggestions are still open");
  await expect(statusBadge(editor)).toHaveText("Approved");

  // The writer decides them from the cards.
  await writer.reload();
  await writer.getByRole("button", { name: "Suggestions (3)" }).click();
  await expect(panel(writer).getByText("Add “ issued”")).toBeVisible();
  await expect(panel(writer).getByText("In the headline")).toBeVisible();
  await expect(panel(writer).getByText("Replace “forty” with “40”")).toBeVisible();
  await expect(panel(writer).getByText("Delete “ in the valley”")).toBeVisible();
  await expect(panel(writer).getByText("Ravi Reviewer").first()).toBeVisible();
  await writer.screenshot({ path: test.info().outputPath("suggestions-panel.png") });
  await panel(writer).getByRole("button", { name: "Accept: Replace “forty” with “40”" }).click();
  await panel(writer).getByRole("button", { name: "Reject: Delete “ in the valley”" }).click();
  await panel(writer).getByRole("button", { name: "Accept: Add “ issued”" }).click();
  await expect(panel(writer).getByText("No open suggestions.")).toBeVisible();

  const expected = "The river rose 40 feet overnight in the valley.";
  for (const page of [writer, reviewer, editor]) {
    await expect.poll(() => bodyText(page)).toContain(expected);
    await expect(body(page).locator("ins.suggestion, del.suggestion")).toHaveCount(0);
    await expect(page.getByLabel("Headline")).toHaveValue("River flood warning issued");
    await expect(page.locator(".field-suggestion")).toHaveCount(0);
  }
  await panel(writer).getByText("Resolved (3)").click();
  await expect(panel(writer)).toContainText("Accepted by Sana Writer");
  await expect(panel(writer)).toContainText("Rejected by Sana Writer");

  // Accepting changed the approved words: the approval went stale; approved again, the desk publishes.
  await reviewer.reload();
  await expect(statusBadge(reviewer)).toHaveText("In review");
  await reviewCard(reviewer).getByRole("button", { name: /Approve/ }).first().click();
  await expect(statusBadge(reviewer)).toHaveText("Approved");
  await editor.reload();
  await reviewCard(editor).getByRole("button", { name: "Publish" }).click();
  await expect(statusBadge(editor)).toHaveText("Published");
});

/**
 * Paragraphs as suggestions: Enter suggests a new paragraph and Backspace at
 * a paragraph's start suggests joining it to the one before; both show as
 * pilcrows on the writer's page at once, and only accepting changes the
 * blocks.
 */
test("a reviewer suggests a new paragraph and a join; the writer accepts the one and rejects the other", async ({ browser }) => {
  test.setTimeout(120_000);
  const people = { writer: newPerson("sami", "Sami Writer", "writer"), reviewer: newPerson("rhea", "Rhea Reviewer", "reviewer") };
  const { writer, reviewer } = await signInPeople(browser, people);
  await articleInReview(writer, reviewer, people.reviewer.email, "Storm", "Schools are shut.", async () => {
    await caretAtEnd(writer);
    await writer.keyboard.type("Rain fell all night. The river rose.");
    await writer.keyboard.press("Enter");
    await writer.keyboard.type("Schools are shut.");
  });

  await selectInBody(reviewer, "The river rose.");
  await reviewer.keyboard.press("ArrowLeft");
  await reviewer.keyboard.press("Enter");
  // Typed after the break, then taken back: the break stays, a suggestion of its own.
  await reviewer.keyboard.type("Then");
  for (let i = 0; i < "Then".length; i++) await reviewer.keyboard.press("Backspace");
  await selectInBody(reviewer, "Schools");
  await reviewer.keyboard.press("ArrowLeft");
  await reviewer.keyboard.press("Backspace");
  await expect(reviewer.getByText("Saved", { exact: true })).toBeVisible();

  // The writer's page shows both at once; the paragraphs themselves are as they were.
  await expect(body(writer).locator(".suggestion-marker--break")).toHaveCount(1);
  await expect(body(writer).locator(".suggestion-marker--join")).toHaveCount(1);
  await expect(body(writer).locator("p")).toHaveCount(2);
  await writer.getByRole("button", { name: "Suggestions (2)" }).click();
  await expect(panel(writer).getByText("Remove a paragraph break")).toBeVisible();
  await writer.screenshot({ path: test.info().outputPath("paragraph-suggestions.png") });
  await panel(writer).getByRole("button", { name: "Accept: Add a paragraph break" }).click();
  await panel(writer).getByRole("button", { name: "Reject: Remove a paragraph break" }).click();
  await expect(panel(writer).getByText("No open suggestions.")).toBeVisible();

  for (const page of [writer, reviewer]) {
    await expect.poll(() => bodyText(page)).toMatch(/^Rain fell all night\. ?\nThe river rose\.\nSchools are shut\.$/m);
    await expect(body(page).locator(".suggestion-marker")).toHaveCount(0);
  }
});

/**
 * An input method (Japanese here, through Chromium's own composition
 * events) composes a word in several steps; in suggesting mode the whole
 * word arrives as one suggestion, in the body and in the headline.
 */
test("text composed with an input method becomes one suggestion, in the body and the headline", async ({ browser }) => {
  const people = { writer: newPerson("kenji", "Kenji Writer", "writer"), reviewer: newPerson("yui", "Yui Reviewer", "reviewer") };
  const { writer, reviewer } = await signInPeople(browser, people);
  await articleInReview(writer, reviewer, people.reviewer.email, "Tokyo", "Markets opened higher.", async () => {
    await writer.getByLabel("Headline").fill("Tokyo news");
    await caretAtEnd(writer);
    await writer.keyboard.type("Markets opened higher.");
  });

  const compose = async () => {
    const ime = await reviewer.context().newCDPSession(reviewer);
    for (const text of ["に", "にほ", "にほん", "日本"]) await ime.send("Input.imeSetComposition", { text, selectionStart: text.length, selectionEnd: text.length });
    await ime.send("Input.insertText", { text: "日本" });
    await ime.detach();
  };
  await caretAtEnd(reviewer);
  await compose();
  await reviewer.getByLabel("Headline").click();
  await reviewer.getByLabel("Headline").press("End");
  await compose();
  await expect(reviewer.getByText("Saved", { exact: true })).toBeVisible();

  await expect(body(writer).locator("ins.suggestion")).toHaveText("日本");
  await expect(writer.getByLabel("Headline")).toHaveValue("Tokyo news日本");
  await expect(writer.locator(".field-suggestion--insert")).toHaveCount(1);
  await writer.getByRole("button", { name: "Suggestions (2)" }).click();
  await expect(panel(writer).getByText("Add “日本”")).toHaveCount(2);
});
