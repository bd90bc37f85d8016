import { generatePassword } from "../auth/password";
import type { Db } from "../db/client";
import { createUser } from "./users";

export interface BootstrapResult {
  email: string;
  /** Set only when Galley generated it: show it once, it is stored only as a hash. */
  generatedPassword?: string;
}

/**
 * Creates the first administrator when the store has no users, from
 * GALLEY_ADMIN_EMAIL / GALLEY_ADMIN_PASSWORD or generated. Returns undefined
 * when users already exist, so starting again creates nothing twice.
 */
export async function ensureFirstAdmin(
  db: Db,
  { email, password }: { email?: string; password?: string },
): Promise<BootstrapResult | undefined> {
  const existing = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  if (existing) return undefined;
  const adminEmail = (email ?? "admin@galley.local").trim().toLowerCase();
  const adminPassword = password ?? generatePassword();
  await createUser(db, "system", { name: "Administrator", email: adminEmail, role: "admin", password: adminPassword });
  return { email: adminEmail, generatedPassword: password ? undefined : adminPassword };
}
