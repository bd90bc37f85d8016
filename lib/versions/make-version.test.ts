import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { appendUpdates, articleFields } from "../docs";
import { seedNewsroom } from "../testing/newsroom";
import { storeKinds } from "../testing/stores";
import { setupSuiteStore } from "../testing/suite";
import { makeVersion } from "./make-version";
import { listVersions, recordContributors, versionDocument } from "./version-store";

describe.each(storeKinds)("versions on %s", (kind) => {
  const store = setupSuiteStore(kind);

  /** Stores a change to the article's document, as the collab server would. */
  async function edit(articleId: string, change: (doc: Y.Doc) => void) {
    const doc = new Y.Doc();
    let update: Uint8Array | null = null;
    doc.on("update", (u: Uint8Array) => (update = u));
    change(doc);
    await appendUpdates(store.db, [{ articleId, data: update! }]);
  }

  it("numbers versions 1, 2, 3…, skips unchanged content unless named, and keeps who edited and what it said", async () => {
    const { article, writer, editor } = await seedNewsroom(store.db);
    await edit(article.id, (doc) => doc.getText(articleFields.headline).insert(0, "Fire at the harbour"));
    await recordContributors(store.db, article.id, [writer.id, writer.id]);

    const first = await makeVersion(store.db, article.id, { kind: "auto" });
    expect(first).toMatchObject({ isNew: true, version: { number: 1, kind: "auto", added: 4, removed: 0, words: 0 } });
    expect(JSON.parse(first.version.contributors)).toEqual([writer.id]);

    // Nothing changed: the automatic version is not made again; a named one is.
    expect(await makeVersion(store.db, article.id, { kind: "auto" })).toMatchObject({ isNew: false, version: { number: 1 } });
    const named = await makeVersion(store.db, article.id, { kind: "named", name: "before legal read", createdBy: editor.id });
    expect(named).toMatchObject({ isNew: true, version: { number: 2, name: "before legal read", added: 0, removed: 0 } });
    expect(JSON.parse(named.version.contributors)).toEqual([]);

    await edit(article.id, (doc) => doc.getText(articleFields.standfirst).insert(0, "Crews worked through the night."));
    const third = await makeVersion(store.db, article.id, { kind: "auto" });
    expect(third.version).toMatchObject({ number: 3, added: 5, removed: 0 });

    const listed = await listVersions(store.db, article.id);
    expect(listed.map((v) => [v.number, v.kind, v.createdBy?.name ?? null])).toEqual([
      [3, "auto", null],
      [2, "named", editor.name],
      [1, "auto", null],
    ]);
    expect(listed[2]!.contributors).toEqual([{ id: writer.id, name: writer.name }]);
    // A version holds the whole document as it was.
    const doc = versionDocument(first.version);
    expect(doc.getText(articleFields.headline).toString()).toBe("Fire at the harbour");
    expect(doc.getText(articleFields.standfirst).toString()).toBe("");
  });

  it("two versions made at once of the same content end as one", async () => {
    const { article } = await seedNewsroom(store.db);
    await edit(article.id, (doc) => doc.getText(articleFields.headline).insert(0, "Bridge closes"));
    const made = await Promise.all([makeVersion(store.db, article.id, { kind: "auto" }), makeVersion(store.db, article.id, { kind: "auto" })]);
    expect(made.filter((m) => m.isNew)).toHaveLength(1);
    expect((await listVersions(store.db, article.id)).map((v) => v.number)).toEqual([1]);
  });
});
