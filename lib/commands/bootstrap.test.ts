import { describe, expect, it } from "vitest";
import { listAudit } from "../audit";
import { verifyPassword } from "../auth/password";
import { insertUser } from "../testing/factories";
import { storeKinds } from "../testing/stores";
import { setupSuiteStore } from "../testing/suite";
import { findUserRowByEmail, listUsers } from "../users";
import { ensureFirstAdmin } from "./bootstrap";

describe.each(storeKinds)("ensureFirstAdmin on %s", (kind) => {
  const store = setupSuiteStore(kind, { freshEachTest: true });

  it("creates the first admin from the given email and password, once", async () => {
    const first = await ensureFirstAdmin(store.db, { email: "Chief@Newsroom.example", password: "chief's password" });
    expect(first?.email.toLowerCase()).toBe("chief@newsroom.example");
    expect(first?.generatedPassword).toBeUndefined();
    const again = await ensureFirstAdmin(store.db, { email: "other@newsroom.example", password: "another password" });
    expect(again).toBeUndefined();

    const users = await listUsers(store.db);
    expect(users).toMatchObject([{ email: "chief@newsroom.example", name: "Administrator", role: "admin", isDisabled: false }]);
    const row = await findUserRowByEmail(store.db, "chief@newsroom.example");
    expect(await verifyPassword(row!.password_hash, "chief's password")).toBe(true);
    expect(await listAudit(store.db)).toMatchObject([{ actorLabel: "system", action: "user.create", targetId: users[0]!.id }]);
  });

  it("generates a password, shown once, and uses admin@galley.local without an email", async () => {
    const first = await ensureFirstAdmin(store.db, {});
    expect(first!.email).toBe("admin@galley.local");
    const row = await findUserRowByEmail(store.db, "admin@galley.local");
    expect(await verifyPassword(row!.password_hash, first!.generatedPassword!)).toBe(true);
    expect(await ensureFirstAdmin(store.db, {})).toBeUndefined();
  });

  it("creates nothing in a store that already has people", async () => {
    await insertUser(store.db, { role: "writer" });
    expect(await ensureFirstAdmin(store.db, { email: "late@newsroom.example" })).toBeUndefined();
    expect(await listUsers(store.db)).toHaveLength(1);
  });
});
