import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import type { Role } from "@/lib/db/schema";
import { admin } from "./settings";

let counter = 0;

/** An email no other test (or retry) has used in this store. */
export function uniqueEmail(label: string): string {
  counter += 1;
  return `${label}-${Date.now().toString(36)}${counter}@example.test`;
}

/** Signs in through /login as a person would, and waits for the dashboard. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Articles" })).toBeVisible();
}

/**
 * The contexts opened here, with the spec file that opened each. Playwright
 * closes only its own fixtures' contexts; these would stay open (editors,
 * sockets) for the rest of the run and slow every later spec, so they are
 * closed once another spec file opens its first one. By file, not by test:
 * a file's beforeAll may share its pages with all its tests.
 */
const opened = new Map<BrowserContext, string>();

async function newContextForThisTest(browser: Browser): Promise<BrowserContext> {
  const file = test.info().file;
  for (const [context, owner] of opened) {
    if (owner === file) continue;
    opened.delete(context);
    await context.close().catch(() => undefined);
  }
  const context = await browser.newContext();
  opened.set(context, file);
  return context;
}

/** A new browser context (its own cookies) signed in as this person. */
export async function signedInPage(browser: Browser, email: string, password: string): Promise<Page> {
  const context = await newContextForThisTest(browser);
  const page = await context.newPage();
  await signIn(page, email, password);
  return page;
}

export const signInAsAdmin = (page: Page) => signIn(page, admin.email, admin.password);

export interface NewPerson {
  name: string;
  email: string;
  role: Role;
  password: string;
}

/** A newsroom member with a fresh email and password, for one run. */
export const newPerson = (label: string, name: string, role: NewPerson["role"]): NewPerson => ({
  name,
  email: uniqueEmail(label),
  role,
  password: `${label}-password-${Math.floor(Math.random() * 1e6)}`,
});

/** The article page's comment sidebar, and one thread card in it. */
export const commentsSidebar = (page: Page) => page.getByRole("complementary", { name: "Comments" });
export const threadCard = (page: Page, text: string) =>
  commentsSidebar(page).locator(".thread-card").filter({ hasText: text });

/**
 * The admin adds these people, then each is signed in on a page of their own,
 * wide enough for the article page's comment sidebar.
 */
export async function signInPeople<K extends string>(browser: Browser, people: Record<K, NewPerson>): Promise<Record<K, Page>> {
  const adminPage = await (await browser.newContext()).newPage();
  await signInAsAdmin(adminPage);
  for (const person of Object.values<NewPerson>(people)) await addUser(adminPage, person);
  await adminPage.context().close();
  const pages = {} as Record<K, Page>;
  for (const key of Object.keys(people) as K[]) {
    pages[key] = await signedInPage(browser, people[key].email, people[key].password);
    await pages[key].setViewportSize({ width: 1400, height: 900 });
  }
  return pages;
}

/** Adds a user at /admin/users (the page must be signed in as an admin). */
export async function addUser(page: Page, person: NewPerson): Promise<void> {
  await page.goto("/admin/users");
  const form = page.getByRole("region", { name: "Add a user" });
  await form.getByLabel("Name").fill(person.name);
  await form.getByLabel("Email").fill(person.email);
  await form.getByLabel("Role").selectOption(person.role);
  await form.getByLabel("Password").fill(person.password);
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByRole("status").filter({ hasText: `Added ${person.name}` })).toBeVisible();
}

/** Creates an article from the dashboard and returns its id from the URL it lands on. */
export async function createArticle(page: Page, title: string): Promise<string> {
  await page.goto("/");
  await page.getByRole("region", { name: "New article" }).getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Create article" }).click();
  await page.waitForURL(/\/articles\/[a-z0-9]+$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return new URL(page.url()).pathname.split("/").at(-1)!;
}

/**
 * A message announced as an alert. Next's route announcer is an (empty,
 * hidden) alert too, so the message is found by its words.
 */
export const alertSaying = (page: Page, text: string) => page.getByRole("alert").filter({ hasText: text });

/**
 * Waits until the dashboard is interactive, by pressing "/" until it focuses the search (the shortcut's
 * listener exists only then); before that, a filter form would load the page the old way.
 */
export async function focusSearchWhenInteractive(page: Page): Promise<void> {
  await expect(async () => {
    await page.keyboard.press("/");
    await expect(page.getByLabel("Search titles")).toBeFocused({ timeout: 500 });
  }).toPass();
}

/** Shares the article open on `page` (its owner's or the desk's) with this person, on the page's People card. */
export async function shareOpenArticle(page: Page, email: string, as: "author" | "reviewer"): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Share as").selectOption(as);
  await page.getByRole("button", { name: "Share" }).click();
  // The server's answer, not the list: someone shared before (now changing role) is in the list already.
  await expect(page.getByRole("status").filter({ hasText: new RegExp(`is now an? ${as} of this article`) })).toBeVisible();
  await expect(page.getByRole("region", { name: "People" })).toContainText(email);
}
