import type { DbOrTx } from "../db/client";
import type { Role } from "../db/schema";

/** Who can give a sign-off, named or as a desk member: reviewers, editors and administrators. */
export const signerRoles: readonly Role[] = ["reviewer", "editor", "admin"];

export const canSignOff = (role: Role) => signerRoles.includes(role);

/** The active people who can give a sign-off, by name: the choices of a submission and of a desk. */
export async function listSigners(db: DbOrTx): Promise<{ email: string; name: string; role: Role }[]> {
  return db
    .selectFrom("users")
    .select(["email", "name", "role"])
    .where("role", "in", [...signerRoles])
    .where("disabled_at", "is", null)
    .orderBy("name")
    .execute();
}
