import type { Db } from "../db/client";
import { env } from "../env";
import { nowIso } from "../ids";
import { logger } from "../log";
import { findUserRowByEmail, normalizeEmail, toUser, type User } from "../users";
import { unknownUserHash, verifyPassword } from "./password";

export type SignInResult =
  | { ok: true; user: User }
  /** One message for a wrong email or password, so neither is revealed. */
  | { ok: false; reason: "invalid" | "locked" };

const throttleKeys = (email: string, ip?: string) => [
  `email:${normalizeEmail(email)}`,
  ...(ip ? [`ip:${ip}`] : []),
];

async function isLocked(db: Db, keys: string[]): Promise<boolean> {
  const now = nowIso();
  const locked = await db
    .selectFrom("sign_in_throttle")
    .select("key")
    .where("key", "in", keys)
    .where("locked_until", ">", now)
    .executeTakeFirst();
  return locked !== undefined;
}

async function recordFailure(db: Db, keys: string[]): Promise<void> {
  const { GALLEY_SIGNIN_MAX_FAILURES: maxFailures, GALLEY_SIGNIN_LOCK_SECONDS: lockSeconds } = env();
  // Failures older than the lock window no longer count.
  const windowStart = new Date(Date.now() - lockSeconds * 1000).toISOString();
  await db.transaction().execute(async (tx) => {
    for (const key of keys) {
      const row = await tx.selectFrom("sign_in_throttle").selectAll().where("key", "=", key).executeTakeFirst();
      const isFresh = !row || row.first_failure_at < windowStart;
      // An address sees many people's typos: it gets a wider allowance than one account.
      const limit = key.startsWith("ip:") ? maxFailures * 4 : maxFailures;
      const failures = isFresh ? 1 : row.failures + 1;
      const lockedUntil = failures >= limit ? new Date(Date.now() + lockSeconds * 1000).toISOString() : null;
      const values = { failures, first_failure_at: isFresh ? nowIso() : row.first_failure_at, locked_until: lockedUntil };
      if (row) await tx.updateTable("sign_in_throttle").set(values).where("key", "=", key).execute();
      else await tx.insertInto("sign_in_throttle").values({ key, ...values }).execute();
      if (lockedUntil) logger().warn({ key, failures }, "sign-in locked after repeated failures");
    }
  });
}

/** Checks email and password with a lock after repeated failures per account and per address. */
export async function signInWithPassword(
  db: Db,
  { email, password, ip }: { email: string; password: string; ip?: string },
): Promise<SignInResult> {
  const keys = throttleKeys(email, ip);
  if (await isLocked(db, keys)) return { ok: false, reason: "locked" };
  const row = await findUserRowByEmail(db, email);
  // Verify against a dummy hash for unknown emails so timing reveals nothing.
  const isValid = await verifyPassword(row?.password_hash ?? (await unknownUserHash()), password);
  if (!row || !isValid || row.disabled_at !== null) {
    await recordFailure(db, keys);
    return { ok: false, reason: "invalid" };
  }
  await db.deleteFrom("sign_in_throttle").where("key", "=", keys[0]!).execute();
  return { ok: true, user: toUser(row) };
}
