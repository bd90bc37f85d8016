import { expect, test } from "@playwright/test";
import { createArticle, focusSearchWhenInteractive, signInAsAdmin } from "./support/flows";

test.describe("dashboard filters", () => {
  test("Apply says the list is loading until the filtered list arrives, without moving anything", async ({ page }) => {
    await signInAsAdmin(page);
    await createArticle(page, "Ferry timetable changes for the winter");
    await page.goto("/");
    // Wait until the page is interactive, or Apply would load the page the old way.
    await focusSearchWhenInteractive(page);
    const filters = page.getByRole("search", { name: "Filter articles" });
    const apply = filters.getByRole("button", { name: "Apply" });
    const list = page.getByRole("table");
    await expect(filters).not.toHaveAttribute("aria-busy", "true");

    // Hold the filtered list back until the pending state has been checked.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(
      (url) => url.pathname === "/" && url.searchParams.get("status") === "draft",
      async (route) => {
        await held;
        await route.continue();
      },
    );

    const applyBox = await apply.boundingBox();
    const listBox = await list.boundingBox();
    await filters.getByLabel("Status").selectOption("draft");
    await apply.click();
    await expect(filters).toHaveAttribute("aria-busy", "true");
    await expect(apply).toBeDisabled();
    await expect(filters.getByText("Loading articles…")).toBeAttached();
    expect(await apply.boundingBox()).toEqual(applyBox);
    expect(await list.boundingBox()).toEqual(listBox);

    release();
    await expect(page).toHaveURL(/status=draft/);
    await expect(filters).toHaveAttribute("aria-busy", "false");
    await expect(apply).toBeEnabled();
    await expect(filters.getByText("Loading articles…")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Ferry timetable changes for the winter" }).first()).toBeVisible();
  });
});
