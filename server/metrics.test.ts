import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { resetEnvCache } from "../lib/env";
import { countRefusal, serveMetrics } from "./metrics";

let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => void serveMetrics(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});
afterEach(() => {
  delete process.env.GALLEY_METRICS_TOKEN;
  resetEnvCache();
});

it("GET /metrics answers the collab metrics in Prometheus text format", async () => {
  countRefusal("read_only");
  const response = await fetch(`${base}/metrics`);
  const body = await response.text();

  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
  for (const name of [
    "galley_collab_connections",
    "galley_collab_documents_loaded",
    "galley_collab_updates_received_total",
    "galley_collab_updates_sent_total",
    "galley_collab_persist_seconds_bucket",
    "galley_process_resident_memory_bytes",
  ]) {
    expect(body).toContain(name);
  }
  expect(body).toMatch(/galley_collab_refusals_total\{reason="read_only"\} 1/);
});

it("with GALLEY_METRICS_TOKEN set, /metrics answers 401 without that bearer token and 200 with it", async () => {
  process.env.GALLEY_METRICS_TOKEN = "scrape-secret";
  resetEnvCache();

  const anonymous = await fetch(`${base}/metrics`);
  const wrong = await fetch(`${base}/metrics`, { headers: { authorization: "Bearer nope" } });
  const right = await fetch(`${base}/metrics`, { headers: { authorization: "Bearer scrape-secret" } });

  expect(anonymous.status).toBe(401);
  expect(wrong.status).toBe(401);
  expect(right.status).toBe(200);
  expect(await right.text()).toContain("galley_collab_connections");
});
