import { Writable } from "node:stream";
import { expect, it } from "vitest";
import { createLogger } from "../../lib/log";
import type { Connection } from "./connection";
import { logObserver } from "./log-observer";

function observed() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, observer: logObserver(createLogger(sink, "debug")) };
}

/** A connection as the log reads it: its id, its user and room, and which refusals it has been logged for. */
function connection(): Connection {
  const logged = new Set<string>();
  return {
    id: "6f1c1c8e-3b1a-4c55-9a1f-0d8c3e9f2a10",
    user: { id: "user-1", name: "Rui" },
    room: { id: "article-1" },
    isFirstRefusal: (reason: string) => !logged.has(reason) && Boolean(logged.add(reason)),
  } as unknown as Connection;
}

it("logs a refused message at warn the first time for its reason on that connection, then at debug", async () => {
  const { lines, observer } = observed();
  const conn = connection();
  observer.refused("read_only", { at: "message", conn });
  observer.refused("read_only", { at: "message", conn });
  observer.refused("not_a_suggestion", { at: "message", conn, detail: "inserts text that is not marked as their suggestion" });
  await new Promise((resolve) => setImmediate(resolve));
  expect(lines.map((line) => [line.msg, line.level, line.reason, line.connectionId])).toEqual([
    ["collab refused", 40, "read_only", conn.id],
    ["collab refused", 20, "read_only", conn.id],
    ["collab refused", 40, "not_a_suggestion", conn.id],
  ]);
  expect(lines[2]!.detail).toBe("inserts text that is not marked as their suggestion");
});

it("names the refused upgrade's status, and a closed or dropped connection's reason, each with its connection id", async () => {
  const { lines, observer } = observed();
  const conn = connection();
  const refusedId = "0b6c3f7e-9d2a-4e81-b5c4-7a1e2d3f4a5b";
  observer.refused("too_many_connections", { at: "upgrade", connectionId: refusedId, status: 429, userId: "user-1", articleId: "article-1" });
  observer.refused("access_revoked", { at: "close", conn, code: 4403, detail: "access revoked" });
  observer.refused("slow_reader", { at: "drop", conn });
  await new Promise((resolve) => setImmediate(resolve));
  expect(lines.map((line) => [line.msg, line.reason, line.status ?? line.code ?? null])).toEqual([
    ["collab upgrade refused", "too_many_connections", 429],
    ["collab connection refused", "access_revoked", 4403],
    ["collab connection dropped", "slow_reader", null],
  ]);
  expect(lines.map((line) => line.connectionId)).toEqual([refusedId, conn.id, conn.id]);
});
