import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, it } from "vitest";
import { nonceHeader } from "../lib/request-context";
import { setSecurityHeaders } from "./security-headers";

/** The headers a response carries, and what the request handed on to Next. */
async function exchange(options: { isHttps?: boolean; isDev?: boolean; routeCsp?: string; requestHeaders?: Record<string, string> } = {}) {
  let seen: http.IncomingHttpHeaders = {};
  const server = http.createServer((req, res) => {
    setSecurityHeaders(req, res, { isHttps: options.isHttps ?? false, isDev: options.isDev ?? false });
    seen = { ...req.headers };
    if (options.routeCsp) res.setHeader("content-security-policy", options.routeCsp);
    res.end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const port = (server.address() as AddressInfo).port;
    // node:http, not fetch: fetch will not send a Host header of the test's choosing.
    const headers = await new Promise<Headers>((resolve, reject) => {
      http
        .get({ host: "127.0.0.1", port, path: "/", headers: options.requestHeaders }, (res) => {
          res.resume();
          const all = new Headers();
          for (const [name, value] of Object.entries(res.headers)) if (typeof value === "string") all.set(name, value);
          resolve(all);
        })
        .on("error", reject);
    });
    return { headers, seen, port };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

const directive = (policy: string | null, name: string) =>
  (policy ?? "").split("; ").find((d) => d.startsWith(`${name} `)) ?? "";

it("refuses framing, plugins and sniffing, limits referrers and browser features; HSTS only over https", async () => {
  const { headers } = await exchange();
  const policy = headers.get("content-security-policy");
  expect(directive(policy, "frame-ancestors")).toBe("frame-ancestors 'none'");
  expect(directive(policy, "object-src")).toBe("object-src 'none'");
  expect(directive(policy, "base-uri")).toBe("base-uri 'self'");
  expect(headers.get("x-frame-options")).toBe("DENY");
  expect(headers.get("x-content-type-options")).toBe("nosniff");
  expect(headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  expect(headers.get("permissions-policy")).toContain("microphone=()");
  expect(headers.get("strict-transport-security")).toBeNull();
  expect((await exchange({ isHttps: true })).headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
  // A route with its own policy (the export's sandbox) keeps it.
  expect((await exchange({ routeCsp: "default-src 'none'; sandbox" })).headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
});

it("lets scripts run only with a fresh nonce per response, never inline or eval in production", async () => {
  const first = await exchange();
  const second = await exchange();
  const scripts = directive(first.headers.get("content-security-policy"), "script-src");
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(scripts)?.[1];
  expect(nonce).toHaveLength(24);
  expect(scripts).not.toContain("unsafe-inline");
  expect(scripts).not.toContain("unsafe-eval");
  expect(directive(second.headers.get("content-security-policy"), "script-src")).not.toContain(nonce);
  // Next reads the nonce from the request's policy; the pages from the nonce header.
  expect(first.seen["content-security-policy"]).toBe(first.headers.get("content-security-policy"));
  expect(first.seen[nonceHeader]).toBe(nonce);
  // Development only: React's dev tools evaluate code.
  expect(directive((await exchange({ isDev: true })).headers.get("content-security-policy"), "script-src")).toContain("'unsafe-eval'");
});

it("never keeps a nonce or policy the client sent", async () => {
  const forged = { "content-security-policy": "script-src 'nonce-forged'", [nonceHeader]: "forged", "content-security-policy-report-only": "script-src *" };
  const { seen } = await exchange({ requestHeaders: forged });
  expect(seen[nonceHeader]).not.toBe("forged");
  expect(seen["content-security-policy"]).not.toContain("forged");
  expect(seen["content-security-policy-report-only"]).toBeUndefined();
});

it("sends connections to this origin and its websocket only", async () => {
  const { headers, port } = await exchange();
  expect(directive(headers.get("content-security-policy"), "connect-src")).toBe(`connect-src 'self' ws://127.0.0.1:${port} wss://127.0.0.1:${port}`);
  const odd = await exchange({ requestHeaders: { host: "evil.example; script-src *" } });
  expect(directive(odd.headers.get("content-security-policy"), "connect-src")).toBe("connect-src 'self'");
});
