import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { findArticleRow } from "../../lib/articles";
import { readArticleText } from "../../lib/docs";
import { projectArticle } from "../../lib/versions";
import { newId } from "../../lib/ids";
import { insertArticle, insertUser } from "../../lib/testing/factories";
import { createTestStore, type TestStore } from "../../lib/testing/stores";
import type { User } from "../../lib/users";
import { createRedisDocRelay, type DocRelay } from "./doc-relay";
import { logger } from "../../lib/log";
import { connectProvider, startCollabOn, tokenFor, waitFor, type TestCollab, type TestProvider } from "./testing/harness";

/**
 * Scaled out for real: two collab instances over one PostgreSQL store and
 * the local Redis, each run on channels of its own.
 */
const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `galley-test:${newId()}:`;

let store: TestStore;
let alice: User;
let bob: User;
const instances: TestCollab[] = [];
const open: TestProvider[] = [];

async function instance(wrap: (relay: DocRelay) => DocRelay = (relay) => relay): Promise<TestCollab> {
  const relay = wrap(createRedisDocRelay(redisUrl, { log: logger(), prefix }));
  const started = await startCollabOn(store.db, { relay });
  instances.push(started);
  return started;
}

function join(on: TestCollab, user: User, articleId: string): TestProvider {
  const p = connectProvider(on.url, articleId, { token: tokenFor(user) });
  open.push(p);
  return p;
}

const headline = (p: TestProvider) => p.doc.getText("headline").toString();


/** Waits until the store holds this text (the edit reached its instance and was committed). */
async function stored(articleId: string, text: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await readArticleText(store.db, articleId)).includes(text)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for "${text}" in the store`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeAll(async () => {
  store = await createTestStore("postgres");
  alice = await insertUser(store.db, { role: "editor", name: "Alice Adams" });
  bob = await insertUser(store.db, { role: "editor", name: "Bob Brown" });
});
afterEach(async () => {
  for (const p of open.splice(0)) p.destroy();
  for (const server of instances.splice(0)) await server.close();
});
afterAll(async () => {
  await store?.dispose();
});

describe("two instances behind one Redis", () => {
  it("project the article row from the document both hold, whichever projected last", async () => {
    const [a, b] = [await instance(), await instance()];
    const article = await insertArticle(store.db, alice);
    const onA = join(a, alice, article.id);
    const onB = join(b, bob, article.id);
    await Promise.all([onA.synced, onB.synced]);
    for (let i = 0; i < 5; i++) {
      onA.doc.getText("headline").insert(0, `a${i} `);
      onB.doc.getText("standfirst").insert(0, `b${i} `);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    const same = (field: string) => onA.doc.getText(field).toString() === onB.doc.getText(field).toString();
    await waitFor(() => same("headline") && same("standfirst") && onA.doc.getText("standfirst").length === 15, "the two documents to converge");
    for (const server of [a, b]) await server.collab.idle();
    const expected = projectArticle(onA.doc);
    const deadline = Date.now() + 5000;
    let row = await findArticleRow(store.db, article.id);
    while (row?.content_hash !== expected.contentHash) {
      if (Date.now() > deadline) throw new Error(`the article row did not end on the converged document: ${JSON.stringify(row)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      for (const server of [a, b]) await server.collab.idle();
      row = await findArticleRow(store.db, article.id);
    }
    expect(row).toMatchObject({ title: expected.headline, standfirst: expected.standfirst });
  });

  it("carry each other's edits and presence, with the presence stamped by the instance its client is on", async () => {
    const [a, b] = [await instance(), await instance()];
    const article = await insertArticle(store.db, alice);
    const onA = join(a, alice, article.id);
    const onB = join(b, bob, article.id);
    await Promise.all([onA.synced, onB.synced]);

    onA.doc.getText("headline").insert(0, "Council votes");
    await waitFor(() => headline(onB) === "Council votes", "A's edit on B");
    onB.doc.getText("headline").insert(headline(onB).length, " to close library");
    await waitFor(() => headline(onA) === "Council votes to close library", "B's edit on A");

    onA.provider.awareness.setLocalStateField("user", { id: "forged", name: "Not Alice", color: "#c0392b" });
    await waitFor(() => onB.provider.awareness.getStates().has(onA.doc.clientID), "Alice's presence on B");
    const seen = onB.provider.awareness.getStates().get(onA.doc.clientID) as { user: { id: string; name: string; color: string } };
    expect(seen.user).toEqual({ id: alice.id, name: "Alice Adams", color: "#c0392b" });

    onA.destroy();
    await waitFor(() => !onB.provider.awareness.getStates().has(onA.doc.clientID), "Alice's presence to leave B");
    await stored(article.id, "Council votes to close library");
  });

  it("lets an instance that opens the article later start from the store, then follow live edits and see who is already there", async () => {
    const a = await instance();
    const article = await insertArticle(store.db, alice);
    const onA = join(a, alice, article.id);
    await onA.synced;
    onA.doc.getText("headline").insert(0, "Before B opened it");
    onA.provider.awareness.setLocalStateField("cursor", null);
    await stored(article.id, "Before B opened it");

    const b = await instance();
    const onB = join(b, bob, article.id);
    await onB.synced;
    expect(headline(onB)).toBe("Before B opened it");
    await waitFor(() => onB.provider.awareness.getStates().has(onA.doc.clientID), "A's existing presence on B");

    onA.doc.getText("headline").insert(0, "Live: ");
    await waitFor(() => headline(onB) === "Live: Before B opened it", "the live edit on B");
  });

  it("fills in from the store an update whose relay message went missing", async () => {
    let dropped = 0;
    const lossy = (relay: DocRelay): DocRelay => ({
      ...relay,
      publishUpdates(articleId, updates) {
        // The first relayed batch is lost, as in a Redis outage; the next builds on it.
        if (dropped++ === 0) return;
        relay.publishUpdates(articleId, updates);
      },
    });
    const a = await instance(lossy);
    const b = await instance();
    const article = await insertArticle(store.db, alice);
    const onA = join(a, alice, article.id);
    const onB = join(b, bob, article.id);
    await Promise.all([onA.synced, onB.synced]);

    onA.doc.getText("headline").insert(0, "lost in transit");
    await waitFor(() => dropped === 1, "A to store and (fail to) relay the first edit");
    onA.doc.getText("headline").insert(headline(onA).length, ", then found");
    await waitFor(() => headline(onB) === "lost in transit, then found", "B to catch up from the store");
  });

  it("reads the store and asks for presence again when Redis confirms a room's subscription only after the room went on without it", async () => {
    let confirm: (() => void) | null = null;
    // B's subscription is confirmed late: until then B hears nothing the others relay.
    const slow = (relay: DocRelay): DocRelay => ({
      ...relay,
      async join(articleId, listener) {
        let isSubscribed = false;
        const unheard = () => undefined;
        await relay.join(articleId, {
          onUpdates: (updates) => (isSubscribed ? listener.onUpdates(updates) : unheard()),
          onAwareness: (update) => (isSubscribed ? listener.onAwareness(update) : unheard()),
          onAwarenessQuery: () => (isSubscribed ? listener.onAwarenessQuery() : unheard()),
          onLateSubscription: () => listener.onLateSubscription(),
        });
        confirm = () => {
          isSubscribed = true;
          listener.onLateSubscription();
        };
      },
    });
    const a = await instance();
    const b = await instance(slow);
    const article = await insertArticle(store.db, alice);
    const onA = join(a, alice, article.id);
    await onA.synced;
    onA.provider.awareness.setLocalStateField("cursor", null);
    const onB = join(b, bob, article.id);
    await onB.synced;
    onA.doc.getText("headline").insert(0, "missed while subscribing");
    await stored(article.id, "missed while subscribing");
    expect(headline(onB)).toBe("");
    expect(onB.provider.awareness.getStates().has(onA.doc.clientID)).toBe(false);

    confirm!();
    await waitFor(() => headline(onB) === "missed while subscribing", "B to read what it missed from the store");
    await waitFor(() => onB.provider.awareness.getStates().has(onA.doc.clientID), "A's presence on B, asked for again");
  });

  it("tells a room when Redis confirms its subscription after the load stopped waiting", async () => {
    const relay = createRedisDocRelay(redisUrl, { log: logger(), prefix, joinTimeoutMs: 0 });
    try {
      let lateCalls = 0;
      // A fresh connection is not even ready within 0 ms: the join goes on, the confirmation comes later.
      await relay.join(newId(), { onUpdates() {}, onAwareness() {}, onAwarenessQuery() {}, onLateSubscription: () => lateCalls++ });
      await waitFor(() => lateCalls === 1, "the late confirmation");
    } finally {
      await relay.close();
    }
  });

  it("both keep compacting the article from memory, never rebuilding it from the store, and lose nothing", async () => {
    // Every read of the article's whole update log (a load, or a rebuild from the store) is counted.
    let logReads = 0;
    const counting = store.db.withPlugin({
      transformQuery(args) {
        const node = args.node as { kind: string; from?: { froms: { table?: { identifier?: { name?: string } } }[] } };
        if (node.kind === "SelectQueryNode" && node.from?.froms.some((from) => from.table?.identifier?.name === "doc_updates")) logReads++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const startCounted = async () => {
      const relay = createRedisDocRelay(redisUrl, { log: logger(), prefix });
      const started = await startCollabOn(counting, { relay, limits: { compactAfterUpdates: 5 } });
      instances.push(started);
      return started;
    };
    const [a, b] = [await startCounted(), await startCounted()];
    const article = await insertArticle(store.db, alice);
    const onA = join(a, alice, article.id);
    const onB = join(b, bob, article.id);
    await Promise.all([onA.synced, onB.synced]);
    const readsAtLoad = logReads;
    let expected = "";
    for (let i = 0; i < 40; i++) {
      const [typist, other] = i % 2 === 0 ? [onA, onB] : [onB, onA];
      const word = `${i} `;
      typist.doc.getText("headline").insert(headline(typist).length, word);
      expected += word;
      // Each edit reaches the other instance's client before the next is typed after it.
      await waitFor(() => headline(other) === expected, `edit ${i} on both`);
    }
    await Promise.all([a.collab.idle(), b.collab.idle()]);

    // Each instance folded its own rows over the other's snapshots, taking those in from memory.
    expect(logReads - readsAtLoad).toBe(0);
    const rows = await store.db.selectFrom("doc_updates").select("id").where("article_id", "=", article.id).execute();
    expect(rows.length).toBeLessThan(10);
    const snapshot = await store.db.selectFrom("doc_snapshots").select("revision").where("article_id", "=", article.id).executeTakeFirstOrThrow();
    expect(snapshot.revision).toBeGreaterThanOrEqual(4);
    expect(await readArticleText(store.db, article.id)).toBe(expected.trimEnd());
    const fresh = join(b, alice, article.id);
    await fresh.synced;
    expect(headline(fresh)).toBe(expected);
  });

  it("loses nothing when an instance stops mid-edit and its client comes back through the other one", async () => {
    const [a, b] = [await instance(), await instance()];
    const article = await insertArticle(store.db, alice);
    const onA = join(a, alice, article.id);
    const onB = join(b, bob, article.id);
    await Promise.all([onA.synced, onB.synced]);
    for (const word of ["one ", "two ", "three"]) onA.doc.getText("headline").insert(headline(onA).length, word);
    await a.close();
    instances.splice(instances.indexOf(a), 1);
    onA.provider.disconnect();

    // The load balancer sends the reconnecting client to B, with the document it kept.
    const moved = connectProvider(b.url, article.id, { token: tokenFor(alice) }, onA.doc);
    open.push({ ...moved, destroy: () => moved.provider.destroy() });
    await waitFor(() => headline(onB) === "one two three", "every edit on B");
    await stored(article.id, "one two three");
  });
});
