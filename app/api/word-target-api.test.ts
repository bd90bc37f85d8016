import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findArticleSummary } from "@/lib/articles";
import { mintToken } from "@/lib/auth/tokens";
import { setStore } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { addMember, insertArticle, insertUser } from "@/lib/testing/factories";
import { createTestStore, type TestStore } from "@/lib/testing/stores";
import type { User } from "@/lib/users";
import { PATCH as patchArticle } from "./articles/[id]/route";

const secret = "api-test-secret-0123456789abcdef";
let store: TestStore;
let writer: User;
let reviewer: User;
let article: { id: string };

const withId = (id: string) => ({ params: Promise.resolve({ id }) });
const bearer = (user: User) => ({ authorization: `Bearer ${mintToken(user, 600, secret)}` });
const patch = (id: string, body: string, user?: User) =>
  patchArticle(
    new Request(`http://galley.test/api/articles/${id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json", ...(user ? bearer(user) : {}) },
      body,
    }),
    withId(id),
  );
const shownTarget = async () => (await findArticleSummary(store.db, article.id))?.wordTarget;

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET = secret;
  resetEnvCache();
  store = await createTestStore("sqlite");
  setStore(store);
  writer = await insertUser(store.db, { role: "writer", name: "Wanda Writer" });
  reviewer = await insertUser(store.db, { role: "reviewer" });
  article = await insertArticle(store.db, writer, { title: "Harbour dredging costs" });
  await addMember(store.db, article.id, reviewer, "reviewer");
});

afterAll(async () => {
  await store.dispose();
});

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
