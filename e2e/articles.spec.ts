import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { addUser, createArticle, focusSearchWhenInteractive, signedInPage, signInAsAdmin, uniqueEmail } from "./support/flows";

test.describe("articles dashboard", () => {
  test("an admin creates an article and it appears on the dashboard, newest first", async ({ page }) => {
    await signInAsAdmin(page);
    const title = "Night bus routes cut in three districts";
    const id = await createArticle(page, title);
    await expect(page.getByRole("main")).toContainText("Draft");
    await expect(page.getByRole("main")).toContainText("Administrator");

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Articles" }).click();
    const firstRow = page.getByRole("table").getByRole("row").nth(1);
    await expect(firstRow.getByRole("link", { name: title })).toHaveAttribute("href", `/articles/${id}`);
    await expect(firstRow).toContainText("Draft");
    await expect(firstRow.getByRole("time")).toHaveText("just now");
  });

  test("a title is required, and the server says so under the field", async ({ page }) => {
    await signInAsAdmin(page);
    const form = page.getByRole("region", { name: "New article" });
    await form.getByLabel("Title").fill("   ");
    await form.getByRole("button", { name: "Create article" }).click();
    await expect(form.getByText("Title is required.")).toBeVisible();
    await expect(page).toHaveURL("/");
  });

  test("search and status filter live in the URL and say when nothing matches", async ({ page }) => {
    await signInAsAdmin(page);
    await createArticle(page, "Zebra crossing approved for Mill Lane");
    await page.goto("/");
    // "/" jumps to the search from anywhere on the page (once the page is interactive).
    await focusSearchWhenInteractive(page);
    await page.getByLabel("Search titles").fill("ZEBRA");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/[?&]q=ZEBRA/);
    const rows = page.getByRole("table").getByRole("row");
    await expect(rows.first()).toBeVisible();
    for (const row of (await rows.all()).slice(1)) await expect(row).toContainText("Zebra crossing");

    await page.getByLabel("Status").selectOption("draft");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/status=draft/);
    await expect(page.getByRole("link", { name: "Zebra crossing approved for Mill Lane" }).first()).toBeVisible();

    await page.goto("/?q=zebra&status=published");
    await expect(page.getByRole("heading", { name: "No articles match" })).toBeVisible();
    await page.getByRole("link", { name: "Show all articles" }).click();
    await expect(page).toHaveURL("/");
  });

  test("a new writer sees the empty state, not an empty table", async ({ page, browser }) => {
    await signInAsAdmin(page);
    const newcomer = { name: "Nia Newcomer", email: uniqueEmail("nia"), role: "writer" as const, password: "nia-password-55" };
    await addUser(page, newcomer);
    const writerPage = await signedInPage(browser, newcomer.email, newcomer.password);
    await expect(writerPage.getByRole("heading", { name: "No articles yet" })).toBeVisible();
    await expect(writerPage.getByRole("table")).toHaveCount(0);
    // Nothing to search yet, so no search form either.
    await expect(writerPage.getByRole("search", { name: "Filter articles" })).toHaveCount(0);
    await writerPage.context().close();
  });

  test("the page says so while the browser is offline, and stops when it is back", async ({ page }) => {
    await signInAsAdmin(page);
    await page.context().setOffline(true);
    await expect(page.getByRole("alert").filter({ hasText: "You are offline." })).toBeVisible();
    await page.context().setOffline(false);
    await expect(page.getByText("You are offline.")).toHaveCount(0);
  });

  test("the JSON API answers with the session cookie, and 401 JSON without it", async ({ page, playwright, baseURL }) => {
    await signInAsAdmin(page);
    const me = await page.request.get("/api/me");
    expect(me.status()).toBe(200);
    expect((await me.json()).user).toMatchObject({ email: "admin@example.test", role: "admin" });
    const created = await page.request.post("/api/articles", { data: { title: "Reader questions on the council tax rise" } });
    expect(created.status()).toBe(201);
    const { article } = await created.json();
    const list = await (await page.request.get("/api/articles?q=council tax")).json();
    expect(list.articles.map((a: { id: string }) => a.id)).toContain(article.id);
    const oversized = await page.request.post("/api/articles", { data: { title: "x".repeat(100_000) } });
    expect(oversized.status()).toBe(413);
    expect(await oversized.json()).toMatchObject({ error: "payload_too_large" });

    const anonymous = await playwright.request.newContext({ baseURL });
    const refused = await anonymous.get("/api/articles");
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toMatchObject({ error: "unauthorized" });
    await anonymous.dispose();
  });

  test("the dashboard with a few articles (README screenshot)", async ({ page, browser }) => {
    await signInAsAdmin(page);
    const writer = { name: "Amara Okafor", email: uniqueEmail("amara"), role: "writer" as const, password: "amara-password-8" };
    const colleague = { name: "Tom Lindqvist", email: uniqueEmail("tom"), role: "writer" as const, password: "tom-password-808" };
    await addUser(page, writer);
    await addUser(page, colleague);
    const writerPage = await signedInPage(browser, writer.email, writer.password);
    for (const title of ["Flood defences delayed again", "Interview: the last ferry captain"]) {
      await createArticle(writerPage, title);
    }
    await createArticle(writerPage, "Schools face a winter heating bill");
    await writerPage.getByLabel("Email").fill(colleague.email);
    await writerPage.getByRole("button", { name: "Share" }).click();
    await expect(writerPage.getByRole("status")).toContainText("is now an author");
    await writerPage.context().close();
    await createArticle(page, "Market square plans go to public vote");

    await page.goto("/");
    await expect(page.getByRole("link", { name: "Schools face a winter heating bill" })).toBeVisible();
    const file = path.resolve("docs/screenshots/dashboard.png");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: file, fullPage: true });
  });
});
