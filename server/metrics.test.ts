import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { countRefusal, serveMetrics } from "./metrics";

let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => void serveMetrics(res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
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
