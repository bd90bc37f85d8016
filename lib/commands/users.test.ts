import { beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "../audit";
import { verifyPassword } from "../auth/password";
import { resolveUser } from "../auth/request-user";
import { mintToken } from "../auth/tokens";
import { resetEnvCache } from "../env";
import { insertUser } from "../testing/factories";
import { refusal } from "../testing/refusal";
import { createTestStore, storeKinds } from "../testing/stores";
import { recordEvents, setupSuiteStore } from "../testing/suite";
import { findUserByEmail, findUserRowByEmail } from "../users";
import { createUser, resetPassword, setUserDisabled, setUserRole } from "./users";

// The tokens minted below are signed with this secret.
beforeAll(() => {
  process.env.NEXTAUTH_SECRET = "users-test-secret-0123456789";
  resetEnvCache();
});

describe.each(storeKinds)("user commands on %s", (kind) => {
  const store = setupSuiteStore(kind);
  const events = recordEvents();

  const auditFor = async (targetId: string) => (await listAudit(store.db)).filter((e) => e.targetId === targetId);

  describe("createUser", () => {
    it("creates a user with a normalized email and a generated password shown once", async () => {
      const { user, generatedPassword } = await createUser(store.db, "cli", {
        name: "  Nora News ",
        email: " Nora@Example.COM ",
        role: "writer",
      });
      expect(user).toMatchObject({ email: "nora@example.com", name: "Nora News", role: "writer", isDisabled: false });
      expect(generatedPassword).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
      const row = await findUserRowByEmail(store.db, "nora@example.com");
      expect(row!.password_hash).not.toContain(generatedPassword!);
      expect(await verifyPassword(row!.password_hash, generatedPassword!)).toBe(true);
    });

    it("keeps a given password and returns none", async () => {
      const { user, generatedPassword } = await createUser(store.db, "cli", {
        name: "Gil",
        email: "gil@example.com",
        role: "reviewer",
        password: "gils password",
      });
      expect(generatedPassword).toBeUndefined();
      const row = await findUserRowByEmail(store.db, user.email);
      expect(await verifyPassword(row!.password_hash, "gils password")).toBe(true);
    });

    it("audits the creation with who did it and what was created, never the password", async () => {
      const admin = await insertUser(store.db, { role: "admin", name: "Ada Admin" });
      const { user } = await createUser(store.db, admin, {
        name: "Pat",
        email: "pat@example.com",
        role: "editor",
        password: "pats password",
      });
      const [entry] = await auditFor(user.id);
      expect(entry).toMatchObject({
        actorLabel: "Ada Admin",
        action: "user.create",
        targetType: "user",
        targetLabel: "pat@example.com",
        before: null,
        after: { email: "pat@example.com", name: "Pat", role: "editor" },
      });
      const row = await store.db.selectFrom("audit_log").selectAll().where("target_id", "=", user.id).executeTakeFirstOrThrow();
      expect(row.actor_id).toBe(admin.id);
      expect(JSON.stringify(row)).not.toContain("pats password");
    });

    it("refuses a second account with the same email, whatever its case (409)", async () => {
      await insertUser(store.db, { email: "dup@example.com" });
      expect(await refusal(createUser(store.db, "cli", { name: "Dup", email: "DUP@example.com", role: "writer", password: "long enough" }))).toEqual({
        status: 409,
        message: "A user with the email dup@example.com already exists.",
        field: "email",
      });
      const rows = await store.db.selectFrom("users").select("id").where("email", "=", "dup@example.com").execute();
      expect(rows).toHaveLength(1);
    });

    it.each([
      [{ name: "", email: "x1@example.com", role: "writer" }, "name", "Name is required."],
      [{ name: "X", email: "not-an-email", role: "writer" }, "email", "Enter a valid email address."],
      [{ name: "X", email: "x2@example.com", role: "owner" }, "role", "Role must be one of: admin, editor, writer, reviewer."],
      [{ name: "X", email: "x3@example.com", role: "writer", password: "short" }, "password", "Password must be at least 8 characters."],
    ])("rejects %o with a 400 naming the %s field", async (input, field, message) => {
      expect(await refusal(createUser(store.db, "cli", input as never))).toEqual({ status: 400, field, message });
      expect(await findUserByEmail(store.db, input.email)).toBeUndefined();
    });

    it("lets only administrators create users", async () => {
      const editor = await insertUser(store.db, { role: "editor" });
      expect(await refusal(createUser(store.db, editor, { name: "Z", email: "z@example.com", role: "admin" }))).toEqual({
        status: 403,
        message: "Only administrators manage users.",
        field: undefined,
      });
      expect(await findUserByEmail(store.db, "z@example.com")).toBeUndefined();
    });
  });

  describe("setUserRole", () => {
    it("changes the role, audits before and after, and tells live connections", async () => {
      const writer = await insertUser(store.db, { role: "writer" });
      const updated = await setUserRole(store.db, "cli", writer.email.toUpperCase(), "editor");
      expect(updated.role).toBe("editor");
      expect((await findUserByEmail(store.db, writer.email))!.role).toBe("editor");
      expect(await auditFor(writer.id)).toMatchObject([
        { actorLabel: "cli", action: "user.set-role", before: { role: "writer" }, after: { role: "editor" } },
      ]);
      expect(events).toEqual([{ type: "user.changed", userId: writer.id }]);
    });

    it("writes nothing when the role is already that one", async () => {
      const reviewer = await insertUser(store.db, { role: "reviewer" });
      await setUserRole(store.db, "cli", reviewer.email, "reviewer");
      expect(await auditFor(reviewer.id)).toEqual([]);
    });

    it("answers 404 for an unknown email and 400 for an unknown role", async () => {
      expect(await refusal(setUserRole(store.db, "cli", "ghost@example.com", "editor"))).toEqual({
        status: 404,
        message: "No user has the email ghost@example.com.",
        field: "email",
      });
      const writer = await insertUser(store.db);
      expect((await refusal(setUserRole(store.db, "cli", writer.email, "chief"))).status).toBe(400);
    });
  });

  describe("setUserDisabled", () => {
    it("disables an account, revokes its tokens, audits, and enabling does not revive old tokens", async () => {
      const writer = await insertUser(store.db, { role: "writer" });
      const token = mintToken(writer, 600);
      expect((await resolveUser(store.db, { token }))?.id).toBe(writer.id);

      const disabled = await setUserDisabled(store.db, "cli", writer.email, true);
      expect(disabled).toMatchObject({ isDisabled: true, tokenVersion: writer.tokenVersion + 1 });
      expect(await resolveUser(store.db, { token })).toBeNull();
      expect(events).toEqual([{ type: "user.changed", userId: writer.id }]);

      const enabled = await setUserDisabled(store.db, "cli", writer.email, false);
      expect(enabled.isDisabled).toBe(false);
      expect(await resolveUser(store.db, { token })).toBeNull();
      expect((await resolveUser(store.db, { token: mintToken(enabled, 600) }))?.id).toBe(writer.id);

      expect((await auditFor(writer.id)).map((e) => [e.action, e.before, e.after])).toEqual([
        ["user.enable", { disabled: true }, { disabled: false }],
        ["user.disable", { disabled: false }, { disabled: true }],
      ]);
    });

    it("writes nothing when the account is already in that state", async () => {
      const writer = await insertUser(store.db, { disabled: true });
      const again = await setUserDisabled(store.db, "cli", writer.email, true);
      expect(again.tokenVersion).toBe(writer.tokenVersion);
      expect(await auditFor(writer.id)).toEqual([]);
    });
  });

  describe("resetPassword", () => {
    it("sets the new password, ends old tokens and audits without the password", async () => {
      const writer = await insertUser(store.db);
      const token = mintToken(writer, 600);
      const { user, generatedPassword } = await resetPassword(store.db, "cli", writer.email, "a brand new one");
      expect(generatedPassword).toBeUndefined();
      expect(user.tokenVersion).toBe(writer.tokenVersion + 1);
      const row = await findUserRowByEmail(store.db, writer.email);
      expect(await verifyPassword(row!.password_hash, "a brand new one")).toBe(true);
      expect(await resolveUser(store.db, { token })).toBeNull();
      const [entry] = await auditFor(writer.id);
      expect(entry).toMatchObject({ action: "user.reset-password", before: null, after: null });
      expect(events).toEqual([{ type: "user.changed", userId: writer.id }]);
    });

    it("generates a password when none is given, and refuses a short one", async () => {
      const writer = await insertUser(store.db);
      const { generatedPassword } = await resetPassword(store.db, "cli", writer.email);
      const row = await findUserRowByEmail(store.db, writer.email);
      expect(await verifyPassword(row!.password_hash, generatedPassword!)).toBe(true);
      expect(await refusal(resetPassword(store.db, "cli", writer.email, "short"))).toMatchObject({ status: 400 });
      expect((await findUserRowByEmail(store.db, writer.email))!.password_hash).toBe(row!.password_hash);
    });
  });
});

describe.each(storeKinds)("the last active administrator on %s", (kind) => {
  const store = setupSuiteStore(kind);

  it("cannot be demoted or disabled, even by a disabled fellow admin's absence", async () => {
    const ada = await insertUser(store.db, { role: "admin" });
    await insertUser(store.db, { role: "admin", disabled: true });
    expect(await refusal(setUserRole(store.db, "cli", ada.email, "editor"))).toEqual({
      status: 409,
      message: "The last active administrator cannot be demoted.",
      field: undefined,
    });
    expect(await refusal(setUserDisabled(store.db, "cli", ada.email, true))).toEqual({
      status: 409,
      message: "The last active administrator cannot be disabled.",
      field: undefined,
    });
    expect(await findUserByEmail(store.db, ada.email)).toMatchObject({ role: "admin", isDisabled: false });
  });

  it("can step down once another admin is active, and that one is then protected", async () => {
    const [ada] = await store.db.selectFrom("users").selectAll().where("role", "=", "admin").where("disabled_at", "is", null).execute();
    const bea = await insertUser(store.db, { role: "admin" });
    expect((await setUserRole(store.db, "cli", ada!.email, "editor")).role).toBe("editor");
    expect((await refusal(setUserDisabled(store.db, "cli", bea.email, true))).status).toBe(409);
  });

  it("survives two admins stepping down at the same moment: one of them stays", async () => {
    const own = await createTestStore(kind);
    try {
      const bea = await insertUser(own.db, { role: "admin" });
      const cat = await insertUser(own.db, { role: "admin" });
      // Open several pooled connections first, so both commands really run side by side.
      await Promise.all(Array.from({ length: 4 }, () => own.db.selectFrom("users").select("id").execute()));
      const results = await Promise.allSettled([
        setUserRole(own.db, "cli", bea.email, "writer"),
        setUserDisabled(own.db, "cli", cat.email, true),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      const active = await own.db.selectFrom("users").select("id").where("role", "=", "admin").where("disabled_at", "is", null).execute();
      expect(active).toHaveLength(1);
    } finally {
      await own.dispose();
    }
  });
});
