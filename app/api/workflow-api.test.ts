import { beforeAll, describe, expect, it } from "vitest";
import { addDeskMember, createDesk } from "@/lib/commands/desks";
import { storeHeadline } from "@/lib/testing/documents";
import { insertUser } from "@/lib/testing/factories";
import { seedNewsroom, type Newsroom } from "@/lib/testing/newsroom";
import { apiRequest, bearer, noParams, setupRouteStore, withId } from "@/lib/testing/routes";
import type { User } from "@/lib/users";
import { GET as getArticle } from "./articles/[id]/route";
import { GET as exportArticle } from "./articles/[id]/export/route";
import { POST as workflow } from "./articles/[id]/workflow/route";
import { GET as listDesks } from "./desks/route";

const store = setupRouteStore();
let people: Newsroom;
let lawyer: User;

const setHeadline = (headline: string) => storeHeadline(store.db, people.article.id, headline);

beforeAll(async () => {
  people = await seedNewsroom(store.db);
  lawyer = await insertUser(store.db, { role: "reviewer", name: "Lou Lawyer" });
  await createDesk(store.db, "cli", { name: "Legal" });
  await addDeskMember(store.db, "cli", { name: "Legal", email: lawyer.email });
  await setHeadline("Fire at the harbour");
});

const post = (user: User, body: unknown) =>
  workflow(
    apiRequest(`/api/articles/${people.article.id}/workflow`, {
      method: "POST",
      headers: { "content-type": "application/json", ...bearer(user) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    withId(people.article.id),
  );

describe("the workflow over the API", () => {
  it("GET /api/desks lists the desks and their members", async () => {
    const response = await listDesks(apiRequest("/api/desks", { headers: bearer(people.writer) }), noParams);
    expect(await response.json()).toEqual({ desks: [{ id: expect.any(String), name: "Legal", members: [{ id: lawyer.id, name: lawyer.name, email: lawyer.email }] }] });
  });

  it("submit → approve → approve → publish, each answering the article with its review in the documented shape", async () => {
    const submitted = await post(people.writer, { action: "submit", reviewers: [people.reviewer.email], desks: ["legal"], note: "Ready for you." });
    expect(submitted.status).toBe(200);
    const body = await submitted.json();
    expect(body.article.status).toBe("in_review");
    expect(body.review.signoffs).toEqual([
      { kind: "person", name: people.reviewer.name, email: people.reviewer.email, approval: null },
      { kind: "desk", name: "Legal", approval: null },
    ]);
    expect(Object.keys(body).sort()).toEqual(["allowedActions", "article", "members", "review"]);

    const approved = await (await post(people.reviewer, { action: "approve", note: "Checked the figures." })).json();
    expect(approved.review.signoffs[0].approval).toEqual({
      reviewer: { id: people.reviewer.id, name: people.reviewer.name, email: people.reviewer.email },
      decision: "approved",
      note: "Checked the figures.",
      at: expect.any(String),
      versionId: expect.any(String),
      contentHash: approved.article.contentHash,
      stale: false,
    });
    expect(approved.review.allowed).toEqual(["approve", "request_changes"]);
    expect((await (await post(lawyer, { action: "approve" })).json()).article.status).toBe("approved");

    const published = await (await post(people.editor, { action: "publish" })).json();
    expect(published.article.status).toBe("published");
    expect(published.review.publishedVersion).toMatchObject({
      number: expect.any(Number),
      contentHash: published.article.contentHash,
      publishedBy: { id: people.editor.id, name: people.editor.name },
      hasUnpublishedChanges: false,
    });
    const fetched = await (await getArticle(apiRequest(`/api/articles/${people.article.id}`, { headers: bearer(people.reviewer) }), withId(people.article.id))).json();
    expect(fetched.review.publishedVersion.id).toBe(published.review.publishedVersion.id);
  });

  it("a correction to a published article leaves the export as published until it is approved and published again", async () => {
    const exported = async (query = "") =>
      (await exportArticle(apiRequest(`/api/articles/${people.article.id}/export?format=markdown${query}`, { headers: bearer(people.writer) }), withId(people.article.id))).text();
    expect(await exported()).toContain("# Fire at the harbour");
    await setHeadline("Fire at the harbour: two hurt");
    expect(await exported()).toContain("# Fire at the harbour\n");
    expect(await exported("&version=current")).toContain("# Fire at the harbour: two hurt");

    const detail = await (await getArticle(apiRequest(`/api/articles/${people.article.id}`, { headers: bearer(people.editor) }), withId(people.article.id))).json();
    expect(detail.article.status).toBe("published");
    expect(detail.review.publishedVersion.hasUnpublishedChanges).toBe(true);
    expect(detail.review.signoffs.map((s: { approval: { stale: boolean } }) => s.approval.stale)).toEqual([true, true]);
    expect(detail.review.allowed).toEqual(["submit", "archive"]);

    await post(people.writer, { action: "submit" });
    await post(people.reviewer, { action: "approve" });
    await post(lawyer, { action: "approve" });
    const republished = await (await post(people.editor, { action: "publish" })).json();
    expect(republished.review.publishedVersion.hasUnpublishedChanges).toBe(false);
    expect(await exported()).toContain("# Fire at the harbour: two hurt");
  });

  it("answers 409 invalid_transition with the steps that apply, 403 for steps that are not the caller's, 400 naming the field", async () => {
    const republish = await post(people.editor, { action: "publish" });
    expect(republish.status).toBe(409);
    expect(await republish.json()).toMatchObject({ error: "invalid_transition", message: expect.any(String), allowed: ["archive"] });
    expect((await post(people.writer, { action: "publish" })).status).toBe(403);
    expect((await post(people.outsider, { action: "archive" })).status).toBe(403);
    for (const [body, field] of [
      [{ action: "launch" }, "action"],
      [{}, "action"],
      [{ action: "submit", reviewers: ["ghost@newsroom.test"] }, "reviewers"],
      [{ action: "submit", desks: ["Sports"] }, "desks"],
    ] as const) {
      const response = await post(people.editor, body);
      expect(response.status).toBe(400);
      expect((await response.json()).field).toBe(field);
    }
    expect((await post(people.editor, "not json")).status).toBe(400);
  });
});
