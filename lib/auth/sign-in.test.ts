import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "../env";
import { factoryPassword, insertUser } from "../testing/factories";
import { createTestStore, storeKinds, type TestStore } from "../testing/stores";
import { signInWithPassword } from "./sign-in";

// Two failures lock an account, eight an address (four times as many), for five minutes.
beforeAll(() => {
  process.env.GALLEY_SIGNIN_MAX_FAILURES = "2";
  process.env.GALLEY_SIGNIN_LOCK_SECONDS = "300";
  resetEnvCache();
});
afterAll(() => {
  delete process.env.GALLEY_SIGNIN_MAX_FAILURES;
  delete process.env.GALLEY_SIGNIN_LOCK_SECONDS;
  resetEnvCache();
});
afterEach(() => {
  vi.useRealTimers();
});

describe.each(storeKinds)("signInWithPassword on %s", (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(kind);
  });
  afterAll(async () => {
    await store?.dispose();
  });

  const attempt = (email: string, password: string, ip?: string) => signInWithPassword(store.db, { email, password, ip });

  it("signs in with the right password, whatever the email's case", async () => {
    const user = await insertUser(store.db, { role: "editor" });
    const result = await attempt(user.email.toUpperCase(), factoryPassword);
    expect(result).toMatchObject({ ok: true, user: { id: user.id, role: "editor" } });
  });

  it("gives a wrong password, an unknown email and a disabled account the same answer", async () => {
    const user = await insertUser(store.db);
    const disabled = await insertUser(store.db, { disabled: true });
    expect(await attempt(user.email, "wrong password")).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt("nobody-here@example.test", factoryPassword)).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt(disabled.email, factoryPassword)).toEqual({ ok: false, reason: "invalid" });
  });

  it("locks an account after repeated failures, even for the right password, and only that account", async () => {
    const user = await insertUser(store.db);
    const other = await insertUser(store.db);
    expect(await attempt(user.email, "wrong 1")).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt(user.email, "wrong 2")).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt(user.email, factoryPassword)).toEqual({ ok: false, reason: "locked" });
    expect(await attempt(user.email.toUpperCase(), factoryPassword)).toEqual({ ok: false, reason: "locked" });
    expect((await attempt(other.email, factoryPassword)).ok).toBe(true);
  });

  it("locks an unknown email the same way, so locking reveals nothing", async () => {
    const email = "ghost@example.test";
    await attempt(email, "guess 1");
    await attempt(email, "guess 2");
    expect(await attempt(email, "guess 3")).toEqual({ ok: false, reason: "locked" });
  });

  it("unlocks once the lock has run out", async () => {
    const user = await insertUser(store.db);
    await attempt(user.email, "wrong 1");
    await attempt(user.email, "wrong 2");
    expect((await attempt(user.email, factoryPassword)).ok).toBe(false);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 301_000 });
    expect((await attempt(user.email, factoryPassword)).ok).toBe(true);
  });

  it("forgets earlier failures after a successful sign-in", async () => {
    const user = await insertUser(store.db);
    await attempt(user.email, "typo");
    expect((await attempt(user.email, factoryPassword)).ok).toBe(true);
    await attempt(user.email, "typo again");
    expect((await attempt(user.email, factoryPassword)).ok).toBe(true);
  });

  it("locks an address that keeps failing across many accounts, but not other addresses", async () => {
    const ip = "203.0.113.7";
    const victims = await Promise.all(Array.from({ length: 8 }, () => insertUser(store.db)));
    for (const victim of victims) expect(await attempt(victim.email, "spray", ip)).toEqual({ ok: false, reason: "invalid" });
    const bystander = await insertUser(store.db);
    expect(await attempt(bystander.email, factoryPassword, ip)).toEqual({ ok: false, reason: "locked" });
    expect((await attempt(bystander.email, factoryPassword, "198.51.100.1")).ok).toBe(true);
  });
});
