import type { DbOrTx } from "./db/client";
import type { Role, UserRow } from "./db/schema";
import type { Actor } from "./policy/types";

/** A user as the rest of Galley sees one: never carries the password hash. */
export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  isDisabled: boolean;
  tokenVersion: number;
  createdAt: string;
  updatedAt: string;
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    isDisabled: row.disabled_at !== null,
    tokenVersion: row.token_version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export const toActor = (user: User): Actor => ({ id: user.id, role: user.role, isDisabled: user.isDisabled });

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export async function findUserRowByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("email", "=", normalizeEmail(email)).executeTakeFirst();
}

export async function findUserByEmail(db: DbOrTx, email: string): Promise<User | undefined> {
  const row = await findUserRowByEmail(db, email);
  return row && toUser(row);
}

export async function findUserById(db: DbOrTx, id: string): Promise<User | undefined> {
  const row = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toUser(row);
}

export async function listUsers(db: DbOrTx): Promise<User[]> {
  const rows = await db.selectFrom("users").selectAll().orderBy("name").orderBy("email").execute();
  return rows.map(toUser);
}

export async function countActiveAdmins(db: DbOrTx): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("role", "=", "admin")
    .where("disabled_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
