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
