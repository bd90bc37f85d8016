import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "../env";
import { insertUser } from "../testing/factories";
import { createTestStore, storeKinds, type TestStore } from "../testing/stores";
import type { User } from "../users";
import { parseCookies, resolveUser } from "./request-user";
import { mintToken } from "./tokens";

const secret = "request-user-test-secret-0123456789";

beforeAll(() => {
  process.env.NEXTAUTH_SECRET = secret;
  resetEnvCache();
});

/** A session cookie exactly as next-auth would set it after sign-in (see lib/auth/options.ts callbacks). */
async function sessionCookie(user: User, options: { ver?: number; secret?: string; name?: string } = {}) {
  const jwt = await encode({
    token: { sub: user.id, name: user.name, email: user.email, ver: options.ver ?? user.tokenVersion },
    secret: options.secret ?? secret,
  });
  return { name: options.name ?? "next-auth.session-token", jwt };
}

const bumpTokenVersion = (store: TestStore, user: User) =>
  store.db.updateTable("users").set({ token_version: user.tokenVersion + 1 }).where("id", "=", user.id).execute();

describe.each(storeKinds)("resolveUser on %s", (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(kind);
  });
  afterAll(async () => {
    await store?.dispose();
  });

  describe("tokens from `galley token`", () => {
    it("accepts a valid token as a Bearer header (any case) or as ?token=", async () => {
      const user = await insertUser(store.db, { role: "editor" });
      const token = mintToken(user, 300);
      expect((await resolveUser(store.db, { authorization: `Bearer ${token}` }))?.id).toBe(user.id);
      expect((await resolveUser(store.db, { authorization: `bearer ${token}` }))?.id).toBe(user.id);
      expect((await resolveUser(store.db, { token }))?.email).toBe(user.email);
    });

    it("answers the user's current role, not the one they had when the token was minted", async () => {
      const user = await insertUser(store.db, { role: "writer" });
      const token = mintToken(user, 300);
      await store.db.updateTable("users").set({ role: "reviewer" }).where("id", "=", user.id).execute();
      expect((await resolveUser(store.db, { token }))?.role).toBe("reviewer");
    });

    it("refuses forged, re-signed, expired and unknown-user tokens", async () => {
      const user = await insertUser(store.db);
      const admin = await insertUser(store.db, { role: "admin" });
      const token = mintToken(user, 300);
      const [body, signature] = token.slice("glt1.".length).split(".") as [string, string];
      const payload = JSON.parse(Buffer.from(body, "base64url").toString());
      const swapped = Buffer.from(JSON.stringify({ ...payload, sub: admin.id })).toString("base64url");
      const flipped = signature.startsWith("A") ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
      for (const forged of [
        `glt1.${swapped}.${signature}`,
        `glt1.${body}.${flipped}`,
        `glt1.${body}`,
        mintToken(user, 300, "some-other-secret-0123456789"),
        mintToken(user, 0),
        mintToken({ id: "no-such-user", tokenVersion: 0 }, 300),
        "not a token at all",
      ]) {
        expect(await resolveUser(store.db, { token: forged }), forged).toBeNull();
        expect(await resolveUser(store.db, { authorization: `Bearer ${forged}` }), forged).toBeNull();
      }
    });

    it("refuses the tokens of a disabled account and tokens revoked by a version bump", async () => {
      const disabled = await insertUser(store.db, { disabled: true });
      expect(await resolveUser(store.db, { token: mintToken(disabled, 300) })).toBeNull();
      const user = await insertUser(store.db);
      const token = mintToken(user, 300);
      await bumpTokenVersion(store, user);
      expect(await resolveUser(store.db, { token })).toBeNull();
      expect((await resolveUser(store.db, { token: mintToken({ ...user, tokenVersion: user.tokenVersion + 1 }, 300) }))?.id).toBe(user.id);
    });
  });

  describe("next-auth session cookies", () => {
    it("accepts the session cookie, under either name and among other cookies", async () => {
      const user = await insertUser(store.db);
      const { jwt } = await sessionCookie(user);
      for (const name of ["next-auth.session-token", "__Secure-next-auth.session-token"]) {
        const cookie = `theme=dark; ${name}=${jwt}; next-auth.csrf-token=abc%7Cdef`;
        expect((await resolveUser(store.db, { cookie }))?.id).toBe(user.id);
      }
    });

    it("joins a session cookie split into chunks", async () => {
      const user = await insertUser(store.db);
      const { jwt } = await sessionCookie(user);
      const half = Math.floor(jwt.length / 2);
      const cookie = `next-auth.session-token.0=${jwt.slice(0, half)}; next-auth.session-token.1=${jwt.slice(half)}`;
      expect((await resolveUser(store.db, { cookie }))?.id).toBe(user.id);
    });

    it("refuses a tampered cookie, one from another secret, and a disabled account's", async () => {
      const user = await insertUser(store.db);
      const { jwt } = await sessionCookie(user);
      const tampered = `${jwt.slice(0, -4)}${jwt.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`;
      expect(await resolveUser(store.db, { cookie: `next-auth.session-token=${tampered}` })).toBeNull();
      const foreign = await sessionCookie(user, { secret: "another-deployment-secret-0123" });
      expect(await resolveUser(store.db, { cookie: `next-auth.session-token=${foreign.jwt}` })).toBeNull();
      const disabled = await insertUser(store.db, { disabled: true });
      const theirs = await sessionCookie(disabled);
      expect(await resolveUser(store.db, { cookie: `next-auth.session-token=${theirs.jwt}` })).toBeNull();
    });

    it("ends sessions signed in before a password reset or disable", async () => {
      const user = await insertUser(store.db);
      const { jwt } = await sessionCookie(user);
      await bumpTokenVersion(store, user);
      expect(await resolveUser(store.db, { cookie: `next-auth.session-token=${jwt}` })).toBeNull();
    });
  });

  it("lets a bearer token win over the cookie, even a bad one", async () => {
    const cookieUser = await insertUser(store.db);
    const tokenUser = await insertUser(store.db);
    const cookie = `next-auth.session-token=${(await sessionCookie(cookieUser)).jwt}`;
    expect((await resolveUser(store.db, { cookie, authorization: `Bearer ${mintToken(tokenUser, 300)}` }))?.id).toBe(tokenUser.id);
    expect(await resolveUser(store.db, { cookie, authorization: "Bearer glt1.bad.token" })).toBeNull();
    expect((await resolveUser(store.db, { cookie, authorization: "Basic abc" }))?.id).toBe(cookieUser.id);
  });

  it("answers null without credentials", async () => {
    expect(await resolveUser(store.db, {})).toBeNull();
    expect(await resolveUser(store.db, { cookie: "theme=dark", authorization: "", token: null })).toBeNull();
  });
});

describe("parseCookies", () => {
  it("decodes values and skips malformed parts", () => {
    const cookies = parseCookies("a=1; b=hello%20world; broken; c=%E0%A4%A");
    expect([...cookies]).toEqual([
      ["a", "1"],
      ["b", "hello world"],
    ]);
  });
});
