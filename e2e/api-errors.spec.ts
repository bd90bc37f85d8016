import { expect, test } from "@playwright/test";

/** The JSON API answers in JSON whatever is asked of it, through the real server. */

test("an unknown /api path answers a JSON 404, for any method, never Next's HTML page", async ({ request }) => {
  for (const [method, path] of [
    ["GET", "/api/does-not-exist"],
    ["POST", "/api/articles/abc/nothing-here"],
    ["DELETE", "/api/v2/articles"],
  ] as const) {
    const response = await request.fetch(path, { method });
    expect(response.status(), `${method} ${path}`).toBe(404);
    expect(response.headers()["content-type"]).toContain("application/json");
    expect(await response.json()).toMatchObject({ error: "not_found" });
  }
});

test("every page and route carries the security headers and a request id", async ({ request }) => {
  for (const path of ["/login", "/api/health", "/api/ready", "/api/does-not-exist"]) {
    const response = await request.get(path, { headers: { "x-request-id": "e2e-check-1" } });
    const headers = response.headers();
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"], path).toContain("camera=()");
    expect(headers["x-request-id"], path).toBe("e2e-check-1");
  }
  const ready = await request.get("/api/ready");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toEqual({ status: "ready", db: "ok", redis: "off" });
});

test("a wrong method on an /api route answers a JSON 405 that says which methods it takes", async ({ request }) => {
  for (const [method, path] of [
    ["POST", "/api/me"],
    ["DELETE", "/api/desks"],
    // The checks the server answers itself, outside Next.
    ["POST", "/api/health"],
    ["DELETE", "/api/ready"],
    ["PUT", "/metrics"],
  ] as const) {
    const response = await request.fetch(path, { method });
    expect(response.status(), `${method} ${path}`).toBe(405);
    expect(response.headers()["content-type"]).toContain("application/json");
    expect(response.headers()["allow"]).toContain("GET");
    expect(await response.json()).toMatchObject({ error: "method_not_allowed" });
  }
});
