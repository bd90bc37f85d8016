import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { allowedMethods, jsonMethodNotAllowed, readApiRoutes, refuseUnlessRead } from "./api-methods";

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../app");

it("knows the methods of every /api route from its file", () => {
  const routes = readApiRoutes(appDir);
  expect(allowedMethods(routes, "/api/me")).toEqual(["GET", "HEAD"]);
  expect(allowedMethods(routes, "/api/articles/abc123/versions")).toEqual(["GET", "POST", "HEAD"]);
  expect(allowedMethods(routes, "/api/articles/abc123/workflow")).toEqual(["POST"]);
  expect(allowedMethods(routes, "/api/articles/a/deliveries/d/retry")).toEqual(["POST"]);
});

it("turns a bare 405 into the API's JSON error with Allow, and leaves other answers alone", async () => {
  const server = http.createServer((req, res) => {
    jsonMethodNotAllowed(res, req.method!, ["GET", "HEAD"]);
    if (req.url === "/ok") return void res.end("fine");
    res.writeHead(405);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const refused = await fetch(`${base}/api/me`, { method: "POST" });
    expect(refused.status).toBe(405);
    expect(refused.headers.get("allow")).toBe("GET, HEAD");
    expect(refused.headers.get("content-type")).toBe("application/json");
    expect(await refused.json()).toEqual({ error: "method_not_allowed", message: "POST is not allowed here; use GET, HEAD." });
    expect(await (await fetch(`${base}/ok`)).text()).toBe("fine");
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

it("refuses anything but GET and HEAD on the routes the server answers itself", async () => {
  const server = http.createServer((req, res) => {
    if (refuseUnlessRead(req.method, res)) return;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ status: "ok" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/health`;
  try {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const refused = await fetch(url, { method });
      expect(refused.status, method).toBe(405);
      expect(refused.headers.get("allow")).toBe("GET, HEAD");
      expect(await refused.json()).toEqual({ error: "method_not_allowed", message: `${method} is not allowed here; use GET, HEAD.` });
    }
    expect(await (await fetch(url)).json()).toEqual({ status: "ok" });
    expect((await fetch(url, { method: "HEAD" })).status).toBe(200);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
