import { execFileSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { body, caretAtEnd } from "./support/editor";
import { createArticle, newPerson, signInAsAdmin, signInPeople } from "./support/flows";

/** `npx galley …` on the server's store, as an operator staffs desks. */
function galley(args: string[]): string {
  return execFileSync(process.execPath, ["bin/galley.mjs", ...args], { env: { ...process.env, DATA_DIR: process.env.GALLEY_E2E_DATA_DIR }, encoding: "utf8" });
}

const reviewCard = (page: Page) => page.getByRole("region", { name: "Review" });
const statusBadge = (page: Page) => page.locator(".article-page__header .badge");
const signoff = (page: Page, name: string) => reviewCard(page).getByRole("list", { name: "Sign-offs" }).getByRole("listitem").filter({ hasText: name });

/**
 * The newsroom's review in Chromium: a writer submits to a reviewer and the
 * Legal desk, the reviewer asks for changes, the writer makes them, both sign
 * off, a later edit makes the approvals stale (with the changes since), the
 * reviewer approves again in one click, the editor publishes.
 */
test("submit to a reviewer and a desk, changes requested, approved, stale after an edit, approved again, published", async ({ browser }) => {
  test.setTimeout(120_000);
  const people = {
    writer: newPerson("mia", "Mia Writer", "writer"),
    reviewer: newPerson("noor", "Noor Reviewer", "reviewer"),
    lawyer: newPerson("omar", "Omar Lawyer", "reviewer"),
    editor: newPerson("pia", "Pia Editor", "editor"),
  };
  const { writer, reviewer, lawyer, editor } = await signInPeople(browser, people);
  const legal = `Legal ${people.lawyer.email.split("@")[0]}`;
  galley(["desk", "create", "--name", legal]);
  galley(["desk", "add", "--name", legal, "--email", people.lawyer.email]);

  const id = await createArticle(writer, "Council budget");
  await caretAtEnd(writer);
  await writer.keyboard.type("The council agreed the budget.");
  await expect(writer.getByText("Saved", { exact: true })).toBeVisible();

  await reviewCard(writer).getByRole("group", { name: "Reviewers" }).getByLabel("Noor Reviewer").check();
  await reviewCard(writer).getByLabel(legal).check();
  await reviewCard(writer).screenshot({ path: test.info().outputPath("submit-for-review.png") });
  await reviewCard(writer).getByRole("button", { name: "Submit for review" }).click();
  await expect(reviewCard(writer).getByRole("status")).toContainText("Sent for review");
  await expect(statusBadge(writer)).toHaveText("In review");
  await expect(signoff(writer, "Noor Reviewer")).toContainText("Waiting");
  await expect(signoff(writer, `${legal} desk`)).toContainText("Waiting");

  // The desk member finds it under "Waiting for me".
  await lawyer.goto("/?waiting=1");
  await expect(lawyer.getByRole("link", { name: "Council budget" })).toBeVisible();
  await expect(lawyer.getByLabel("Waiting for me")).toBeChecked();

  // The reviewer asks for changes; the writer's open page shows it without a reload.
  // The reviewer finds the request in their inbox, and it leads to the article's Review card.
  await reviewer.goto("/inbox");
  await reviewer.getByRole("link", { name: /Mia Writer asked for your sign-off on Council budget/ }).click();
  await reviewer.waitForURL(new RegExp(`/articles/${id}`));
  await expect(body(reviewer)).toContainText("The council agreed the budget.");
  await reviewCard(reviewer).getByLabel("Note", { exact: true }).fill("Say where the figures come from.");
  await reviewCard(reviewer).getByRole("button", { name: "Request changes" }).click();
  await expect(statusBadge(reviewer)).toHaveText("Changes requested");
  await expect(signoff(writer, "Noor Reviewer")).toContainText("Say where the figures come from.");
  await expect(statusBadge(writer)).toHaveText("Changes requested");

  await caretAtEnd(writer);
  await writer.keyboard.type(" Figures from the council's own report.");
  await expect(writer.getByText("Saved", { exact: true })).toBeVisible();
  await reviewCard(writer).getByRole("button", { name: "Submit again" }).click();
  await expect(statusBadge(writer)).toHaveText("In review");

  await reviewer.reload();
  await reviewCard(reviewer).getByRole("button", { name: "Approve", exact: true }).click();
  await expect(signoff(reviewer, "Noor Reviewer")).toContainText(/Approved version \d+/);
  await lawyer.goto(`/articles/${id}`);
  await reviewCard(lawyer).getByRole("button", { name: "Approve", exact: true }).click();
  await expect(statusBadge(lawyer)).toHaveText("Approved");
  await expect(signoff(lawyer, `${legal} desk`)).toContainText("by Omar Lawyer");

  // An edit after approval: the approvals no longer count, live on the reviewer's page, with the changes since.
  await expect(statusBadge(writer)).toHaveText("Approved");
  await caretAtEnd(writer);
  await writer.keyboard.type(" It rises by 4%.");
  await expect(writer.getByText("Saved", { exact: true })).toBeVisible();
  await expect(statusBadge(reviewer)).toHaveText("In review", { timeout: 15_000 });
  await expect(signoff(reviewer, "Noor Reviewer")).toContainText("Approved an earlier version");
  await expect(reviewer.getByRole("status").filter({ hasText: "Changed since you approved" })).toContainText("+4 −0 words");
  await signoff(reviewer, "Noor Reviewer").getByRole("link", { name: "Show changes since approval" }).click();
  await expect(reviewer.locator(".compare-view ins").first()).toContainText("It rises by 4%.");
  await reviewer.goBack();
  await reviewCard(reviewer).getByRole("button", { name: "Approve again" }).click();
  await expect(signoff(reviewer, "Noor Reviewer")).toContainText(/Approved version \d+/);

  // Publishing needs every sign-off current: the desk's is still stale.
  await editor.goto(`/articles/${id}`);
  await expect(reviewCard(editor).getByRole("button", { name: "Publish" })).toHaveCount(0);
  await lawyer.reload();
  await reviewCard(lawyer).getByRole("button", { name: "Approve again" }).click();
  await expect(statusBadge(editor)).toHaveText("Approved");
  await reviewCard(editor).getByRole("button", { name: "Publish" }).click();
  await expect(statusBadge(editor)).toHaveText("Published");
  await expect(reviewCard(editor)).toContainText(/Published version \d+/);
  const timeline = editor.getByRole("list", { name: "Timeline, newest first" });
  await expect(timeline.getByRole("listitem").first()).toContainText(/Pia Editor published version \d+/);
  await expect(timeline).toContainText("Say where the figures come from.");
  await editor.screenshot({ path: test.info().outputPath("review.png"), fullPage: true });
});

test("an administrator creates a desk and staffs it at /admin/desks; nobody else may", async ({ browser }) => {
  const people = { copy: newPerson("quinn", "Quinn Copy", "reviewer"), writer: newPerson("rosa", "Rosa Writer", "writer") };
  const { writer } = await signInPeople(browser, people);
  const admin = await (await browser.newContext()).newPage();
  await signInAsAdmin(admin);
  await admin.getByRole("link", { name: "Desks" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Desks" })).toBeVisible();
  const name = `Copy ${people.copy.email.split("@")[0]}`;
  await admin.getByLabel("Name").fill(name);
  await admin.getByRole("button", { name: "Create desk" }).click();
  await expect(admin.getByRole("status")).toHaveText(`Created the ${name} desk.`);
  const card = admin.getByRole("region", { name });
  await expect(card).toContainText("Nobody is on this desk yet");
  await card.getByLabel(`Add to ${name}`).selectOption(people.copy.email);
  await card.getByRole("button", { name: "Add" }).click();
  await expect(admin.getByRole("list", { name: `${name} members` })).toContainText("Quinn Copy");
  // The same name again, in any case, is refused in words.
  await admin.getByLabel("Name").fill(name.toUpperCase());
  await admin.getByRole("button", { name: "Create desk" }).click();
  await expect(admin.getByRole("alert").filter({ hasText: "There is already a desk called" })).toBeVisible();

  await writer.goto("/admin/desks");
  await expect(writer.getByRole("heading", { level: 1 })).not.toHaveText("Desks");
  await admin.context().close();
});
