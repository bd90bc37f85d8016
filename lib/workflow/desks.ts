import type { DbOrTx } from "../db/client";
import { newId, nowIso } from "../ids";

/** A desk and the people on it, as lists, the API and the CLI show it. */
export interface Desk {
  id: string;
  name: string;
  members: { id: string; name: string; email: string; role: string }[];
}

/** Desk names compare without case: "Legal" and "legal" are one desk. */
export const deskKey = (name: string) => name.trim().toLowerCase();

/** Every desk, by name, with its members. */
export async function listDesks(db: DbOrTx): Promise<Desk[]> {
  const [desks, members] = await Promise.all([
    db.selectFrom("desks").select(["id", "name"]).orderBy("name_key").execute(),
    db
      .selectFrom("desk_members")
      .innerJoin("users", "users.id", "desk_members.user_id")
      .select(["desk_members.desk_id", "users.id", "users.name", "users.email", "users.role"])
      .orderBy("users.name")
      .execute(),
  ]);
  return desks.map((desk) => ({
    ...desk,
    members: members.filter((m) => m.desk_id === desk.id).map(({ id, name, email, role }) => ({ id, name, email, role })),
  }));
}

/** The desks with these names (any case); missing names are left out. */
export async function findDesksByName(db: DbOrTx, names: string[]): Promise<{ id: string; name: string }[]> {
  if (names.length === 0) return [];
  return db.selectFrom("desks").select(["id", "name"]).where("name_key", "in", names.map(deskKey)).execute();
}

export async function insertDesk(db: DbOrTx, name: string): Promise<{ id: string; name: string }> {
  const row = { id: newId(), name: name.trim(), name_key: deskKey(name), created_at: nowIso() };
  await db.insertInto("desks").values(row).execute();
  return { id: row.id, name: row.name };
}

/** Puts a person on a desk; answers false when they were on it already. */
export async function insertDeskMember(db: DbOrTx, deskId: string, userId: string): Promise<boolean> {
  const existing = await db.selectFrom("desk_members").select("user_id").where("desk_id", "=", deskId).where("user_id", "=", userId).executeTakeFirst();
  if (existing) return false;
  await db.insertInto("desk_members").values({ desk_id: deskId, user_id: userId, added_at: nowIso() }).execute();
  return true;
}

/** Takes a person off a desk; answers false when they were not on it. */
export async function deleteDeskMember(db: DbOrTx, deskId: string, userId: string): Promise<boolean> {
  const result = await db.deleteFrom("desk_members").where("desk_id", "=", deskId).where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
