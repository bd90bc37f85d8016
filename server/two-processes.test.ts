import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import * as decoding from "lib0/decoding";
import { afterAll, beforeAll, expect, it } from "vitest";
import type * as Y from "yjs";
import { readArticleText } from "../lib/docs";
import { startFailoverProxy, type FailoverProxy } from "../lib/testing/failover-proxy";
import { ensureBuild, freePort, startGalleyProcess, type GalleyProcess } from "../lib/testing/galley-process";
import { insertArticle, insertUser } from "../lib/testing/factories";
import { createTestStore, type TestStore } from "../lib/testing/stores";
import type { User } from "../lib/users";
import { connectProvider, tokenFor, waitFor, type TestProvider } from "./collab/testing/harness";

/**
 * Scaled out for real: two Galley processes as an operator starts them
 * (server/index.ts, same PostgreSQL schema, same Redis, same secret), one of
 * them killed with SIGKILL while people type. Clients of the killed one come
 * back through a failover proxy (what a load balancer does) to the survivor.
 */
const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
/** y-protocols drops a state nobody renewed for 30 s; the server sweeps once a second. */
const awarenessTimeoutMs = 30_000;

let store: TestStore;
let proxy: FailoverProxy | undefined;
const processes: GalleyProcess[] = [];
const providers: TestProvider[] = [];
const dataDirs: string[] = [];

async function galley(): Promise<GalleyProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "galley-two-processes-"));
  dataDirs.push(dataDir);
  const started = await startGalleyProcess(await freePort(), {
    DATABASE_URL: store.url,
    REDIS_URL: redisUrl,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET!,
    DATA_DIR: dataDir,
    LOG_LEVEL: "info",
  });
  processes.push(started);
  return started;
}

/** A stock y-websocket provider that also keeps the article events (message 9) it hears. */
function join(port: number, user: User, articleId: string) {
  const p = connectProvider(`ws://127.0.0.1:${port}/collab`, articleId, { token: tokenFor(user), events: "1" });
  const events: { type: string; commentId?: string }[] = [];
  p.provider.messageHandlers[9] = (_encoder, decoder) => void events.push(JSON.parse(decoding.readVarString(decoder)));
  providers.push(p);
  return Object.assign(p, { events });
}

const standfirst = (doc: Y.Doc) => doc.getText("standfirst").toString();
const tokensIn = (text: string) => new Set(text.match(/\[[a-z]\d:\d+\]/g) ?? []);

/** Types a token a little over every 40 ms at a random place, until stopped. */
function typist(p: TestProvider, name: string) {
  const typed: string[] = [];
  const timer = setInterval(() => {
    const text = p.doc.getText("standfirst");
    const token = `[${name}:${typed.length}]`;
    // Between tokens, so concurrent inserts never split one.
    const boundaries = [0, ...[...text.toString().matchAll(/\]/g)].map((m) => m.index + 1)];
    text.insert(boundaries[Math.floor(Math.random() * boundaries.length)]!, token);
    typed.push(token);
  }, 40);
  return { typed, stop: () => clearInterval(timer) };
}

/** Whether a client that joins this instance now sees that client id present (the instance's own view, not a client's cache). */
async function presentOn(port: number, viewer: User, articleId: string, clientId: number): Promise<boolean> {
  const fresh = join(port, viewer, articleId);
  try {
    await fresh.synced;
    // The states arrive with the connection's first messages, beside the sync.
    await new Promise((resolve) => setTimeout(resolve, 150));
    return fresh.provider.awareness.getStates().has(clientId);
  } finally {
    fresh.destroy();
    providers.splice(providers.indexOf(fresh), 1);
  }
}

beforeAll(async () => {
  // The web half of `npm start` needs the production build (a no-op when it is fresh).
  ensureBuild();
  store = await createTestStore("postgres");
}, 300_000);

afterAll(async () => {
  for (const p of providers.splice(0)) p.destroy();
  await proxy?.close();
  for (const instance of processes.splice(0)) await instance.stop();
  await store?.dispose();
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

it("survives kill -9 of one of two processes: nothing anyone saw is lost, the clients move over, the dead one's presence goes", async () => {
  const [alice, bob, carol] = [
    await insertUser(store.db, { role: "editor", name: "Alice Adams" }),
    await insertUser(store.db, { role: "editor", name: "Bob Brown" }),
    await insertUser(store.db, { role: "editor", name: "Carol Chen" }),
  ];
  const article = await insertArticle(store.db, alice);
  const [a, b] = await Promise.all([galley(), galley()]);
  // Alice reaches Galley through the balancer (A while it lives, then B); Carol only ever A; Bob only B.
  proxy = await startFailoverProxy([a.port, b.port]);
  const onA = join(proxy.port, alice, article.id);
  const watcherOnA = join(a.port, carol, article.id);
  const onB = join(b.port, bob, article.id);
  await Promise.all([onA.synced, watcherOnA.synced, onB.synced]);
  for (const p of [onA, watcherOnA, onB]) p.provider.awareness.setLocalStateField("user", { color: "#236" });
  const carolId = watcherOnA.doc.clientID;
  await waitFor(() => onB.provider.awareness.getStates().has(carolId), "Carol's presence on A to reach Bob on B");

  // Comments go live both ways: made through one instance's API, announced on the other's sockets.
  const tokens = new Map([alice, bob].map((user) => [user.id, tokenFor(user)]));
  const comment = async (on: GalleyProcess, user: User, body: string) => {
    const response = await fetch(`${on.baseUrl}/api/articles/${article.id}/comments`, {
      method: "POST",
      headers: { authorization: `Bearer ${tokens.get(user.id)}`, "content-type": "application/json" },
      body: JSON.stringify({ body }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { comment: { id: string } }).comment.id;
  };
  const onAComment = await comment(a, alice, "Which minister said this?");
  await waitFor(() => onB.events.some((e) => e.type === "comment.changed" && e.commentId === onAComment), "A's comment to reach B's socket");
  const onBComment = await comment(b, bob, "The transport minister.");
  await waitFor(() => watcherOnA.events.some((e) => e.type === "comment.changed" && e.commentId === onBComment), "B's comment to reach A's socket");
  // A's access line for that request names who made it, and no token.
  const logLines = a.lines.filter((line) => line.startsWith("{")).map((line) => JSON.parse(line) as Record<string, unknown>);
  const accessLine = logLines.find((line) => line.msg === "request" && line.method === "POST");
  expect(accessLine).toMatchObject({ path: `/api/articles/${article.id}/comments`, status: 201, userId: alice.id });
  expect(a.lines.join("\n")).not.toContain(tokens.get(alice.id));

  // Both type; A is killed mid-typing.
  const typists = [typist(onA, "a1"), typist(onB, "b1")];
  await waitFor(() => tokensIn(standfirst(onB.doc)).has("[a1:10]") && tokensIn(standfirst(onA.doc)).has("[b1:10]"), "typing to cross instances", 10_000);
  a.kill();
  const killedAt = Date.now();
  const seenAtKill = new Set([onA, watcherOnA, onB].flatMap((p) => [...tokensIn(standfirst(p.doc))]));
  await new Promise((resolve) => setTimeout(resolve, 1500));
  for (const t of typists) t.stop();

  // Alice's provider reconnects by itself through the balancer, to B; every edit is there, once, everywhere.
  const typed = typists.flatMap((t) => t.typed);
  await waitFor(() => standfirst(onA.doc) === standfirst(onB.doc) && tokensIn(standfirst(onB.doc)).size === typed.length, "the documents to converge", 20_000);
  const final = tokensIn(standfirst(onB.doc));
  for (const token of [...seenAtKill, ...typed]) expect(final).toContain(token);
  expect(standfirst(onB.doc).length).toBe(typed.join("").length);
  // Stored, not only in B's memory.
  const deadline = Date.now() + 10_000;
  let storedText = "";
  while (Date.now() < deadline && tokensIn((storedText = await readArticleText(store.db, article.id))).size < typed.length) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  for (const token of typed) expect(storedText).toContain(token);

  // Carol was only ever on A: B drops her presence within the awareness timeout. Alice, moved over, stays.
  expect(await presentOn(b.port, bob, article.id, onA.doc.clientID)).toBe(true);
  while (await presentOn(b.port, bob, article.id, carolId)) {
    expect(Date.now() - killedAt).toBeLessThan(awarenessTimeoutMs + 3000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  expect(await presentOn(b.port, bob, article.id, onA.doc.clientID)).toBe(true);

  // Nothing of the article is left in Redis (the relay and the events are pub/sub only).
  const redis = new Redis(redisUrl);
  try {
    const keys: string[] = [];
    let cursor = "0";
    do {
      const [next, found] = await redis.scan(cursor, "MATCH", `*${article.id}*`, "COUNT", 1000);
      keys.push(...found);
      cursor = next;
    } while (cursor !== "0");
    expect(keys).toEqual([]);
  } finally {
    redis.disconnect();
  }
}, 120_000);
