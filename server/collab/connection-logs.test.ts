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
