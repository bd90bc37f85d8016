import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliActor, listAudit, recordAudit, systemActor } from "./audit";
import { insertArticle, insertUser } from "./testing/factories";
import { createTestStore, storeKinds, type TestStore } from "./testing/stores";

describe.each(storeKinds)("audit log on %s", (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(kind);
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it("lists entries newest first, with the target's current label and the parsed before/after", async () => {
    const admin = await insertUser(store.db, { role: "admin", name: "Ada" });
    const writer = await insertUser(store.db, { email: "wren@example.test" });
    const article = await insertArticle(store.db, writer, { title: "Tide tables" });
    await recordAudit(store.db, { id: admin.id, name: admin.name }, {
      action: "user.set-role",
      targetType: "user",
      targetId: writer.id,
      before: { role: "writer" },
      after: { role: "editor" },
    });
    await recordAudit(store.db, cliActor, { action: "article.share", targetType: "article", targetId: article.id, after: { as: "author" } });
    await recordAudit(store.db, systemActor, { action: "user.disable", targetType: "user", targetId: "deleted-user" });

    const entries = await listAudit(store.db);
    expect(entries.map((e) => [e.actorLabel, e.action, e.targetLabel, e.before, e.after])).toEqual([
      ["system", "user.disable", null, null, null],
      ["cli", "article.share", "Tide tables", null, { as: "author" }],
      ["Ada", "user.set-role", "wren@example.test", { role: "writer" }, { role: "editor" }],
    ]);
    expect(entries.every((e) => !Number.isNaN(Date.parse(e.at)))).toBe(true);
  });

  it("pages with limit and before", async () => {
    const all = await listAudit(store.db);
    const first = await listAudit(store.db, { limit: 2 });
    expect(first.map((e) => e.id)).toEqual(all.slice(0, 2).map((e) => e.id));
    const next = await listAudit(store.db, { limit: 2, before: first[1]!.id });
    expect(next.map((e) => e.id)).toEqual(all.slice(2, 4).map((e) => e.id));
  });
});
