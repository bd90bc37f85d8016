import { expect, test, type Page } from "@playwright/test";
import { commentsSidebar, createArticle, newPerson, signInPeople, threadCard } from "./support/flows";

/**
 * Looking after a discussion: editing your own comment, deleting a reply,
 * filtering the sidebar, and clearing the inbox. The threads are posted
 * through the JSON API (as an integration would); everything checked is
 * what the writer and the reviewer see in their browsers.
 */

const person = newPerson;

const people = {
  writer: person("maya", "Maya Lindqvist", "writer"),
  reviewer: person("owen", "Owen Achebe", "reviewer"),
};

let writer: Page;
let reviewer: Page;
let articleId: string;

const sidebar = commentsSidebar;
const showFilter = (page: Page) => sidebar(page).getByRole("combobox", { name: "Show" });

async function post(page: Page, body: Record<string, unknown>) {
  const response = await page.request.post(`/api/articles/${articleId}/comments`, { data: body });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { comment: { id: string } }).comment;
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  ({ writer, reviewer } = await signInPeople(browser, people));

  articleId = await createArticle(writer, "Ferry timetable changes");
  await writer.getByLabel("Email").fill(people.reviewer.email);
  await writer.getByLabel("Share as").selectOption("reviewer");
  await writer.getByRole("button", { name: "Share" }).click();
  await expect(writer.getByRole("region", { name: "People" })).toContainText(people.reviewer.email);

  const { user } = (await (await writer.request.get("/api/me")).json()) as { user: { id: string } };
  const note = await post(writer, { body: "Add the winter times" });
  await post(reviewer, { body: "Thanks, noted", parentId: note.id });
  const question = await post(reviewer, { body: `@[${people.writer.name}](${user.id}) is the 07:10 sailing cut?` });
  await post(writer, { body: "Checking with the operator", parentId: question.id });
  const settled = await post(reviewer, { body: "Fares are right" });
  expect((await reviewer.request.post(`/api/comments/${settled.id}/resolve`)).status()).toBe(200);

  for (const page of [writer, reviewer]) {
    await page.goto(`/articles/${articleId}`);
    await expect(threadCard(page, "Add the winter times")).toBeVisible();
  }
});

test.afterAll(async () => {
  for (const page of [writer, reviewer]) await page?.context().close();
});

/** The first comment of each card the sidebar shows, in order. */
async function shownThreads(page: Page, filter: string) {
  await showFilter(page).selectOption(filter);
  return sidebar(page)
    .locator(".thread-card")
    .evaluateAll((cards) => cards.map((card) => card.querySelector(".comment .comment-body")?.textContent ?? ""));
}

const question = `@${people.writer.name} is the 07:10 sailing cut?`;

test("the sidebar filters threads by open, resolved, mine and mentioning me", async () => {
  expect(await shownThreads(writer, "open")).toEqual(["Add the winter times", question]);
  expect(await shownThreads(writer, "resolved")).toEqual(["Fares are right"]);
  // Mine: threads holding any comment of mine, a reply included.
  expect(await shownThreads(writer, "mine")).toEqual(["Add the winter times", question]);
  expect(await shownThreads(writer, "mentions")).toEqual([question]);
  expect(await shownThreads(writer, "all")).toEqual(["Add the winter times", question, "Fares are right"]);
  // The reviewer wrote in every thread but is mentioned in none.
  expect(await shownThreads(reviewer, "mine")).toHaveLength(3);
  expect(await shownThreads(reviewer, "mentions")).toEqual([]);
  await expect(sidebar(reviewer)).toContainText("No threads under “Mentioning me”.");
  for (const page of [writer, reviewer]) await showFilter(page).selectOption("open");
});

test("the writer edits their own comment; the reviewer sees the new text live, marked edited", async () => {
  // By id: while it is edited, the card no longer shows the words it is found by.
  const id = await threadCard(writer, "Add the winter times").getAttribute("data-thread-id");
  const card = sidebar(writer).locator(`.thread-card[data-thread-id="${id}"]`);
  // Only their own comment offers Edit: the reviewer's reply in the same thread does not.
  await expect(card.getByRole("button", { name: "Edit" })).toHaveCount(1);
  await card.getByRole("button", { name: "Edit" }).click();
  const field = card.getByLabel("Edit comment");
  await expect(field).toHaveValue("Add the winter times");
  await field.fill("Add the winter and spring times");
  await card.getByRole("button", { name: "Save" }).click();
  await expect(card.getByLabel("Edit comment")).toHaveCount(0);
  await expect(card.locator(".comment").first().locator(".comment-body")).toHaveText("Add the winter and spring times");
  await expect(card.locator(".comment").first().locator(".comment__meta")).toContainText("(edited)");
  const seen = threadCard(reviewer, "Add the winter and spring times");
  await expect(seen.locator(".comment").first()).toContainText("(edited)");
  await expect(threadCard(reviewer, "Add the winter times")).toHaveCount(0);
});

test("the writer deletes their reply; the thread keeps its place marked deleted, for the reviewer too", async () => {
  const card = threadCard(writer, "is the 07:10 sailing cut?");
  const reply = card.locator(".comment").filter({ hasText: "Checking with the operator" });
  writer.once("dialog", (dialog) => void dialog.accept());
  await reply.getByRole("button", { name: "Delete" }).click();
  for (const page of [writer, reviewer]) {
    const thread = threadCard(page, "is the 07:10 sailing cut?");
    await expect(thread).not.toContainText("Checking with the operator");
    await expect(thread.locator(".comment--deleted")).toHaveText("Comment deleted");
    await expect(thread.locator(".comment")).toHaveCount(2);
  }
});

test("Mark all read in the inbox takes the header's unread count to 0", async () => {
  const inbox = writer.getByRole("link", { name: "Inbox, 1 unread" });
  await expect(inbox).toBeVisible();
  await inbox.click();
  await expect(writer.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
  await expect(writer.getByText("1 unread", { exact: true })).toBeVisible();
  await writer.getByRole("button", { name: "Mark all read" }).click();
  await expect(writer.getByRole("link", { name: "Inbox, 0 unread" })).toBeVisible();
  await expect(writer.getByText("All read.")).toBeVisible();
  await expect(writer.getByRole("button", { name: "Mark all read" })).toBeDisabled();
  // Stored, not only shown: a fresh page agrees.
  await writer.reload();
  await expect(writer.getByRole("link", { name: "Inbox, 0 unread" })).toBeVisible();
});
