import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { insertArticle, insertUser } from "../../lib/testing/factories";
import type { User } from "../../lib/users";
import {
  RawClient,
  awarenessMessage,
  connectProvider,
  startCollab,
  tokenFor,
  waitFor,
  type TestCollab,
  type TestProvider,
} from "./testing/harness";

let server: TestCollab;
let alice: User;
let mallory: User;
const open: { destroy(): void }[] = [];

beforeAll(async () => {
  server = await startCollab({ limits: { maxClientIdsPerConnection: 2, maxAwarenessBytes: 1024 } });
  alice = await insertUser(server.db, { role: "editor", name: "Alice Adams" });
  mallory = await insertUser(server.db, { role: "editor", name: "Mallory Moss" });
});
afterEach(() => {
  for (const client of open.splice(0)) client.destroy();
});
afterAll(async () => {
  await server?.close();
});

async function watcher(articleId: string, user = alice): Promise<TestProvider> {
  const p = connectProvider(server.url, articleId, { token: tokenFor(user) });
  open.push(p);
  await p.synced;
  return p;
}

async function raw(articleId: string, user = mallory): Promise<RawClient> {
  const client = await RawClient.open(server.url, articleId, { token: tokenFor(user) });
  open.push({ destroy: () => client.close() });
  return client;
}

/** Lets a message reach the server and its broadcast reach the clients. */
async function settle(p: TestProvider, clientId: number) {
  await waitFor(() => p.provider.awareness.getStates().has(clientId), `client ${clientId} to appear`);
}

describe("awareness", () => {
  it("shows the authenticated user's id and name, whatever the client claims, and keeps its colour", async () => {
    const article = await insertArticle(server.db, alice);
    const observer = await watcher(article.id);
    const spoofer = await raw(article.id);

    const claimed = { user: { id: alice.id, name: "Alice Adams", color: "#f00" }, cursor: { anchor: 3 } };
    spoofer.send(awarenessMessage([{ clientId: 1001, clock: 1, state: claimed }]));
    await settle(observer, 1001);

    expect(observer.provider.awareness.getStates().get(1001)).toEqual({
      user: { id: mallory.id, name: "Mallory Moss", color: "#f00" },
      cursor: { anchor: 3 },
    });
  });

  it("refuses a client changing or removing another user's client state", async () => {
    const article = await insertArticle(server.db, alice);
    const observer = await watcher(article.id);
    const honest = await watcher(article.id);
    honest.provider.awareness.setLocalStateField("user", { color: "#0a0" });
    const honestId = honest.doc.clientID;
    await settle(observer, honestId);
    const spoofer = await raw(article.id);

    spoofer.send(awarenessMessage([{ clientId: honestId, clock: 1000, state: { user: { name: "hijacked" } } }]));
    spoofer.send(awarenessMessage([{ clientId: honestId, clock: 1001, state: null }]));
    spoofer.send(awarenessMessage([{ clientId: 2002, clock: 1, state: { marker: true } }]));
    await settle(observer, 2002);

    const honestUser = observer.provider.awareness.getStates().get(honestId)?.user;
    expect(honestUser).toEqual({ id: alice.id, name: "Alice Adams", color: "#0a0" });
  });

  it("lets a connection own only a few client ids and publish only small states", async () => {
    const article = await insertArticle(server.db, alice);
    const observer = await watcher(article.id);
    const greedy = await raw(article.id);

    const claims = [3001, 3002, 3003, 3004].map((clientId) => ({ clientId, clock: 1, state: { n: clientId } }));
    greedy.send(awarenessMessage(claims));
    const huge = await raw(article.id);
    huge.send(awarenessMessage([{ clientId: 4001, clock: 1, state: { padding: "x".repeat(2000) } }]));
    huge.send(awarenessMessage([{ clientId: 4002, clock: 1, state: { small: true } }]));
    await settle(observer, 4002);

    const states = observer.provider.awareness.getStates();
    expect([3001, 3002, 3003, 3004].filter((id) => states.has(id))).toEqual([3001, 3002]);
    expect(states.has(4001)).toBe(false);
  });

  it("removes a connection's clients when it closes; the same user may take them over on a new one", async () => {
    const article = await insertArticle(server.db, alice);
    const observer = await watcher(article.id);
    const first = await raw(article.id);
    first.send(awarenessMessage([{ clientId: 5001, clock: 1, state: { here: 1 } }]));
    await settle(observer, 5001);

    const second = await raw(article.id);
    second.send(awarenessMessage([{ clientId: 5001, clock: 2, state: { here: 2 } }]));
    await waitFor(() => observer.provider.awareness.getStates().get(5001)?.here === 2, "the takeover");
    first.close();
    second.close();

    await waitFor(() => !observer.provider.awareness.getStates().has(5001), "the client to leave");
  });

  it("shows a stock client again as soon as it reconnects, not at its next renewal 15 s later", async () => {
    const article = await insertArticle(server.db, alice);
    const observer = await watcher(article.id);
    const colleague = await watcher(article.id);
    colleague.provider.awareness.setLocalStateField("user", { color: "#a0a" });
    const id = colleague.doc.clientID;
    await settle(observer, id);

    colleague.provider.disconnect();
    await waitFor(() => !observer.provider.awareness.getStates().has(id), "the colleague to leave");
    colleague.provider.connect();
    // It re-announces at the clock the server saw removed; the server tells it so, and it announces again.
    await waitFor(() => observer.provider.awareness.getStates().get(id)?.user?.color === "#a0a", "the colleague to be back", 3000);
  });

  it("answers a query with every present state", async () => {
    const article = await insertArticle(server.db, alice);
    const present = await watcher(article.id);
    present.provider.awareness.setLocalStateField("user", { color: "#00f" });
    const asker = await raw(article.id);
    await waitFor(() => asker.ofType(1).length > 0, "the states sent on connect");
    const before = asker.ofType(1).length;

    asker.send(new Uint8Array([3]));

    await waitFor(() => asker.ofType(1).length > before, "an answer to the query");
  });
});
