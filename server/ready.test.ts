import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { setStore } from "../lib/db/client";
import { setupSuiteStore } from "../lib/testing/suite";
import { Readiness } from "./ready";

const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

describe("GET /api/ready", () => {
  const store = setupSuiteStore("sqlite");
  beforeAll(() => setStore(store));
  const open: { server: http.Server; readiness: Readiness }[] = [];
  afterEach(async () => {
    for (const { server, readiness } of open.splice(0)) {
      await readiness.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  async function serve(redis: string | undefined) {
    const readiness = new Readiness(redis);
    const server = http.createServer((_req, res) => void readiness.serve(res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    open.push({ server, readiness });
    const ask = async () => {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/ready`);
      return { status: response.status, body: await response.json() };
    };
    return { readiness, ask };
  }

  it("is ready with the store and Redis answering, and says when Redis is not configured", async () => {
    expect(await (await serve(redisUrl)).ask()).toEqual({ status: 200, body: { status: "ready", db: "ok", redis: "ok" } });
    expect(await (await serve(undefined)).ask()).toEqual({ status: 200, body: { status: "ready", db: "ok", redis: "off" } });
  });

  it("answers 503 naming Redis when it cannot be reached", async () => {
    const { ask } = await serve("redis://127.0.0.1:1");
    expect(await ask()).toEqual({ status: 503, body: { status: "unavailable", db: "ok", redis: "unreachable" } });
  });

  it("answers 503 draining from the moment a shutdown begins", async () => {
    const { readiness, ask } = await serve(undefined);
    readiness.drain();
    expect(await ask()).toEqual({ status: 503, body: { status: "draining" } });
  });
});
