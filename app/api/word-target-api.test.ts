import { beforeAll, describe, expect, it } from "vitest";
import { findArticleSummary } from "@/lib/articles";
import { seedNewsroom, type Newsroom } from "@/lib/testing/newsroom";
import { apiRequest, bearer, setupRouteStore, withId } from "@/lib/testing/routes";
import type { User } from "@/lib/users";
import { PATCH as patchArticle } from "./articles/[id]/route";

const store = setupRouteStore();
let writer: User, reviewer: User;
let article: Newsroom["article"];
beforeAll(async () => {
  ({ writer, reviewer, article } = await seedNewsroom(store.db));
});

const patch = (id: string, body: string, user?: User) =>
  patchArticle(
    apiRequest(`/api/articles/${id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json", ...(user ? bearer(user) : {}) },
      body,
    }),
    withId(id),
  );
const shownTarget = async () => (await findArticleSummary(store.db, article.id))?.wordTarget;

describe("PATCH /api/articles/:id", () => {
  it("sets the word target and answers it", async () => {
    const response = await patch(article.id, JSON.stringify({ wordTarget: 900 }), writer);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ article: { id: article.id, wordTarget: 900 } });
    expect(await shownTarget()).toBe(900);
  });

  it("clears it with null", async () => {
    const response = await patch(article.id, JSON.stringify({ wordTarget: null }), writer);
    expect(await response.json()).toEqual({ article: { id: article.id, wordTarget: null } });
    expect(await shownTarget()).toBeNull();
  });

  it("names the field when the target is out of range or not a number", async () => {
    for (const wordTarget of [0, 20_001, "lots"]) {
      const response = await patch(article.id, JSON.stringify({ wordTarget }), writer);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: "bad_request", field: "wordTarget" });
    }
  });

  it("names the field when the body does not carry one", async () => {
    const response = await patch(article.id, JSON.stringify({ title: "Other" }), writer);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "bad_request", field: "wordTarget" });
  });

  it("answers 400 JSON for a body that is not JSON", async () => {
    const response = await patch(article.id, "{wordTarget:", writer);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/json");
  });

  it("refuses the reviewer with 403 and leaves the target alone", async () => {
    await patch(article.id, JSON.stringify({ wordTarget: 650 }), writer);
    const response = await patch(article.id, JSON.stringify({ wordTarget: 3 }), reviewer);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: "forbidden" });
    expect(await shownTarget()).toBe(650);
  });

  it("answers 401 without a session or token, and 404 for an unknown article", async () => {
    expect((await patch(article.id, JSON.stringify({ wordTarget: 5 }))).status).toBe(401);
    expect((await patch("no-such-article", JSON.stringify({ wordTarget: 5 }), writer)).status).toBe(404);
  });
});
