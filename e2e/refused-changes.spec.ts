import { expect, test } from "@playwright/test";
import { body, bodyText, caretAtEnd } from "./support/editor";
import { createArticle, newPerson, shareOpenArticle, signInPeople } from "./support/flows";

/**
 * A writer edits offline; meanwhile the owner makes them a reviewer. When
 * they come back, the server refuses those edits: the page says so, offers
 * the text to copy, and shows the article as the server stores it, now and
 * after a reload. In Chromium, over the real server.
 */

test("edits made offline by someone who may no longer edit are refused, said plainly, copyable, and gone from the page", async ({ browser }) => {
  test.setTimeout(120_000);
  const people = { owner: newPerson("olga", "Olga Owner", "writer"), colleague: newPerson("carl", "Carl Colleague", "writer") };
  const { owner, colleague: firstPage } = await signInPeople(browser, people);
  let colleague = firstPage;

  const id = await createArticle(owner, "Ferry timetable");
  await shareOpenArticle(owner, people.colleague.email, "author");
  await owner.goto(`/articles/${id}`);
  await expect(body(owner).locator("h2")).toHaveText("News");
  await caretAtEnd(owner);
  await owner.keyboard.type("Sailings resume on Monday.");
  await expect(owner.getByText("Saved", { exact: true })).toBeVisible();

  // The colleague opens it, then loses the server: what they type stays in their browser's copy.
  await colleague.goto(`/articles/${id}`);
  await expect(body(colleague)).toContainText("Sailings resume on Monday.");
  let isServerReachable = false;
  await colleague.routeWebSocket(/\/collab\//, (socket) => {
    if (isServerReachable) socket.connectToServer();
    else socket.close({ code: 1012, reason: "unreachable" });
  });
  await colleague.reload();
  await expect(body(colleague)).toContainText("Sailings resume on Monday.");
  await caretAtEnd(colleague);
  await colleague.keyboard.type(" Fares go up by a fifth.");
  await expect(colleague.getByText(/Offline — \d+ changes? not yet saved/)).toBeVisible();

  // Meanwhile the owner makes them a reviewer. They close the page and come back to the article later,
  // with the server reachable: a new page, so the offline one cannot reconnect first, halfway through a reload.
  await shareOpenArticle(owner, people.colleague.email, "reviewer");
  const context = colleague.context();
  await colleague.close({ runBeforeUnload: true });
  isServerReachable = true;
  colleague = await context.newPage();
  await colleague.setViewportSize({ width: 1400, height: 900 });
  await colleague.goto(`/articles/${id}`);

  // As a reviewer of a draft they may still suggest: their plain edits are refused, and they go on suggesting.
  const notice = colleague.getByRole("alert").filter({ hasText: "Your last change could not be saved: you can suggest changes to this article's text, not make them" });
  await expect(notice).toBeVisible();
  await expect.poll(() => bodyText(colleague)).toBe("News\nSailings resume on Monday.");
  await expect(colleague.getByText("Suggesting", { exact: true })).toBeVisible();
  // Back online and synced: "Saved" once the server has acknowledged the page's answer to its request for changes, "Connected" before.
  await expect(colleague.getByText(/^(Connected|Saved)$/)).toBeVisible();
  await notice.getByText("The text that was not saved", { exact: true }).click();
  await expect(notice.getByLabel("The text that was not saved")).toHaveValue("Fares go up by a fifth.");
  await expect(notice.getByRole("button", { name: "Copy the text that was not saved" })).toBeVisible();
  await expect(body(owner)).not.toContainText("Fares go up");
  // A picture of the notice, for a person to look at.
  await colleague.screenshot({ path: test.info().outputPath("refused-changes.png") });

  await notice.getByRole("button", { name: "Dismiss" }).click();
  await expect(notice).toHaveCount(0);

  // The browser's copy holds the stored article only: a reload shows it, with nothing to refuse.
  await colleague.reload();
  await expect(body(colleague)).toContainText("Sailings resume on Monday.");
  // A suggester's page answers the server's request for its changes (it has none): "Saved" as a writer's would.
  await expect(colleague.getByText(/^(Connected|Saved)$/)).toBeVisible();
  await expect(colleague.getByRole("alert").filter({ hasText: "could not be saved" })).toHaveCount(0);
  expect(await bodyText(colleague)).toBe("News\nSailings resume on Monday.");
});
