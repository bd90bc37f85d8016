import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { gzipSync } from "node:zlib";
import { insertArticle, insertUser } from "../testing/factories";
import { createTestStore, storeKinds, type TestStore } from "../testing/stores";
import { versionText } from "../versions/version-store";
import { migrateToLatest } from "./migrations";

describe.each(storeKinds)("migrations on %s", (kind) => {
  let store: TestStore | undefined;
  afterEach(async () => {
    await store?.dispose();
    store = undefined;
  });

  it("006 keeps every stored version's text, compressed, and drops the plain column", async () => {
    store = await createTestStore(kind, { migrate: false });
    await migrateToLatest(store.db, store.dialect, { through: "005_article_views" });
    const owner = await insertUser(store.db);
    const article = await insertArticle(store.db, owner);
    const text = "Fire at the harbour\n\nقال أحد السكان إن «المدينة تستحق خطة واضحة»";
    await sql`insert into article_versions (id, article_id, number, kind, name, created_by, created_at, content_hash, state, plain_text, words, added, removed, contributors)
      values ('v1', ${article.id}, 1, 'named', 'before legal read', null, '2026-12-01T10:00:00.000Z', 'hash', ${gzipSync(Buffer.from([0, 0]))}, ${text}, 7, 7, 0, '[]')`.execute(store.db);

    await migrateToLatest(store.db, store.dialect);
    const row = await store.db.selectFrom("article_versions").selectAll().where("id", "=", "v1").executeTakeFirstOrThrow();
    expect(versionText(row)).toBe(text);
    expect(row).not.toHaveProperty("plain_text");
  });

  it("009 keeps every notification and lets review notifications name no comment", async () => {
    store = await createTestStore(kind, { migrate: false });
    await migrateToLatest(store.db, store.dialect, { through: "008_webhook_deliveries" });
    const owner = await insertUser(store.db);
    const article = await insertArticle(store.db, owner);
    await sql`insert into comments (id, article_id, thread_id, author_id, body, created_at)
      values ('c1', ${article.id}, null, ${owner.id}, 'Hello', '2026-12-01T10:00:00.000Z')`.execute(store.db);
    await sql`insert into notifications (id, user_id, kind, article_id, comment_id, actor_id, created_at, read_at)
      values ('n1', ${owner.id}, 'mention', ${article.id}, 'c1', ${owner.id}, '2026-12-01T10:00:00.000Z', null)`.execute(store.db);

    await migrateToLatest(store.db, store.dialect);
    await store.db
      .insertInto("notifications")
      .values({ id: "n2", user_id: owner.id, kind: "review_requested", article_id: article.id, comment_id: null, actor_id: owner.id, created_at: "2026-12-01T11:00:00.000Z", read_at: null, note: "Please" })
      .execute();
    const rows = await store.db.selectFrom("notifications").select(["id", "comment_id", "note"]).orderBy("id").execute();
    expect(rows).toEqual([
      { id: "n1", comment_id: "c1", note: null },
      { id: "n2", comment_id: null, note: "Please" },
    ]);
  });
});
