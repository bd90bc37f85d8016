import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "../env";
import { authSecret } from "./secret";
import { mintToken, readToken } from "./tokens";

describe("authSecret", () => {
  let dir: string;
  const saved = { secret: process.env.NEXTAUTH_SECRET, dataDir: process.env.DATA_DIR };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "galley-secret-"));
    delete process.env.NEXTAUTH_SECRET;
    process.env.DATA_DIR = path.join(dir, "data");
    resetEnvCache();
  });
  afterEach(() => {
    for (const [key, value] of [["NEXTAUTH_SECRET", saved.secret], ["DATA_DIR", saved.dataDir]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    resetEnvCache();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("generates a secret into DATA_DIR on first use, readable only by its owner, and keeps it", () => {
    const first = authSecret();
    expect(first.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dir, "data", "nextauth-secret");
    expect(fs.readFileSync(file, "utf8").trim()).toBe(first);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(authSecret()).toBe(first);
  });

  it("prefers NEXTAUTH_SECRET, and tokens signed with one secret fail under the other", () => {
    const generated = authSecret();
    process.env.NEXTAUTH_SECRET = "configured-secret-0123456789";
    resetEnvCache();
    expect(authSecret()).toBe("configured-secret-0123456789");
    const token = mintToken({ id: "u1", tokenVersion: 3 }, 60);
    expect(readToken(token)).toMatchObject({ sub: "u1", ver: 3 });
    expect(readToken(token, generated)).toBeNull();
  });
});

describe("tokens", () => {
  it("carry the user, their token version and an expiry ttl seconds ahead", () => {
    const token = mintToken({ id: "u2", tokenVersion: 1 }, 90, "a-secret-for-this-test-only");
    expect(token.startsWith("glt1.")).toBe(true);
    const payload = readToken(token, "a-secret-for-this-test-only")!;
    expect(payload).toMatchObject({ sub: "u2", ver: 1 });
    expect(payload.exp - payload.iat).toBe(90);
  });

  it("refuse oversized and foreign strings without throwing", () => {
    expect(readToken(`glt1.${"a".repeat(3000)}.b`, "s")).toBeNull();
    expect(readToken("eyJhbGciOiJIUzI1NiJ9.e30.sig", "s")).toBeNull();
    expect(readToken("glt1..", "s")).toBeNull();
  });
});
