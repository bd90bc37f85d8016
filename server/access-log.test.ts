import http from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createLogger } from "../lib/log";
import { noteRequestUser, runInRequestContext } from "../lib/request-context";
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
    const { context } = trackRequest(req, res, log);
    // As the app does: the user is found some awaits later, inside the request's context.
    void runInRequestContext(context, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      const user = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
      if (user) noteRequestUser(user);
      res.writeHead(req.url?.startsWith("/missing") ? 404 : 200);
      res.end("ok");
    });
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

it("names the user when the app found out who the request was, and no one otherwise", async () => {
  await fetch(`${base}/dashboard`, { headers: { "x-request-id": "with-user", authorization: "Bearer user_42" } });
  expect(await logged("with-user")).toMatchObject({ path: "/dashboard", userId: "user_42" });
  await fetch(`${base}/login`, { headers: { "x-request-id": "anonymous" } });
  expect(await logged("anonymous")).not.toHaveProperty("userId");
  // Outside any request (the collab upgrade, the CLI) noting a user is harmless.
  expect(() => noteRequestUser("user_1")).not.toThrow();
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
