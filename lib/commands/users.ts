import { z } from "zod";
import { recordAudit } from "../audit";
import { generatePassword, hashPassword, minPasswordLength } from "../auth/password";
import { isUniqueViolation, type Db, type DbOrTx } from "../db/client";
import { roles, type Role } from "../db/schema";
import { AppError } from "../errors";
import { publishEvent } from "../events";
import { newId, nowIso } from "../ids";
import { countActiveAdmins, findUserRowByEmail, normalizeEmail, toUser, type User } from "../users";
import { auditActorOf, authorizePrincipal, type Principal } from "./principal";

export const emailInput = z.string().trim().toLowerCase().email("Enter a valid email address.").max(254);
export const roleInput = z.enum(roles, { message: `Role must be one of: ${roles.join(", ")}.` });
export const passwordInput = z
  .string()
  .min(minPasswordLength, `Password must be at least ${minPasswordLength} characters.`)
  .max(256, "Password is too long.");

export const createUserInput = z.object({
  name: z.string().trim().min(1, "Name is required.").max(120, "Name is too long."),
  email: emailInput,
  role: roleInput,
  /** Omitted: one is generated and returned once. */
  password: passwordInput.optional(),
});
export type CreateUserInput = z.input<typeof createUserInput>;

/** Parses with zod and turns the first problem into a 400 naming the field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join(".") || undefined;
  throw new AppError("bad_request", issue.message, field);
}

/** Creates a user; answers the generated password when none was given. */
export async function createUser(
  db: Db,
  principal: Principal,
  raw: CreateUserInput,
): Promise<{ user: User; generatedPassword?: string }> {
  authorizePrincipal(principal, "user:manage");
  const input = parseInput(createUserInput, raw);
  const generatedPassword = input.password ? undefined : generatePassword();
  const passwordHash = await hashPassword(input.password ?? generatedPassword!);
  const duplicate = () => new AppError("conflict", `A user with the email ${input.email} already exists.`, "email");
  const user = await db.transaction().execute(async (tx) => {
    if (await findUserRowByEmail(tx, input.email)) throw duplicate();
    const now = nowIso();
    const row = {
      id: newId(),
      email: input.email,
      name: input.name,
      role: input.role,
      password_hash: passwordHash,
      disabled_at: null,
      token_version: 0,
      created_at: now,
      updated_at: now,
    };
    await tx.insertInto("users").values(row).execute();
    await recordAudit(tx, auditActorOf(principal), {
      action: "user.create",
      targetType: "user",
      targetId: row.id,
      after: { email: row.email, name: row.name, role: row.role },
    });
    return toUser(row);
  }).catch((error: unknown) => {
    // Two concurrent adds of one email: the loser of the race hits the unique index.
    throw isUniqueViolation(error) ? duplicate() : error;
  });
  return { user, generatedPassword };
}

async function requireUserRow(db: DbOrTx, email: string) {
  const row = await findUserRowByEmail(db, email);
  if (!row) throw new AppError("not_found", `No user has the email ${normalizeEmail(email)}.`, "email");
  return row;
}

/** Guards the newsroom from locking itself out. */
async function assertNotLastAdmin(db: DbOrTx, row: { role: Role; disabled_at: string | null }, what: string) {
  if (row.role !== "admin" || row.disabled_at !== null) return;
  // Lock the active admins' rows before counting them, or two admins stepping down at
  // once each count the other and both succeed (PostgreSQL runs them side by side).
  // A no-op UPDATE takes those locks on both dialects; SQLite has no SELECT … FOR UPDATE.
  await db
    .updateTable("users")
    .set((eb) => ({ role: eb.ref("role") }))
    .where("role", "=", "admin")
    .where("disabled_at", "is", null)
    .execute();
  if ((await countActiveAdmins(db)) <= 1) {
    throw new AppError("conflict", `The last active administrator cannot be ${what}.`);
  }
}

export async function setUserRole(db: Db, principal: Principal, email: string, rawRole: string): Promise<User> {
  authorizePrincipal(principal, "user:manage");
  const role = parseInput(roleInput, rawRole);
  const user = await db.transaction().execute(async (tx) => {
    const row = await requireUserRow(tx, email);
    if (row.role === role) return toUser(row);
    if (role !== "admin") await assertNotLastAdmin(tx, row, "demoted");
    const updated = { ...row, role, updated_at: nowIso() };
    await tx.updateTable("users").set({ role, updated_at: updated.updated_at }).where("id", "=", row.id).execute();
    await recordAudit(tx, auditActorOf(principal), {
      action: "user.set-role",
      targetType: "user",
      targetId: row.id,
      before: { role: row.role },
      after: { role },
    });
    return toUser(updated);
  });
  await publishEvent({ type: "user.changed", userId: user.id });
  return user;
}

export async function setUserDisabled(db: Db, principal: Principal, email: string, disabled: boolean): Promise<User> {
  authorizePrincipal(principal, "user:manage");
  const user = await db.transaction().execute(async (tx) => {
    const row = await requireUserRow(tx, email);
    if ((row.disabled_at !== null) === disabled) return toUser(row);
    if (disabled) await assertNotLastAdmin(tx, row, "disabled");
    const now = nowIso();
    const changes = {
      disabled_at: disabled ? now : null,
      // Disabling revokes every outstanding token; enabling does not revive them.
      token_version: disabled ? row.token_version + 1 : row.token_version,
      updated_at: now,
    };
    await tx.updateTable("users").set(changes).where("id", "=", row.id).execute();
    await recordAudit(tx, auditActorOf(principal), {
      action: disabled ? "user.disable" : "user.enable",
      targetType: "user",
      targetId: row.id,
      before: { disabled: row.disabled_at !== null },
      after: { disabled },
    });
    return toUser({ ...row, ...changes });
  });
  await publishEvent({ type: "user.changed", userId: user.id });
  return user;
}

/** Sets a new password (generated when none given) and ends the user's sessions and tokens. */
export async function resetPassword(
  db: Db,
  principal: Principal,
  email: string,
  rawPassword?: string,
): Promise<{ user: User; generatedPassword?: string }> {
  authorizePrincipal(principal, "user:manage");
  const password = rawPassword === undefined ? undefined : parseInput(passwordInput, rawPassword);
  const generatedPassword = password ? undefined : generatePassword();
  const passwordHash = await hashPassword(password ?? generatedPassword!);
  const user = await db.transaction().execute(async (tx) => {
    const row = await requireUserRow(tx, email);
    const changes = { password_hash: passwordHash, token_version: row.token_version + 1, updated_at: nowIso() };
    await tx.updateTable("users").set(changes).where("id", "=", row.id).execute();
    await recordAudit(tx, auditActorOf(principal), {
      action: "user.reset-password",
      targetType: "user",
      targetId: row.id,
    });
    return toUser({ ...row, ...changes });
  });
  await publishEvent({ type: "user.changed", userId: user.id });
  return { user, generatedPassword };
}
