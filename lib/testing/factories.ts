import { hashPassword } from "../auth/password";
import type { DbOrTx } from "../db/client";
import type { ArticleStatus, MemberRole, Role } from "../db/schema";
import { newId, nowIso } from "../ids";
import { toUser, type User } from "../users";

let counter = 0;
let cachedHash: Promise<string> | undefined;

/** Every factory user has this password (hashed once per process: argon2 is slow on purpose). */
export const factoryPassword = "correct horse battery";

export async function insertUser(
  db: DbOrTx,
  overrides: { role?: Role; email?: string; name?: string; disabled?: boolean } = {},
): Promise<User> {
  counter += 1;
  cachedHash ??= hashPassword(factoryPassword);
  const now = nowIso();
  const row = {
    id: newId(),
    email: overrides.email ?? `user${counter}-${newId().slice(0, 4)}@example.test`,
    name: overrides.name ?? `User ${counter}`,
    role: overrides.role ?? "writer",
    password_hash: await cachedHash,
    disabled_at: overrides.disabled ? now : null,
    token_version: 0,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto("users").values(row).execute();
  return toUser(row);
}

export async function insertArticle(
  db: DbOrTx,
  owner: User,
  overrides: { title?: string; status?: ArticleStatus; updatedAt?: string } = {},
): Promise<{ id: string; title: string }> {
  const now = overrides.updatedAt ?? nowIso();
  const row = {
    id: newId(),
    title: overrides.title ?? `Article ${++counter}`,
    status: overrides.status ?? ("draft" as const),
    owner_id: owner.id,
    word_target: null,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto("articles").values(row).execute();
  await db.insertInto("article_members").values({ article_id: row.id, user_id: owner.id, role: "author", added_at: now }).execute();
  return { id: row.id, title: row.title };
}

export async function addMember(db: DbOrTx, articleId: string, user: User, role: MemberRole): Promise<void> {
  await db.insertInto("article_members").values({ article_id: articleId, user_id: user.id, role, added_at: nowIso() }).execute();
}
