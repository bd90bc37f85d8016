import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import { readArticleText, readStoredDocument } from "../../lib/docs";
import { insertArticle } from "../../lib/testing/factories";
import { seedNewsroom } from "../../lib/testing/newsroom";
import { storeKinds } from "../../lib/testing/stores";
import type { User } from "../../lib/users";
import {
  RawClient,
  connectProvider,
  startCollab,
  syncStep1Message,
  tokenFor,
  updateMessage,
  waitFor,
  type TestCollab,
  type TestProvider,
} from "./testing/harness";

describe.each(storeKinds)("collaboration sync on %s", (kind) => {
  let server: TestCollab;
  let writer: User, editor: User;
  const open: TestProvider[] = [];

  beforeAll(async () => {
    server = await startCollab({ kind, limits: { docUnloadGraceMs: 100, compactAfterUpdates: 25 } });
    ({ writer, editor } = await seedNewsroom(server.db));
  });
  afterEach(() => {
    for (const p of open.splice(0)) p.destroy();
  });
  afterAll(async () => {
    await server?.close();
  });

  function provider(user: User, articleId: string, params: Record<string, string> = {}, doc?: Y.Doc) {
    const p = connectProvider(server.url, articleId, { token: tokenFor(user), ...params }, doc);
    open.push(p);
    return p;
  }

  async function closeAndUnload(p: TestProvider) {
    await server.collab.idle();
    p.destroy();
    open.splice(open.indexOf(p), 1);
    await waitFor(() => server.collab.stats().documents === 0, "the document to unload");
    await server.collab.idle();
  }

  it("two stock y-websocket providers editing one article converge", async () => {
    const article = await insertArticle(server.db, writer);
    const a = provider(writer, article.id);
    const b = provider(editor, article.id);
    await Promise.all([a.synced, b.synced]);

    a.doc.getText("headline").insert(0, "Floods close the ring road");
    const body = new Y.XmlElement("paragraph");
    b.doc.getXmlFragment("default").insert(0, [body]);
    b.doc.getText("standfirst").insert(0, "Detours until Friday.");
    a.doc.getText("headline").insert(0, "Breaking: ");

    const expected = "Breaking: Floods close the ring road";
    await waitFor(() => b.doc.getText("headline").toString() === expected, "b to see a's headline");
    await waitFor(() => a.doc.getText("standfirst").toString() === "Detours until Friday.", "a to see b's standfirst");
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));
    expect(a.doc.getXmlFragment("default").length).toBe(1);
  });

  it("a client opening later receives everything already written", async () => {
    const article = await insertArticle(server.db, writer);
    const first = provider(writer, article.id);
    await first.synced;
    first.doc.getText("headline").insert(0, "Late arrivals see this");
    await server.collab.idle();

    const late = provider(editor, article.id);
    await late.synced;
    expect(late.doc.getText("headline").toString()).toBe("Late arrivals see this");
  });

  it("stores every update before anyone else receives it", async () => {
    const article = await insertArticle(server.db, writer);
    const a = provider(writer, article.id);
    const b = provider(editor, article.id);
    await Promise.all([a.synced, b.synced]);
    const seenByB: string[] = [];
    b.doc.getText("headline").observe(() => seenByB.push(b.doc.getText("headline").toString()));

    const headline = a.doc.getText("headline");
    for (const word of ["one", " two", " three"]) headline.insert(headline.length, word);
    await waitFor(() => seenByB.at(-1) === "one two three", "b to receive all three words");

    // Whatever b has seen is already in the store, without waiting for anything more.
    const stored = await readStoredDocument(server.db, article.id);
    const fromStore = new Y.Doc();
    for (const update of stored.updates) Y.applyUpdate(fromStore, update.data);
    expect(fromStore.getText("headline").toString()).toBe("one two three");
  });

  it("never echoes an update back to the client that sent it", async () => {
    const article = await insertArticle(server.db, writer);
    const raw = await RawClient.open(server.url, article.id, { token: tokenFor(writer) });
    const local = new Y.Doc();
    raw.send(syncStep1Message(local));
    await waitFor(() => raw.ofType(0).some((m) => m[1] === 1), "sync step 2");
    local.on("update", (update: Uint8Array) => raw.send(updateMessage(update)));
    const watcher = provider(editor, article.id);
    await watcher.synced;

    local.getText("headline").insert(0, "mine");
    await waitFor(() => watcher.doc.getText("headline").toString() === "mine", "the other client to receive it");
    await server.collab.idle();

    const updatesBack = raw.ofType(0).filter((m) => m[1] === 2);
    expect(updatesBack).toEqual([]);
    raw.close();
  });

  it("gives writers typing in the same moment each other's changes, and neither its own", async () => {
    const article = await insertArticle(server.db, writer);
    const [a, b] = await Promise.all([
      RawClient.open(server.url, article.id, { token: tokenFor(writer) }),
      RawClient.open(server.url, article.id, { token: tokenFor(editor) }),
    ]);
    const watcher = provider(editor, article.id);
    await watcher.synced;
    const alpha = new Y.Doc();
    alpha.getText("headline").insert(0, "alpha");
    const beta = new Y.Doc();
    beta.getText("standfirst").insert(0, "beta");

    // Sent back to back: the server reads both in one turn of its event loop.
    a.send(updateMessage(Y.encodeStateAsUpdate(alpha)));
    b.send(updateMessage(Y.encodeStateAsUpdate(beta)));
    await waitFor(() => watcher.doc.getText("standfirst").toString() === "beta", "the watcher to get beta");
    await waitFor(() => watcher.doc.getText("headline").toString() === "alpha", "the watcher to get alpha");
    await server.collab.idle();

    const received = (client: RawClient) => {
      const doc = new Y.Doc();
      for (const message of client.ofType(0).filter((m) => m[1] === 2)) {
        const decoder = decoding.createDecoder(message);
        decoding.readVarUint(decoder);
        decoding.readVarUint(decoder);
        Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
      }
      return [doc.getText("headline").toString(), doc.getText("standfirst").toString()];
    };
    expect(received(a)).toEqual(["", "beta"]);
    expect(received(b)).toEqual(["alpha", ""]);
    a.close();
    b.close();
  });

  it("tells a client that asked (?saved=1) how many of its updates are stored; stock clients hear nothing", async () => {
    const article = await insertArticle(server.db, writer);
    const saving = await RawClient.open(server.url, article.id, { token: tokenFor(writer), saved: "1" });
    const stock = await RawClient.open(server.url, article.id, { token: tokenFor(editor) });
    const local = new Y.Doc();
    const sent: Uint8Array[] = [];
    local.on("update", (update: Uint8Array) => sent.push(update));
    for (const word of ["a", "b", "c"]) local.getText("headline").insert(0, word);
    for (const update of sent) saving.send(updateMessage(update));
    stock.send(syncStep1Message(new Y.Doc()));

    await waitFor(() => savedTotal(saving) === 3, "acks for all three updates");
    await server.collab.idle();
    expect(stock.ofType(8)).toEqual([]);
    // Acknowledged means stored: the store already holds all three.
    expect(await readArticleText(server.db, article.id)).toBe("cba");
    saving.close();
    stock.close();
  });

  it("counts a client's empty answer to the server's sync step 1 as one of its stored messages", async () => {
    const article = await insertArticle(server.db, writer);
    const saving = await RawClient.open(server.url, article.id, { token: tokenFor(writer), saved: "1" });
    // What a stock client sends when it has nothing the server lacks.
    saving.send(updateMessage(new Uint8Array([0, 0])));
    await waitFor(() => savedTotal(saving) === 1, "the ack of the empty update");
    const local = new Y.Doc();
    local.getText("headline").insert(0, "then a real edit");
    saving.send(updateMessage(Y.encodeStateAsUpdate(local)));
    await waitFor(() => savedTotal(saving) === 2, "the ack of the edit");
    expect(await readArticleText(server.db, article.id)).toBe("then a real edit");
    saving.close();
  });

  it("unloads a document nobody has open, compacts it, and opens it again from the snapshot for editing", async () => {
    const article = await insertArticle(server.db, writer);
    const a = provider(writer, article.id);
    await a.synced;
    a.doc.getText("headline").insert(0, "Kept after unload");
    await closeAndUnload(a);
    expect((await readStoredDocument(server.db, article.id)).updates).toEqual([]);

    const again = provider(editor, article.id);
    const other = provider(writer, article.id);
    await Promise.all([again.synced, other.synced]);
    expect(again.doc.getText("headline").toString()).toBe("Kept after unload");
    again.doc.getText("standfirst").insert(0, "edited after reopening");
    await waitFor(
      () => other.doc.getText("standfirst").toString() === "edited after reopening",
      "the other client to see it",
    );
  });

  it("takes in what a client wrote offline when it connects to a document opened from the store", async () => {
    const article = await insertArticle(server.db, writer);
    const a = provider(writer, article.id);
    await a.synced;
    a.doc.getText("headline").insert(0, "Online part.");
    await closeAndUnload(a);

    // Edits made against a copy of the stored document, before connecting.
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(a.doc));
    offline.getText("headline").insert(offline.getText("headline").length, " Offline part.");
    const watcher = provider(editor, article.id);
    await watcher.synced;
    provider(writer, article.id, {}, offline);

    await waitFor(
      () => watcher.doc.getText("headline").toString() === "Online part. Offline part.",
      "the offline edit to arrive",
    );
  });

  it("compacts in the background while clients keep typing, and loses nothing", async () => {
    const article = await insertArticle(server.db, writer);
    const a = provider(writer, article.id);
    const b = provider(editor, article.id);
    await Promise.all([a.synced, b.synced]);
    for (let i = 0; i < 120; i++) {
      const typist = i % 2 === 0 ? a : b;
      typist.doc.getText("headline").insert(typist.doc.getText("headline").length, `${i % 10}`);
      if (i % 5 === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await waitFor(
      () => a.doc.getText("headline").length === 120 && b.doc.getText("headline").length === 120,
      "both to have every edit",
    );
    await server.collab.idle();

    const stored = await readStoredDocument(server.db, article.id);
    expect(stored.snapshot).not.toBeNull();
    // How many rows remain depends on when each background compaction ran on a busy
    // machine; what matters is that it folded rows while typing went on, and lost none.
    expect(stored.updates.length).toBeLessThan(120);
    expect(await readArticleText(server.db, article.id)).toBe(a.doc.getText("headline").toString());
    expect(b.doc.getText("headline").toString()).toBe(a.doc.getText("headline").toString());
  });
});

function savedTotal(client: RawClient): number {
  return client.ofType(8).reduce((sum, message) => {
    const decoder = decoding.createDecoder(message);
    decoding.readVarUint(decoder);
    return sum + decoding.readVarUint(decoder);
  }, 0);
}
