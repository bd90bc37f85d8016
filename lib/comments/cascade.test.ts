import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createComment } from "../commands/create-comment";
import { insertArticle, insertUser } from "../testing/factories";
import { createTestStore, storeKinds, type TestStore } from "../testing/stores";

describe.each(storeKinds)("comments table on %s", (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(kind);
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it("removing an article removes its threads, replies and the notifications about them", async () => {
    const writer = await insertUser(store.db, { role: "writer" });
    const editor = await insertUser(store.db, { role: "editor", name: "Ed" });
    const article = await insertArticle(store.db, writer);
    const root = await createComment(store.db, writer, { articleId: article.id, body: `@[Ed](${editor.id}) look` });
    await createComment(store.db, editor, { articleId: article.id, body: "Seen", parentId: root.id });
    expect(await store.db.selectFrom("notifications").select("id").execute()).toHaveLength(1);
    await store.db.deleteFrom("articles").where("id", "=", article.id).execute();
    expect(await store.db.selectFrom("comments").select("id").execute()).toEqual([]);
    expect(await store.db.selectFrom("notifications").select("id").execute()).toEqual([]);
  });
});
