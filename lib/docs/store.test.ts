import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createTestStore, storeKinds, type TestStore } from "../testing/stores";
import { absorbSnapshot, buildDocument, compactDocument, compactLiveDocument, loadDocument, readArticleText, type LiveDocument } from "./document";
import { appendUpdates, readStoredDocument, writeCompaction } from "./store";
import { UpdateWriter, type CommitInfo } from "./writer";

/** A client doc whose every local edit is captured as the update a client would send. */
function editor() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  const type = (word: string) => {
    const headline = doc.getText("headline");
    headline.insert(headline.length, word);
  };
  return { doc, updates, type };
}

/** A document open in memory, as the collab server keeps it: the rows it holds, oldest first, and the snapshot it holds. */
function openDocument(doc: Y.Doc, snapshotRevision: number | null = null) {
  const heldIds: number[] = [];
  // Every append of one batch is answered with the same ids: they are held once.
  const heldBatches = new WeakSet<number[]>();
  const live: LiveDocument & { hold(ids: number[]): void } = {
    doc,
    heldIds,
    snapshotRevision,
    onFolded(result) {
      heldIds.splice(0, result.folded);
      live.snapshotRevision = result.revision ?? live.snapshotRevision;
    },
    absorb(state, revision) {
      Y.applyUpdate(doc, state);
      live.snapshotRevision = revision;
    },
    hold(ids) {
      if (heldBatches.has(ids)) return;
      heldBatches.add(ids);
      heldIds.push(...ids);
    },
  };
  return live;
}

describe.each(storeKinds)("document store on %s", (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(kind);
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it("keeps an update appended while another transaction is open, even when that one rolls back", async () => {
    const author = editor();
    author.type("kept");
    let letGo!: () => void;
    let entered!: () => void;
    const paused = new Promise<void>((resolve) => (letGo = resolve));
    const isInside = new Promise<void>((resolve) => (entered = resolve));
    const failing = store.db.transaction().execute(async (tx) => {
      await tx.deleteFrom("doc_updates").where("article_id", "=", "a-beside-tx").execute();
      entered();
      await paused;
      throw new Error("roll back");
    });
    await isInside;
    const appended = appendUpdates(store.db, [{ articleId: "a-beside-tx", data: author.updates[0]! }]);
    letGo();
    await expect(failing).rejects.toThrow("roll back");
    const ids = (await appended).get("a-beside-tx");
    expect(ids).toHaveLength(1);
    expect((await loadDocument(store.db, "a-beside-tx")).getText("headline").toString()).toBe("kept");
  });

  it("answers the id of every row of a batch, per article, in one commit", async () => {
    const a = editor();
    const b = editor();
    for (let i = 0; i < 40; i++) (i % 2 ? a : b).type(String(i % 10));
    const batch = [...a.updates.map((data) => ({ articleId: "a-batch-1", data })), ...b.updates.map((data) => ({ articleId: "a-batch-2", data }))];
    const ids = await appendUpdates(store.db, batch);
    expect(ids.get("a-batch-1")).toHaveLength(20);
    expect(ids.get("a-batch-2")).toHaveLength(20);
    const stored = await readStoredDocument(store.db, "a-batch-1");
    expect(stored.updates.map((u) => u.id)).toEqual(ids.get("a-batch-1"));
  });

  it("gives back exactly the updates appended, in order", async () => {
    const author = editor();
    author.type("Hello");
    author.type(" world");
    await appendUpdates(store.db, author.updates.map((data) => ({ articleId: "a-roundtrip", data })));

    const stored = await readStoredDocument(store.db, "a-roundtrip");
    expect(stored.snapshot).toBeNull();
    expect(stored.updates.map((u) => Buffer.from(u.data))).toEqual(author.updates.map((u) => Buffer.from(u)));
    expect((await loadDocument(store.db, "a-roundtrip")).getText("headline").toString()).toBe("Hello world");
  });

  it("folds the log into a snapshot with its plain text and deletes the folded updates", async () => {
    const author = editor();
    for (const word of ["Storm", " closes", " the", " harbour"]) author.type(word);
    await appendUpdates(store.db, author.updates.map((data) => ({ articleId: "a-compact", data })));

    const result = await compactDocument(store.db, "a-compact");

    expect(result.folded).toBe(4);
    const stored = await readStoredDocument(store.db, "a-compact");
    expect(stored.updates).toEqual([]);
    expect(stored.snapshot).not.toBeNull();
    expect(await readArticleText(store.db, "a-compact")).toBe("Storm closes the harbour");
    expect((await loadDocument(store.db, "a-compact")).getText("headline").toString()).toBe("Storm closes the harbour");
  });

  it("writes nothing when another compaction already folded some of the same updates", async () => {
    const author = editor();
    author.type("first");
    await appendUpdates(store.db, [{ articleId: "a-race", data: author.updates[0]! }]);
    const [row] = (await readStoredDocument(store.db, "a-race")).updates;

    await compactDocument(store.db, "a-race");
    const isWritten = await writeCompaction(store.db, "a-race", {
      state: Y.encodeStateAsUpdate(new Y.Doc()),
      text: "",
      foldedIds: [row!.id],
    });

    expect(isWritten).toBe(false);
    expect(await readArticleText(store.db, "a-race")).toBe("first");
  });

  it("deletes nothing when only some of the folded updates are still there", async () => {
    const author = editor();
    for (const word of ["Ferry", " resumes"]) author.type(word);
    await appendUpdates(store.db, [{ articleId: "a-partial", data: author.updates[0]! }]);
    const [first] = (await readStoredDocument(store.db, "a-partial")).updates;
    await compactDocument(store.db, "a-partial");
    await appendUpdates(store.db, [{ articleId: "a-partial", data: author.updates[1]! }]);
    const [second] = (await readStoredDocument(store.db, "a-partial")).updates;

    // The first id was folded by the compaction above: this one must not delete the second row either.
    const isWritten = await writeCompaction(store.db, "a-partial", {
      state: Y.encodeStateAsUpdate(new Y.Doc()),
      text: "",
      foldedIds: [first!.id, second!.id],
    });

    expect(isWritten).toBe(false);
    expect((await readStoredDocument(store.db, "a-partial")).updates.map((u) => u.id)).toEqual([second!.id]);
    expect(await readArticleText(store.db, "a-partial")).toBe("Ferry resumes");
  });

  it("keeps every update when compactions run while updates are being appended", async () => {
    const author = editor();
    const writer = new UpdateWriter(store.db);
    const appends: Promise<unknown>[] = [];
    const compactions: Promise<unknown>[] = [];
    for (let i = 0; i < 300; i++) {
      author.type(`${i},`);
      appends.push(writer.append("a-concurrent", author.updates[i]!));
      // Two compactions at once now and then, racing each other and the appends.
      if (i % 25 === 0) {
        compactions.push(compactDocument(store.db, "a-concurrent"), compactDocument(store.db, "a-concurrent"));
      }
      if (i % 7 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    // And a slow compaction, overtaken by one that folded what was appended after the slow one read.
    const stale = await readStoredDocument(store.db, "a-concurrent");
    author.type("late,");
    await writer.append("a-concurrent", author.updates.at(-1)!);
    await compactDocument(store.db, "a-concurrent");
    const { doc: staleDoc, appliedIds } = buildDocument("a-concurrent", stale);
    const staleState = Y.encodeStateAsUpdate(staleDoc);
    await writeCompaction(store.db, "a-concurrent", { state: staleState, text: "", foldedIds: appliedIds });
    await Promise.all(appends);
    await Promise.all(compactions);
    await compactDocument(store.db, "a-concurrent");

    const expected = author.doc.getText("headline").toString();
    expect((await loadDocument(store.db, "a-concurrent")).getText("headline").toString()).toBe(expected);
    expect(await readArticleText(store.db, "a-concurrent")).toBe(expected);
    expect((await readStoredDocument(store.db, "a-concurrent")).updates).toEqual([]);
  });

  it("compacts an open document from memory while its updates are being appended, losing none", async () => {
    const author = editor();
    const server = openDocument(new Y.Doc());
    const writer = new UpdateWriter(store.db);
    const appends: Promise<unknown>[] = [];
    const compactions: Promise<unknown>[] = [];
    for (let i = 0; i < 300; i++) {
      author.type(`${i},`);
      const update = author.updates[i]!;
      // As the collab server does: applied to the open document first, its row id recorded once committed.
      Y.applyUpdate(server.doc, update);
      appends.push(writer.append("a-live", update).then((ids) => server.hold(ids.get("a-live")!)));
      if (i % 40 === 0) compactions.push(compactLiveDocument(store.db, "a-live", server));
      if (i % 7 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(appends);
    await Promise.all(compactions);
    expect(await compactLiveDocument(store.db, "a-live", server)).toMatchObject({ folded: expect.any(Number) });

    const expected = author.doc.getText("headline").toString();
    expect((await readStoredDocument(store.db, "a-live")).updates).toEqual([]);
    expect((await loadDocument(store.db, "a-live")).getText("headline").toString()).toBe(expected);
    expect(await readArticleText(store.db, "a-live")).toBe(expected);
  });

  it("writes nothing from memory once the store was compacted under the open document", async () => {
    const author = editor();
    const server = openDocument(new Y.Doc());
    const writer = new UpdateWriter(store.db);
    for (const word of ["Ferry", " service", " resumes"]) {
      author.type(word);
      Y.applyUpdate(server.doc, author.updates.at(-1)!);
      server.hold((await writer.append("a-stale", author.updates.at(-1)!)).get("a-stale")!);
    }
    // Someone else folds the log (and a row the open document never saw, written by another process).
    const foreign = new Y.Doc();
    Y.applyUpdate(foreign, Y.encodeStateAsUpdate(author.doc));
    foreign.getText("standfirst").insert(0, "From elsewhere.");
    await appendUpdates(store.db, [{ articleId: "a-stale", data: Y.encodeStateAsUpdate(foreign) }]);
    await compactDocument(store.db, "a-stale");

    expect(await compactLiveDocument(store.db, "a-stale", server)).toBe(false);
    // The foreign row's content survives: the open document's state, which lacks it, was not written.
    expect((await loadDocument(store.db, "a-stale")).getText("standfirst").toString()).toBe("From elsewhere.");
    expect(await readArticleText(store.db, "a-stale")).toBe("Ferry service resumes\n\nFrom elsewhere.");
  });

  it("never overwrites a snapshot written since the open document was built", async () => {
    const author = editor();
    author.type("Tide tables");
    await appendUpdates(store.db, [{ articleId: "a-guard", data: author.updates[0]! }]);
    await compactDocument(store.db, "a-guard");
    // Opened before a later snapshot: it believes there is none.
    const server = openDocument(new Y.Doc());
    author.type(" updated");
    Y.applyUpdate(server.doc, author.updates[1]!);
    const ids = await appendUpdates(store.db, [{ articleId: "a-guard", data: author.updates[1]! }]);
    server.hold(ids.get("a-guard")!);

    expect(await compactLiveDocument(store.db, "a-guard", server)).toBe(false);
    expect((await readStoredDocument(store.db, "a-guard")).updates).toHaveLength(1);
    expect((await loadDocument(store.db, "a-guard")).getText("headline").toString()).toBe("Tide tables updated");
  });

  it("two instances compact one article from memory in turn, each folding its own rows, losing none", async () => {
    const [east, west] = [editor(), editor()];
    const onEast = openDocument(new Y.Doc());
    const onWest = openDocument(new Y.Doc());
    // Each instance stores its own clients' changes and holds those rows; the other one's arrive relayed, their rows not held.
    const write = async (author: ReturnType<typeof editor>, own: typeof onEast, other: typeof onEast, word: string) => {
      author.type(word);
      const update = author.updates.at(-1)!;
      Y.applyUpdate(own.doc, update);
      own.hold((await appendUpdates(store.db, [{ articleId: "a-pair", data: update }])).get("a-pair")!);
      Y.applyUpdate(other.doc, update);
    };
    await write(east, onEast, onWest, "Bridge");
    await write(west, onWest, onEast, "Ferry");
    expect(await compactLiveDocument(store.db, "a-pair", onEast)).toMatchObject({ folded: 1, revision: 1 });
    await write(west, onWest, onEast, " late");

    // The snapshot moved under the west instance: it takes it in, then folds its own rows from memory.
    expect(await compactLiveDocument(store.db, "a-pair", onWest)).toBe(false);
    expect(await absorbSnapshot(store.db, "a-pair", onWest)).toBe(true);
    expect(await compactLiveDocument(store.db, "a-pair", onWest)).toMatchObject({ folded: 2, revision: 2 });

    expect((await readStoredDocument(store.db, "a-pair")).updates).toEqual([]);
    const stored = await loadDocument(store.db, "a-pair");
    expect(stored.getText("headline").toString()).toBe(onEast.doc.getText("headline").toString());
    expect(stored.getText("headline").toString()).toHaveLength("Bridge".length + "Ferry late".length);
  });

  it("never writes over a snapshot another instance wrote since, even one that kept its through_id", async () => {
    const [east, west] = [editor(), editor()];
    const onEast = openDocument(new Y.Doc());
    const onWest = openDocument(new Y.Doc());
    // West's row is older; its content never reached the east instance (a relayed message lost).
    west.type("Lost at sea");
    Y.applyUpdate(onWest.doc, west.updates[0]!);
    onWest.hold((await appendUpdates(store.db, [{ articleId: "a-kept", data: west.updates[0]! }])).get("a-kept")!);
    for (const word of ["Harbour", " reopens"]) {
      east.type(word);
      Y.applyUpdate(onEast.doc, east.updates.at(-1)!);
      Y.applyUpdate(onWest.doc, east.updates.at(-1)!);
      onEast.hold((await appendUpdates(store.db, [{ articleId: "a-kept", data: east.updates.at(-1)! }])).get("a-kept")!);
      if (word === "Harbour") await compactLiveDocument(store.db, "a-kept", onEast);
    }
    // West folds its older row over east's first snapshot: the highest folded id stays east's.
    expect(await compactLiveDocument(store.db, "a-kept", onWest)).toBe(false);
    await absorbSnapshot(store.db, "a-kept", onWest);
    expect(await compactLiveDocument(store.db, "a-kept", onWest)).toMatchObject({ folded: 1 });

    // East last wrote the snapshot before that: it may not write over west's, which holds what east lacks.
    expect(await compactLiveDocument(store.db, "a-kept", onEast)).toBe(false);
    expect(await absorbSnapshot(store.db, "a-kept", onEast)).toBe(true);
    expect(onEast.doc.getText("headline").toString()).toContain("Lost at sea");
    await compactLiveDocument(store.db, "a-kept", onEast);
    expect((await loadDocument(store.db, "a-kept")).getText("headline").toString()).toContain("Lost at sea");
    expect(await readArticleText(store.db, "a-kept")).toContain("Harbour reopens");
  });

  it("commits the updates of one turn of the event loop in one batch", async () => {
    const commits: CommitInfo[] = [];
    const writer = new UpdateWriter(store.db, { onCommit: (info) => commits.push(info) });
    const author = editor();
    for (let i = 0; i < 50; i++) author.type("x");

    const batches = author.updates.map((data) => writer.append("a-batch", data));
    await Promise.all(batches);

    expect(new Set(batches).size).toBe(1);
    expect(commits.map((c) => c.updates)).toEqual([50]);
    expect((await readStoredDocument(store.db, "a-batch")).updates).toHaveLength(50);
  });
});

describe("update writer when the store fails", () => {
  it("retries a bounded number of times, then reports the batch as not stored", async () => {
    const store = await createTestStore("sqlite");
    try {
      await store.db.schema.dropTable("doc_updates").execute();
      const writer = new UpdateWriter(store.db, { maxAttempts: 2, retryDelaysMs: [1] });
      await expect(writer.append("a-lost", new Uint8Array([0, 0]))).rejects.toThrow(/doc_updates/);
      await writer.drain();
    } finally {
      await store.dispose();
    }
  });
});
