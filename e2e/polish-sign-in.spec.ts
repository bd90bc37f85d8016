import { expect, test, type Locator } from "@playwright/test";

/**
 * Playwright's keyboard does not switch the Caps Lock state, so these key events
 * are dispatched with the state a real keyboard would report.
 */
const pressWithCapsLock = (field: Locator, key: string, isCapsLockOn: boolean) =>
  field.dispatchEvent("keydown", { key, modifierCapsLock: isCapsLockOn });

test.describe("sign-in page", () => {
  test("the password field says when Caps Lock is on, politely, and stops when it is off", async ({ page }) => {
    await page.goto("/login");
    const password = page.getByLabel("Password");
    const hint = page.getByText("Caps Lock is on");
    await password.fill("secret");
    await expect(hint).toHaveCount(0);

    // Retried until the page is interactive: a key before hydration has no listener yet.
    await expect(async () => {
      await pressWithCapsLock(password, "CapsLock", true);
      await expect(hint).toBeVisible({ timeout: 500 });
    }).toPass();
    await expect(password).toHaveAccessibleDescription("Caps Lock is on");
    // Announced by screen readers without taking the focus from the field.
    await expect(page.locator("[aria-live='polite']").filter({ hasText: "Caps Lock is on" })).toHaveCount(1);
    await expect(password).toBeFocused();

    await pressWithCapsLock(password, "a", false);
    await expect(hint).toHaveCount(0);
    await expect(password).not.toHaveAccessibleDescription("Caps Lock is on");

    await pressWithCapsLock(password, "A", true);
    await expect(hint).toBeVisible();
    // Leaving the field clears it: the hint is about what is being typed there.
    await page.getByLabel("Email").focus();
    await expect(hint).toHaveCount(0);
  });

  test("the Caps Lock hint does not move the form", async ({ page }) => {
    await page.goto("/login");
    const password = page.getByLabel("Password");
    const button = page.getByRole("button", { name: "Sign in" });
    const before = await button.boundingBox();
    await expect(async () => {
      await pressWithCapsLock(password, "CapsLock", true);
      await expect(page.getByText("Caps Lock is on")).toBeVisible({ timeout: 500 });
    }).toPass();
    expect(await button.boundingBox()).toEqual(before);
  });
});
