import { beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { appendUpdates, articleFields } from "@/lib/docs";
import { seedNewsroom, type Newsroom } from "@/lib/testing/newsroom";
import { apiRequest, bearer, setupRouteStore, withId } from "@/lib/testing/routes";
import type { User } from "@/lib/users";
import { makeVersion } from "@/lib/versions";
import { GET as getArticle } from "./articles/[id]/route";
import { GET as exportArticle } from "./articles/[id]/export/route";
import { GET as getVersion } from "./articles/[id]/versions/[versionId]/route";
import { GET as listVersions, POST as saveVersion } from "./articles/[id]/versions/route";
import { GET as compare } from "./articles/[id]/compare/route";
import { POST as restore } from "./articles/[id]/versions/[versionId]/restore/route";
import { POST as markSeen } from "./articles/[id]/seen/route";

const store = setupRouteStore();
let writer: User, reviewer: User, outsider: User;
let article: Newsroom["article"];

async function edit(change: (doc: Y.Doc) => void) {
  const doc = new Y.Doc();
  let update: Uint8Array | null = null;
  doc.on("update", (u: Uint8Array) => (update = u));
  change(doc);
  await appendUpdates(store.db, [{ articleId: article.id, data: update! }]);
}

beforeAll(async () => {
  ({ writer, reviewer, outsider, article } = await seedNewsroom(store.db));
  await edit((doc) => doc.getText(articleFields.headline).insert(0, "Fire at the harbour"));
});

const post = (user: User, body: unknown) =>
  saveVersion(
    apiRequest(`/api/articles/${article.id}/versions`, {
      method: "POST",
      headers: { "content-type": "application/json", ...bearer(user) },
      body: JSON.stringify(body),
    }),
    withId(article.id),
  );

describe("versions over the API", () => {
  it("POST saves a named version (201), GET lists it newest first in the documented shape", async () => {
    const created = await post(writer, { name: "before legal read" });
    expect(created.status).toBe(201);
    const { version } = await created.json();
    expect(version).toMatchObject({ number: 1, kind: "named", name: "before legal read", createdBy: { id: writer.id, name: writer.name } });
    expect(Object.keys(version).sort()).toEqual(["added", "contentHash", "createdAt", "createdBy", "id", "kind", "name", "number", "removed", "words"]);

    await edit((doc) => doc.getText(articleFields.standfirst).insert(0, "Crews worked through the night."));
    await makeVersion(store.db, article.id, { kind: "auto" });
    const listed = await (await listVersions(apiRequest(`/api/articles/${article.id}/versions`, { headers: bearer(reviewer) }), withId(article.id))).json();
    expect(listed.versions.map((v: { number: number; kind: string }) => [v.number, v.kind])).toEqual([[2, "auto"], [1, "named"]]);

    const detail = await (await getArticle(apiRequest(`/api/articles/${article.id}`, { headers: bearer(writer) }), withId(article.id))).json();
    expect(detail.article.currentVersion).toEqual({ id: listed.versions[0].id, number: 2 });
  });

  it("names the field for a missing or overlong name, and refuses who may not edit", async () => {
    for (const body of [{}, { name: "  " }, { name: "x".repeat(201) }]) {
      const response = await post(writer, body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: "bad_request", field: "name" });
    }
    expect((await post(reviewer, { name: "sneaky" })).status).toBe(403);
    expect((await post(outsider, { name: "sneaky" })).status).toBe(403);
  });

  it("GET one version answers what it said as text, Markdown and HTML; export can serve it too", async () => {
    const { versions } = await (await listVersions(apiRequest(`/api/articles/${article.id}/versions`, { headers: bearer(writer) }), withId(article.id))).json();
    const first = versions.at(-1);
    const params = { params: Promise.resolve({ id: article.id, versionId: first.id }) };
    const response = await getVersion(apiRequest(`/api/articles/${article.id}/versions/${first.id}`, { headers: bearer(writer) }), params);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ headline: "Fire at the harbour", standfirst: "", version: { id: first.id, number: 1 } });
    expect(body.markdown).toMatch(/^# Fire at the harbour/);
    expect(body.html).toContain("Fire at the harbour");

    const exported = await exportArticle(
      apiRequest(`/api/articles/${article.id}/export?format=markdown&version=${first.id}`, { headers: bearer(writer) }),
      withId(article.id),
    );
    expect(await exported.text()).not.toContain("Crews worked through the night.");
    const missing = await getVersion(apiRequest(`/api/articles/${article.id}/versions/nope`, { headers: bearer(writer) }), {
      params: Promise.resolve({ id: article.id, versionId: "nope" }),
    });
    expect(missing.status).toBe(404);
  });

  it("GET compare answers what changed from a version to another or to now, word by word", async () => {
    const { versions } = await (await listVersions(apiRequest(`/api/articles/${article.id}/versions`, { headers: bearer(writer) }), withId(article.id))).json();
    const [second, first] = [versions[0], versions.at(-1)];
    const ask = (query: string) =>
      compare(apiRequest(`/api/articles/${article.id}/compare${query}`, { headers: bearer(reviewer) }), withId(article.id));
    const toSecond = await (await ask(`?from=${first.id}&to=${second.id}`)).json();
    expect(toSecond).toMatchObject({ from: { id: first.id, number: 1 }, to: { id: second.id, number: 2 }, added: 5, removed: 0, headline: [{ op: "equal", text: "Fire at the harbour" }] });
    expect(toSecond.standfirst).toEqual([{ op: "insert", text: "Crews worked through the night." }]);
    expect(toSecond.body).toEqual([]);

    const toNow = await (await ask(`?from=${first.id}&to=current`)).json();
    expect(toNow.to).toEqual({ id: "current", contentHash: second.contentHash });
    expect((await ask("")).status).toBe(400);
    expect(await (await ask("")).json()).toMatchObject({ field: "from" });
    expect((await ask(`?from=${first.id}&to=nope`)).status).toBe(404);

    // A pending suggestion is listed apart, by its author's name, and is not a changed word.
    await edit((doc) => doc.getText(articleFields.headline).insert(0, "Breaking: ", { suggestInsert: { id: "compare-suggestion", by: reviewer.id, at: Date.now() } }));
    const withSuggestion = await (await ask(`?from=${first.id}&to=current`)).json();
    expect(withSuggestion.headline).toEqual(toNow.headline);
    expect(withSuggestion.suggestions).toEqual([
      { id: "compare-suggestion", author: { id: reviewer.id, name: reviewer.name }, field: "headline", kind: "insert", inserted: "Breaking: ", deleted: "" },
    ]);
  });

  it("POST restore makes the article say what the version says, as a new restored version; 403 for who may not edit, 404 for no version", async () => {
    const { versions } = await (await listVersions(apiRequest(`/api/articles/${article.id}/versions`, { headers: bearer(writer) }), withId(article.id))).json();
    const first = versions.at(-1);
    const call = (user: User, versionId: string) =>
      restore(apiRequest(`/api/articles/${article.id}/versions/${versionId}/restore`, { method: "POST", headers: bearer(user) }), {
        params: Promise.resolve({ id: article.id, versionId }),
      });
    const response = await call(writer, first.id);
    expect(response.status).toBe(200);
    const { version } = await response.json();
    expect(version).toMatchObject({ kind: "restored", number: versions[0].number + 1, contentHash: first.contentHash, createdBy: { id: writer.id } });
    const detail = await (await getArticle(apiRequest(`/api/articles/${article.id}`, { headers: bearer(writer) }), withId(article.id))).json();
    expect(detail.article).toMatchObject({ contentHash: first.contentHash, currentVersion: { id: version.id, number: version.number } });
    expect((await call(reviewer, first.id)).status).toBe(403);
    expect((await call(writer, "nope")).status).toBe(404);
  });

  it("POST seen remembers what a reader has read (204), for those who may see the article only", async () => {
    const seen = (user: User, id = article.id) => markSeen(apiRequest(`/api/articles/${id}/seen`, { method: "POST", headers: bearer(user) }), withId(id));
    expect((await seen(reviewer)).status).toBe(204);
    const row = await store.db.selectFrom("article_views").selectAll().where("user_id", "=", reviewer.id).executeTakeFirstOrThrow();
    expect(row.article_id).toBe(article.id);
    expect((await seen(outsider)).status).toBe(403);
    expect((await seen(reviewer, "no-such-article")).status).toBe(404);
  });
});
