import http from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createLogger } from "../lib/log";
import { trackRequest } from "./access-log";

const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    done();
  },
});
const log = createLogger(sink, "info");
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    trackRequest(req, res, log);
    res.writeHead(req.url?.startsWith("/missing") ? 404 : 200);
    res.end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const logged = async (requestId: string) => {
  for (let i = 0; i < 50 && !lines.some((l) => l.includes(requestId)); i++) await new Promise((r) => setTimeout(r, 10));
  return JSON.parse(lines.find((l) => l.includes(requestId))!);
};

it("answers every request with an X-Request-Id, keeping a safe incoming one, and logs one line without the query", async () => {
  const kept = await fetch(`${base}/collab/abc?token=secret-token-value`, { headers: { "x-request-id": "lb-7f3a:42" } });
  expect(kept.headers.get("x-request-id")).toBe("lb-7f3a:42");
  const line = await logged("lb-7f3a:42");
  expect(line).toMatchObject({ msg: "request", requestId: "lb-7f3a:42", method: "GET", path: "/collab/abc", status: 200, ms: expect.any(Number) });
  expect(JSON.stringify(lines)).not.toContain("secret-token-value");

  const replaced = await fetch(`${base}/missing`, { headers: { "x-request-id": "<script>" + "x".repeat(200) } });
  const id = replaced.headers.get("x-request-id")!;
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  expect(await logged(id)).toMatchObject({ path: "/missing", status: 404 });
});

it("never writes passwords, tokens, secrets, cookies or authorization headers", () => {
  log.warn(
    {
      password: "hunter2-password",
      user: { token: "tok-123456", secret: "s3cret-value" },
      headers: { authorization: "Bearer abc.def", cookie: "next-auth.session-token=jwt-value" },
      req: { headers: { authorization: "Bearer other", cookie: "sid=cookie-value" } },
    },
    "something happened",
  );
  const last = lines.at(-1)!;
  for (const secret of ["hunter2-password", "tok-123456", "s3cret-value", "Bearer abc.def", "jwt-value", "Bearer other", "cookie-value"]) {
    expect(last).not.toContain(secret);
  }
  expect(last).toContain("[redacted]");
});
