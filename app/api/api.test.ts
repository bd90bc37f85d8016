import { encode } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import { setStore } from "@/lib/db/client";
import { insertArticle, insertUser } from "@/lib/testing/factories";
import { seedNewsroom, type Newsroom } from "@/lib/testing/newsroom";
import { apiRequest as request, bearer, noParams, routeTestSecret, setupRouteStore, withId } from "@/lib/testing/routes";
import { createTestStore } from "@/lib/testing/stores";
import type { User } from "@/lib/users";
import { GET as getArticle } from "./articles/[id]/route";
import { GET as listArticles, POST as createArticle } from "./articles/route";
import { GET as getMe } from "./me/route";

const store = setupRouteStore();
let writer: User, otherWriter: User, reviewer: User;
let ownArticle: Newsroom["article"];
let othersArticle: { id: string; title: string };

beforeAll(async () => {
  ({ writer, outsider: otherWriter, reviewer, article: ownArticle } = await seedNewsroom(store.db));
  othersArticle = await insertArticle(store.db, otherWriter, { title: "Night bus routes cut" });
});

describe("GET /api/articles", () => {
  it("answers 401 JSON, not a page, without a session or token", async () => {
    const response = await listArticles(request("/api/articles"), noParams);
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(await response.json()).toMatchObject({ error: "unauthorized" });
  });

  it("lists only what a writer may see, in the documented shape", async () => {
    const response = await listArticles(request("/api/articles", { headers: bearer(writer) }), noParams);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.articles.map((a: { id: string }) => a.id)).toEqual([ownArticle.id]);
    expect(Object.keys(body.articles[0]).sort()).toEqual(["authors", "createdAt", "id", "status", "title", "updatedAt"]);
    expect(body.articles[0]).toMatchObject({ title: "Harbour fire", status: "draft", authors: [{ id: writer.id, name: "Wes Writer" }] });
  });

  it("filters by status and title from the query string", async () => {
    const headers = bearer(writer);
    const match = await (await listArticles(request("/api/articles?q=FIRE&status=draft", { headers }), noParams)).json();
    expect(match.articles).toHaveLength(1);
    const none = await (await listArticles(request("/api/articles?status=published", { headers }), noParams)).json();
    expect(none.articles).toEqual([]);
  });

  it("names the bad field when the status is not one Galley knows", async () => {
    const response = await listArticles(request("/api/articles?status=finished", { headers: bearer(writer) }), noParams);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "bad_request", field: "status" });
  });

  it("accepts the next-auth session cookie as well as a bearer token", async () => {
    const session = await encode({ token: { sub: writer.id, ver: writer.tokenVersion }, secret: routeTestSecret });
    const response = await getMe(request("/api/me", { headers: { cookie: `next-auth.session-token=${session}` } }), noParams);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ user: { id: writer.id, email: writer.email, name: "Wes Writer", role: "writer" } });
  });
});

describe("POST /api/articles", () => {
  const post = (user: User, body: string) =>
    createArticle(request("/api/articles", { method: "POST", headers: { ...bearer(user), "content-type": "application/json" }, body }), noParams);

  it("creates a draft owned by the caller and answers 201 with it", async () => {
    const response = await post(writer, JSON.stringify({ title: "  Ferry timetable changes  " }));
    expect(response.status).toBe(201);
    const { article } = await response.json();
    expect(article).toMatchObject({ title: "Ferry timetable changes", status: "draft", authors: [{ id: writer.id }] });
    expect(response.headers.get("location")).toBe(`/api/articles/${article.id}`);
    const listed = await (await listArticles(request("/api/articles", { headers: bearer(writer) }), noParams)).json();
    expect(listed.articles[0].id).toBe(article.id);
  });

  it("answers 400 naming the field for a missing title, and 400 for malformed JSON", async () => {
    const empty = await post(writer, JSON.stringify({ title: " " }));
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({ error: "bad_request", message: "Title is required.", field: "title" });
    const malformed = await post(writer, "{ title: ");
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: "bad_request", message: "The request body is not valid JSON." });
  });

  it("answers 413 for a body over 64 KB, whether its length is declared or it streams in, and creates nothing", async () => {
    const before = (await (await listArticles(request("/api/articles", { headers: bearer(writer) }), noParams)).json()).articles.length;
    const large = JSON.stringify({ title: "x".repeat(70_000) });
    const declared = await createArticle(
      request("/api/articles", { method: "POST", headers: { ...bearer(writer), "content-type": "application/json", "content-length": String(large.length) }, body: large }),
      noParams,
    );
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({ error: "payload_too_large", message: "The request body is over 64 KB." });
    // A chunked body says nothing of its length: it is cut off once 64 KB have arrived.
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 16 * 1024;
        controller.enqueue(new Uint8Array(16 * 1024).fill(0x61));
        if (sent > 10 * 1024 * 1024) controller.close();
      },
    });
    const streamed = await createArticle(
      request("/api/articles", { method: "POST", headers: { ...bearer(writer), "content-type": "application/json" }, body: endless, duplex: "half" } as RequestInit),
      noParams,
    );
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(1024 * 1024);
    const after = (await (await listArticles(request("/api/articles", { headers: bearer(writer) }), noParams)).json()).articles.length;
    expect(after).toBe(before);
  });

  it("refuses a reviewer with 403", async () => {
    const response = await post(reviewer, JSON.stringify({ title: "Not mine to start" }));
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: "forbidden" });
  });
});

describe("GET /api/articles/:id", () => {
  it("answers the article, its members and what the caller may do", async () => {
    const response = await getArticle(request(`/api/articles/${ownArticle.id}`, { headers: bearer(writer) }), withId(ownArticle.id));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.article.id).toBe(ownArticle.id);
    expect(body.members).toEqual([
      { id: writer.id, name: writer.name, email: writer.email, role: "owner" },
      { id: reviewer.id, name: reviewer.name, email: reviewer.email, role: "reviewer" },
    ]);
    expect(body.allowedActions).toEqual(expect.arrayContaining(["article:view", "article:edit", "article:share"]));
    expect(body.allowedActions).not.toContain("article:publish");
  });

  it("answers 404 for an unknown id and 403 for another writer's unshared article", async () => {
    const missing = await getArticle(request("/api/articles/nope", { headers: bearer(writer) }), withId("nope"));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: "not_found" });
    const refused = await getArticle(request(`/api/articles/${othersArticle.id}`, { headers: bearer(writer) }), withId(othersArticle.id));
    expect(refused.status).toBe(403);
  });
});

describe("failures", () => {
  it("treats a disabled user's token as no credentials at all", async () => {
    const leaver = await insertUser(store.db, { role: "editor", disabled: true });
    const response = await getMe(request("/api/me", { headers: bearer(leaver) }), noParams);
    expect(response.status).toBe(401);
  });

  it("answers an unexpected failure with a 500 JSON that reveals nothing", async () => {
    const broken = await createTestStore("sqlite");
    await broken.dispose();
    setStore(broken);
    try {
      const response = await listArticles(request("/api/articles", { headers: bearer(writer) }), noParams);
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ error: "internal", message: "Something went wrong on our side. It has been logged." });
      expect(text).not.toMatch(/at .+\.ts|sqlite|stack/i);
    } finally {
      setStore(store);
    }
  });
});
