import { expect, test } from "@playwright/test";
import { alertSaying, signIn, signInAsAdmin, uniqueEmail } from "./support/flows";
import { admin } from "./support/settings";

test.describe("signing in", () => {
  test("a wrong password shows one clear message and no hint about the account", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(alertSaying(page, "Incorrect email or password.")).toBeVisible();
    await expect(page).toHaveURL(/\/login/);

    // An address nobody has gets the very same words.
    await page.getByLabel("Email").fill(uniqueEmail("nobody"));
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(alertSaying(page, "Incorrect email or password.")).toBeVisible();
  });

  test("repeated failures lock the account for a while", async ({ page }) => {
    const email = uniqueEmail("locked");
    await page.goto("/login");
    for (let attempt = 1; attempt <= 5; attempt++) {
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(`wrong-${attempt}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(alertSaying(page, "Incorrect email or password.")).toBeVisible();
      await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
    }
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("wrong-again");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(alertSaying(page, "Too many failed sign-in attempts. Try again in a few minutes.")).toBeVisible();
  });

  test("a signed-out visitor is sent to /login and comes back to the page they asked for", async ({ page }) => {
    await page.goto("/admin/audit");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fadmin%2Faudit$/);
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL("/admin/audit");
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  });

  test("a callbackUrl to another site is ignored", async ({ page }) => {
    await page.goto("/login?callbackUrl=https%3A%2F%2Fevil.example%2F");
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL("/");
  });

  test("signing out ends the session", async ({ page }) => {
    await signInAsAdmin(page);
    await expect(page.getByRole("banner")).toContainText(admin.name);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  });

  test("next-auth's own pages never show", async ({ page }) => {
    await page.goto("/api/auth/signin");
    await expect(page).toHaveURL(/\/login/);
    await signIn(page, admin.email, admin.password);
    await page.goto("/api/auth/signout");
    await expect(page).toHaveURL(/\/signout/);
    await expect(page.getByRole("heading", { name: "Sign out of Galley?" })).toBeVisible();
  });
});
