import http from "node:http";
import { Writable } from "node:stream";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createLogger } from "../../lib/log";
import { insertArticle, insertUser } from "../../lib/testing/factories";
import { connectProvider, startCollab, tokenFor, waitFor, type TestCollab } from "./testing/harness";

const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});
let collab: TestCollab;

beforeAll(async () => {
  collab = await startCollab({ log: createLogger(sink, "info") });
});
afterAll(async () => {
  await collab?.close();
});

it("names each connection in its log lines, and never logs its token", async () => {
  const writer = await insertUser(collab.db, { role: "writer" });
  const article = await insertArticle(collab.db, writer);
  const token = tokenFor(writer);
  const provider = connectProvider(collab.url, article.id, { token });
  await provider.synced;
  provider.destroy();
  await waitFor(() => lines.some((l) => l.msg === "collab connection closed"), "the closed line");
  const opened = lines.find((l) => l.msg === "collab connection opened")!;
  const closed = lines.find((l) => l.msg === "collab connection closed")!;
  expect(opened.connectionId).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
  expect(closed.connectionId).toBe(opened.connectionId);
  expect(JSON.stringify(lines)).not.toContain(token);
});

it("names a refused upgrade too, and never logs the forged token it came with", async () => {
  const writer = await insertUser(collab.db, { role: "writer" });
  const article = await insertArticle(collab.db, writer);
  const forged = `${tokenFor(writer).slice(0, -4)}AAAA`;
  const status = await new Promise<number>((resolve, reject) => {
    const request = http.get(`${collab.url.replace("ws:", "http:")}/${article.id}?token=${encodeURIComponent(forged)}`, {
      headers: { connection: "Upgrade", upgrade: "websocket", "sec-websocket-version": "13", "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==" },
    });
    request.on("response", (response) => resolve(response.statusCode ?? 0));
    request.on("error", reject);
  });
  expect(status).toBe(401);
  await waitFor(() => lines.some((l) => l.msg === "collab upgrade refused" && l.articleId === article.id), "the refused line");
  const refused = lines.find((l) => l.msg === "collab upgrade refused" && l.articleId === article.id)!;
  expect(refused).toMatchObject({ reason: "unauthenticated", status: 401 });
  expect(refused.connectionId).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
  expect(JSON.stringify(lines)).not.toContain(forged);
});
