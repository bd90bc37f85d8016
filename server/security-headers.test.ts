import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, it } from "vitest";
import { setSecurityHeaders } from "./security-headers";

async function headersOf(isHttps: boolean, routeCsp?: string) {
  const server = http.createServer((_req, res) => {
    setSecurityHeaders(res, { isHttps });
    if (routeCsp) res.setHeader("content-security-policy", routeCsp);
    res.end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    return (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)).headers;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

it("refuses framing, plugins and sniffing, limits referrers and browser features; HSTS only over https", async () => {
  const plain = await headersOf(false);
  expect(plain.get("content-security-policy")).toBe("frame-ancestors 'none'; object-src 'none'; base-uri 'self'");
  expect(plain.get("x-frame-options")).toBe("DENY");
  expect(plain.get("x-content-type-options")).toBe("nosniff");
  expect(plain.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  expect(plain.get("permissions-policy")).toContain("microphone=()");
  expect(plain.get("strict-transport-security")).toBeNull();
  expect((await headersOf(true)).get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
  // A route with its own policy (the export's sandbox) keeps it.
  expect((await headersOf(false, "default-src 'none'; sandbox")).get("content-security-policy")).toBe("default-src 'none'; sandbox");
});
