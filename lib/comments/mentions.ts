import { findArticleRow } from "../articles";
import type { DbOrTx } from "../db/client";
import type { MemberRole } from "../db/schema";
import { can, type ArticleAccess } from "../policy";
import { toActor, toUser, type User } from "../users";

export { mentionsAsNames, parseMentionIds } from "./mention-syntax";

/**
 * Active users who may view the article, optionally only some ids or those
 * whose name or email contains `query`. Decided by lib/policy for each user,
 * so the list never offers someone the article page would refuse.
 */
export async function listUsersWhoMayView(
  db: DbOrTx,
  articleId: string,
  filter: { ids?: string[]; query?: string; limit?: number } = {},
): Promise<User[]> {
  const article = await findArticleRow(db, articleId);
  if (!article) return [];
  if (filter.ids && filter.ids.length === 0) return [];
  let query = db.selectFrom("users").selectAll().where("disabled_at", "is", null);
  if (filter.ids) query = query.where("id", "in", filter.ids);
  const rows = await query.orderBy("name").orderBy("email").execute();
  const members = await db
    .selectFrom("article_members")
    .select(["user_id", "role"])
    .where("article_id", "=", articleId)
    .execute();
  const membership = new Map<string, MemberRole>(members.map((m) => [m.user_id, m.role]));
  const needle = filter.query?.trim().toLowerCase() ?? "";
  const users: User[] = [];
  for (const row of rows) {
    const user = toUser(row);
    const access: ArticleAccess = {
      id: article.id,
      status: article.status,
      ownerId: article.owner_id,
      membership: membership.get(user.id) ?? null,
    };
    if (!can(toActor(user), "article:view", access)) continue;
    if (needle && !user.name.toLowerCase().includes(needle) && !user.email.includes(needle)) continue;
    users.push(user);
    if (filter.limit && users.length >= filter.limit) break;
  }
  return users;
}
