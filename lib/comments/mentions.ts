import { findArticleRow } from "../articles";
import type { DbOrTx } from "../db/client";
import type { MemberRole } from "../db/schema";
import { can, type ArticleAccess } from "../policy";
import { toActor, toUser, type User } from "../users";

import { mentionMarkup, parseMentionIds, replaceMentions } from "./mention-syntax";

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

/**
 * A comment body as it is stored: a mention of someone who may see the
 * article keeps its markup, with their name as Galley knows it (not as the
 * client wrote it); any other mention (an unknown id, someone who may not
 * see the article, a disabled account) becomes the plain text a reader would
 * have seen, "@Name", and notifies nobody.
 */
export async function keepValidMentions(db: DbOrTx, articleId: string, body: string): Promise<string> {
  const ids = parseMentionIds(body);
  if (ids.length === 0) return body;
  const mentionable = new Map((await listUsersWhoMayView(db, articleId, { ids })).map((user) => [user.id, user]));
  return replaceMentions(body, (name, id) => {
    const user = mentionable.get(id);
    return user ? mentionMarkup(user) : `@${name}`;
  });
}
