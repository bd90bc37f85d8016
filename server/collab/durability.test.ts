import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import { openStore, type Store } from "../../lib/db/client";
import { loadDocument } from "../../lib/docs";
import { insertArticle, insertUser } from "../../lib/testing/factories";
import type { User } from "../../lib/users";
import { collabMetrics } from "../metrics";
import {
  RawClient,
  connectProvider,
  startCollab,
  tokenFor,
  updateMessage,
  upgradeStatus,
  waitFor,
  withSlowCommits,
  type TestCollab,
} from "./testing/harness";

async function storedHeadline(server: TestCollab, articleId: string): Promise<string> {
  return (await loadDocument(server.db, articleId)).getText("headline").toString();
}

describe("with a store that is slow to commit", () => {
  let server: TestCollab;
  let writer: User;
  let editor: User;
  beforeAll(async () => {
    server = await startCollab({ wrapDb: (db) => withSlowCommits(db, 150) });
    writer = await insertUser(server.db, { role: "writer" });
    editor = await insertUser(server.db, { role: "editor" });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("another client receives an update only once it is stored", async () => {
    const article = await insertArticle(server.db, writer);
    const a = connectProvider(server.url, article.id, { token: tokenFor(writer) });
    const b = connectProvider(server.url, article.id, { token: tokenFor(editor) });
    await Promise.all([a.synced, b.synced]);
    const checks: Promise<[string, string]>[] = [];
    b.doc.on("update", () => {
      const seen = b.doc.getText("headline").toString();
      checks.push(storedHeadline(server, article.id).then((stored) => [seen, stored]));
    });

    a.doc.getText("headline").insert(0, "durable");
    await waitFor(() => b.doc.getText("headline").toString() === "durable", "b to receive the headline");

    for (const [seen, stored] of await Promise.all(checks)) expect(stored).toBe(seen);
    a.destroy();
    b.destroy();
  });

  it("a client joining while an update is being stored is sent the document only once it is stored", async () => {
    const article = await insertArticle(server.db, writer);
    const a = connectProvider(server.url, article.id, { token: tokenFor(writer) });
    await a.synced;

    a.doc.getText("headline").insert(0, "in flight");
    const late = connectProvider(server.url, article.id, { token: tokenFor(editor) });
    await late.synced;
    const seen = late.doc.getText("headline").toString();

    expect(await storedHeadline(server, article.id)).toBe(seen);
    a.destroy();
    late.destroy();
  });
});

describe("when the store fails", () => {
  it("gives up after a few retries, closes with 1011, and the clients' resent changes are stored once it recovers", async () => {
    let isStoreDown = false;
    const server = await startCollab({
      wrapDb: (db) =>
        new Proxy(db, {
          get(target, property) {
            const value = Reflect.get(target, property, target) as unknown;
            if (property === "executeQuery" && typeof value === "function") {
              return (...args: unknown[]) =>
                isStoreDown ? Promise.reject(new Error("disk full")) : value.apply(target, args);
            }
            return typeof value === "function" ? value.bind(target) : value;
          },
        }),
    });
    try {
      const writer = await insertUser(server.db, { role: "writer" });
      const article = await insertArticle(server.db, writer);
      const a = connectProvider(server.url, article.id, { token: tokenFor(writer) });
      await a.synced;

      isStoreDown = true;
      a.doc.getText("headline").insert(0, "written while the disk was full");
      await waitFor(() => a.closeCodes.includes(1011), "the connection to close with 1011", 5000);
      isStoreDown = false;

      await waitFor(() => a.provider.synced, "the client to reconnect");
      // Synced means the client has the server's state; its own resent change may still be on the way in.
      const deadline = Date.now() + 5000;
      while ((await storedHeadline(server, article.id)) === "" && Date.now() < deadline) {
        await server.collab.idle();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(await storedHeadline(server, article.id)).toBe("written while the disk was full");
      a.destroy();
    } finally {
      await server.close();
    }
  });
});

describe("shutting down", () => {
  it("stores what was received, tells the sender it is saved, then closes every connection with 1012 so clients reconnect elsewhere", async () => {
    const server = await startCollab({ wrapDb: (db) => withSlowCommits(db, 150) });
    try {
      const writer = await insertUser(server.db, { role: "writer" });
      const article = await insertArticle(server.db, writer);
      const client = await RawClient.open(server.url, article.id, { token: tokenFor(writer), saved: "1" });
      const local = new Y.Doc();
      local.getText("headline").insert(0, "sent just before SIGTERM");
      const updatesReceived = async () => (await collabMetrics.updatesIn.get()).values[0]?.value ?? 0;
      const before = await updatesReceived();

      client.send(updateMessage(Y.encodeStateAsUpdate(local)));
      while ((await updatesReceived()) === before) await new Promise((resolve) => setTimeout(resolve, 5));
      // Its commit is still under way (the store is slow) when the server is told to stop.
      const closing = server.collab.close();

      expect((await client.closed).code).toBe(1012);
      // Told before the close, so the reconnecting client need not resend it.
      expect(client.ofType(8)).toHaveLength(1);
      await closing;
      expect(await storedHeadline(server, article.id)).toBe("sent just before SIGTERM");
      expect(await upgradeStatus(server.url, article.id, { token: tokenFor(writer) })).toBe(503);
    } finally {
      await server.close();
    }
  });
});

describe("a crash (kill -9) and restart", () => {
  const serveEntry = fileURLToPath(new URL("./testing/serve.ts", import.meta.url));
  let dir: string;
  let store: Store;
  let child: ChildProcess | null = null;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "galley-crash-"));
    store = await openStore({ url: path.join(dir, "galley.db") });
  });
  afterAll(async () => {
    child?.kill("SIGKILL");
    await store?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function startChild(): Promise<string> {
    const proc = spawn(process.execPath, ["--import", "tsx", serveEntry], {
      env: { ...process.env, GALLEY_TEST_DB: path.join(dir, "galley.db") },
      stdio: ["ignore", "pipe", "inherit"],
    });
    child = proc;
    const port = await new Promise<string>((resolve, reject) => {
      let output = "";
      proc.stdout!.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const match = /PORT (\d+)/.exec(output);
        if (match) resolve(match[1]!);
      });
      proc.once("exit", (code) => reject(new Error(`collab server exited with ${code}`)));
    });
    return `ws://127.0.0.1:${port}/collab`;
  }

  it("loses nothing that another client had received or that was acknowledged as saved", async () => {
    const writer = await insertUser(store.db, { role: "writer" });
    const article = await insertArticle(store.db, writer);
    const url = await startChild();

    const typist = await RawClient.open(url, article.id, { token: tokenFor(writer), saved: "1" });
    const observer = connectProvider(url, article.id, { token: tokenFor(writer) });
    await observer.synced;
    const local = new Y.Doc();
    local.on("update", (update: Uint8Array) => typist.send(updateMessage(update)));
    const typing = setInterval(() => {
      const headline = local.getText("headline");
      headline.insert(headline.length, String(headline.length % 10));
    }, 2);

    await waitFor(() => observer.doc.getText("headline").length >= 100, "the observer to receive 100 characters");
    child!.kill("SIGKILL");
    await new Promise((resolve) => child!.once("exit", resolve));
    clearInterval(typing);
    const received = observer.doc.getText("headline").toString();
    const acknowledged = typist.ofType(8).reduce((sum, m) => {
      const decoder = decoding.createDecoder(m);
      decoding.readVarUint(decoder);
      return sum + decoding.readVarUint(decoder);
    }, 0);
    observer.destroy();
    typist.close();

    const restarted = await startChild();
    const fresh = connectProvider(restarted, article.id, { token: tokenFor(writer) });
    await fresh.synced;
    const recovered = fresh.doc.getText("headline").toString();
    fresh.destroy();

    expect(recovered.startsWith(received)).toBe(true);
    // One character per update: every acknowledged update is there.
    expect(recovered.length).toBeGreaterThanOrEqual(acknowledged);
    expect(local.getText("headline").toString().startsWith(recovered)).toBe(true);
  }, 30_000);
});
