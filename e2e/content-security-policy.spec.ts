import { expect, test, type Page } from "@playwright/test";
import { body, caretAtEnd } from "./support/editor";
import { alertSaying, commentsSidebar, createArticle, newPerson, signedInPage, signInPeople, threadCard } from "./support/flows";
import { admin as adminAccount } from "./support/settings";

/**
 * Every page under the Content-Security-Policy: a page the policy breaks
 * shows up here as a violation event or a console error (a blocked script,
 * chunk, style, font or socket), not as a puzzled user.
 */

interface Violations {
  events: string[];
  console: string[];
}

/** Collects the page's policy violations from its first script on, in every document it loads. */
async function watchViolations(page: Page): Promise<Violations> {
  const found: Violations = { events: [], console: [] };
  await page.exposeFunction("__reportCspViolation", (text: string) => found.events.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation(text: string): void }).__reportCspViolation;
      report(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} on ${location.pathname}`);
    });
  });
  page.on("console", (message) => {
    if (/Content.Security.Policy/i.test(message.text())) found.console.push(message.text());
  });
  return found;
}

/** The policy a response was served with, parsed into directives. */
async function policyOf(page: Page, path: string) {
  const response = await page.request.get(path);
  const header = response.headers()["content-security-policy"] ?? "";
  return new Map(header.split("; ").map((d) => [d.split(" ")[0]!, d] as const));
}

test("every page works under the policy: no script, style, font or socket is blocked", async ({ browser }) => {
  test.setTimeout(120_000);
  const people = { writer: newPerson("csp-writer", "Wen Writer", "writer") };
  const { writer } = await signInPeople(browser, people);
  // The run's own administrator: roles.spec.ts counts on no spec adding another.
  const admin = await signedInPage(browser, adminAccount.email, adminAccount.password);
  const seen = { admin: await watchViolations(admin), writer: await watchViolations(writer) };
  // The session cookie is out of scripts' reach and not sent by other sites' forms (Secure too under https: lib/auth/options.test.ts).
  const session = (await writer.context().cookies()).find((cookie) => cookie.name === "next-auth.session-token");
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });

  // The editor: the early socket's inline script, Tiptap, the lazy comment and version panels.
  const id = await createArticle(writer, "Port strike talks");
  await writer.reload();
  await caretAtEnd(writer);
  await writer.keyboard.type("Unions meet the port authority on Friday.");
  await expect(writer.getByText("Saved", { exact: true })).toBeVisible();
  const posted = await writer.request.post(`/api/articles/${id}/comments`, { data: { body: "Which unions?" } });
  expect(posted.status()).toBe(201);
  await writer.reload();
  await expect(threadCard(writer, "Which unions?")).toBeVisible();
  await expect(commentsSidebar(writer)).toBeVisible();
  await expect(body(writer)).toContainText("Unions meet the port authority");
  // The early socket ran (its inline script carries the nonce): the provider adopted it.
  await expect(writer.getByText("Saved", { exact: true })).toBeVisible();

  await writer.getByText("Save version…").click();
  await writer.getByLabel("Name").fill("first draft");
  await writer.getByRole("button", { name: "Save version" }).click();
  await expect(writer.getByRole("status").filter({ hasText: /Saved as version \d+/ })).toBeVisible();
  await writer.goto(`/articles/${id}/history`);
  await expect(writer.getByRole("heading", { level: 1, name: "History" })).toBeVisible();
  await writer.getByRole("link", { name: "Compare with now" }).first().click();
  await expect(writer.locator(".compare-view")).toBeVisible();

  await writer.goto("/inbox");
  await expect(writer.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
  await writer.goto("/");
  await expect(writer.getByRole("heading", { level: 1, name: "Articles" })).toBeVisible();
  // Error pages: one that does not exist, and one the writer may not see.
  await writer.goto("/articles/no-such-article");
  await expect(writer.getByRole("heading", { level: 1 })).toBeVisible();
  const forbidden = await writer.goto("/admin/users");
  expect(forbidden?.status()).toBe(403);
  await expect(writer.getByRole("heading", { level: 1 })).toBeVisible();
  await writer.goto("/a-page-nobody-made");
  await expect(writer.getByRole("heading", { level: 1 })).toBeVisible();

  for (const path of ["/admin/users", "/admin/audit", "/admin/desks"]) {
    await admin.goto(path);
    await expect(admin.getByRole("heading", { level: 1 })).toBeVisible();
  }
  await admin.goto(`/articles/${id}`);
  await expect(body(admin)).toContainText("Unions meet the port authority");

  // Signed out: the sign-out page, then sign-in.
  await writer.goto("/signout");
  await expect(writer.getByRole("heading", { name: "Sign out of Galley?" })).toBeVisible();
  await writer.getByRole("main").getByRole("button", { name: "Sign out" }).click();
  await expect(writer).toHaveURL(/\/login/);
  await writer.getByLabel("Email").fill(people.writer.email);
  await writer.getByLabel("Password").fill("not the password");
  await writer.getByRole("button", { name: "Sign in" }).click();
  await expect(alertSaying(writer, "Incorrect email or password.")).toBeVisible();

  expect(seen.writer).toEqual({ events: [], console: [] });
  expect(seen.admin).toEqual({ events: [], console: [] });
});

test("the policy forbids inline scripts without the nonce, eval, framing and other origins", async ({ page }) => {
  const policy = await policyOf(page, "/login");
  const scripts = policy.get("script-src")!;
  expect(scripts).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
  expect(scripts).not.toContain("unsafe-inline");
  expect(scripts).not.toContain("unsafe-eval");
  expect(policy.get("frame-ancestors")).toBe("frame-ancestors 'none'");
  expect(policy.get("connect-src")).toMatch(/^connect-src 'self'( ws:\/\/localhost:\d+ wss:\/\/localhost:\d+)?$/);

  // Markup injected into a page (as a stored script would be) cannot run without the nonce.
  await page.route("**/login", async (route) => {
    const response = await route.fetch();
    const injected = '<script>window.__injected = true</script><img src="/icon.svg" onload="window.__injected = true">';
    await route.fulfill({ response, body: (await response.text()).replace("</body>", `${injected}</body>`) });
  });
  const seen = await watchViolations(page);
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  expect(await page.evaluate(() => Boolean((window as unknown as { __injected?: boolean }).__injected))).toBe(false);
  await expect.poll(() => seen.events.length).toBe(2);
  expect(seen.events.every((event) => event.startsWith("script-src"))).toBe(true);
});
