import { expect, test } from "@playwright/test";
import { addUser, alertSaying, createArticle, signInAsAdmin, signedInPage, uniqueEmail } from "./support/flows";

test.describe("roles", () => {
  test("an admin adds a reviewer, who sees the dashboard and is refused /admin/users", async ({ page, browser }) => {
    await signInAsAdmin(page);
    const reviewer = { name: "Rita Reviewer", email: uniqueEmail("rita"), role: "reviewer" as const, password: "rita-password-93" };
    await addUser(page, reviewer);
    const row = page.getByRole("row", { name: new RegExp(reviewer.email) });
    await expect(row).toContainText("Active");
    await expect(row.getByRole("combobox", { name: `Role of ${reviewer.name}` })).toHaveValue("reviewer");

    const reviewerPage = await signedInPage(browser, reviewer.email, reviewer.password);
    const header = reviewerPage.getByRole("banner");
    await expect(header).toContainText(reviewer.name);
    await expect(header).toContainText("Reviewer");
    await expect(header.getByRole("link", { name: "Users" })).toHaveCount(0);
    // Reviewers cannot start articles, so the form is not offered.
    await expect(reviewerPage.getByRole("region", { name: "New article" })).toHaveCount(0);

    const response = await reviewerPage.goto("/admin/users");
    expect(response?.status()).toBe(403);
    await expect(reviewerPage.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    await expect(reviewerPage.getByRole("table")).toHaveCount(0);
    await expect(reviewerPage).toHaveTitle("No access · Galley");

    const audit = await reviewerPage.goto("/admin/audit");
    expect(audit?.status()).toBe(403);
    await reviewerPage.context().close();
  });

  test("a writer cannot see another writer's unshared article, until it is shared", async ({ page, browser }) => {
    await signInAsAdmin(page);
    const wanda = { name: "Wanda Writer", email: uniqueEmail("wanda"), role: "writer" as const, password: "wanda-password-1" };
    const walt = { name: "Walt Writer", email: uniqueEmail("walt"), role: "writer" as const, password: "walt-password-22" };
    await addUser(page, wanda);
    await addUser(page, walt);

    const wandaPage = await signedInPage(browser, wanda.email, wanda.password);
    const title = `Harbour dredging costs ${Date.now()}`;
    const articleId = await createArticle(wandaPage, title);

    const waltPage = await signedInPage(browser, walt.email, walt.password);
    await expect(waltPage.getByRole("link", { name: title })).toHaveCount(0);
    const refused = await waltPage.goto(`/articles/${articleId}`);
    expect(refused?.status()).toBe(403);
    await expect(waltPage.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();

    // Wanda shares it with Walt as co-author: now he sees it.
    await wandaPage.getByLabel("Email").fill(walt.email);
    await wandaPage.getByLabel("Share as").selectOption("author");
    await wandaPage.getByRole("button", { name: "Share" }).click();
    await expect(wandaPage.getByRole("status")).toContainText("Walt Writer is now an author");
    await expect(wandaPage.getByRole("region", { name: "People" })).toContainText(walt.email);

    await waltPage.goto("/");
    await expect(waltPage.getByRole("link", { name: title })).toBeVisible();
    const allowed = await waltPage.goto(`/articles/${articleId}`);
    expect(allowed?.status()).toBe(200);
    await wandaPage.context().close();
    await waltPage.context().close();
  });

  test("disabling a user ends their session on the next request, and the audit log records it", async ({ page, browser }) => {
    page.on("dialog", (dialog) => dialog.accept());
    await signInAsAdmin(page);
    const ed = { name: "Ed Editor", email: uniqueEmail("ed"), role: "editor" as const, password: "ed-password-777" };
    await addUser(page, ed);
    const edPage = await signedInPage(browser, ed.email, ed.password);

    const row = page.getByRole("row", { name: new RegExp(ed.email) });
    await row.getByRole("button", { name: "Disable" }).click();
    await expect(page.getByText(`${ed.name} is disabled and signed out everywhere.`)).toBeVisible();
    await expect(row).toContainText("Disabled");

    await edPage.goto("/");
    await expect(edPage).toHaveURL(/\/login/);
    await edPage.context().close();

    await page.goto("/admin/audit");
    const entry = page.getByRole("row", { name: /Disabled user/ }).filter({ hasText: ed.email }).first();
    await expect(entry).toContainText("disabled");
    await expect(entry).toContainText("false");
    await expect(entry).toContainText("true");
  });

  test("the last active admin cannot be demoted, and the page says why", async ({ page }) => {
    await signInAsAdmin(page);
    await page.goto("/admin/users");
    // No spec adds another admin, so the first one is the last active admin.
    const row = page.getByRole("row", { name: /admin@example\.test/ });
    page.on("dialog", (dialog) => dialog.accept());
    await row.getByRole("combobox").selectOption("editor");
    await row.getByRole("button", { name: "Save" }).click();
    await expect(alertSaying(page, "The last active administrator cannot be demoted.")).toBeVisible();
  });
});
