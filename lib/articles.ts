import { sql } from "kysely";
import type { DbOrTx } from "./db/client";
import type { ArticleRow, ArticleStatus, MemberRole } from "./db/schema";
import type { Actor, ArticleAccess } from "./policy/types";

/** The longest title an article may have; a longer headline is cut to it when the title follows it. */
export const maxTitleLength = 200;

export interface ArticleMember {
  userId: string;
  name: string;
  email: string;
  role: MemberRole | "owner";
}

export interface ArticleSummary {
  id: string;
  title: string;
  status: ArticleStatus;
  ownerId: string;
  wordTarget: number | null;
  createdAt: string;
  /** The last change of the content (or of sharing and settings). */
  updatedAt: string;
  /** The owner first, then authors, by name. */
  authors: { id: string; name: string }[];
  /** From the document, as the server last projected it (lib/versions). */
  standfirst: string;
  words: number;
  contentHash: string | null;
  /** The frozen version the export and the webhook serve, once published (lib/workflow). */
  publishedVersionId: string | null;
  publishedAt: string | null;
  publishedById: string | null;
}

export async function findArticleRow(db: DbOrTx, id: string): Promise<ArticleRow | undefined> {
  return db.selectFrom("articles").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The article as the policy sees it for this user; undefined when there is no such article. */
export async function findArticleAccess(
  db: DbOrTx,
  articleId: string,
  userId: string,
): Promise<ArticleAccess | undefined> {
  const row = await db
    .selectFrom("articles")
    .leftJoin("article_members", (join) =>
      join.onRef("article_members.article_id", "=", "articles.id").on("article_members.user_id", "=", userId),
    )
    .select(["articles.id", "articles.status", "articles.owner_id", "article_members.role as membership"])
    .where("articles.id", "=", articleId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    status: row.status,
    ownerId: row.owner_id,
    membership: row.membership ?? null,
    owesSignoff: await owesSignoff(db, articleId, userId),
  };
}

/** Whether this person is named for one of the article's sign-offs, or is on a desk that is. */
async function owesSignoff(db: DbOrTx, articleId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("review_signoffs")
    .leftJoin("desk_members", (join) => join.onRef("desk_members.desk_id", "=", "review_signoffs.desk_id").on("desk_members.user_id", "=", userId))
    .select("review_signoffs.id")
    .where("review_signoffs.article_id", "=", articleId)
    .where((eb) => eb.or([eb("review_signoffs.user_id", "=", userId), eb("desk_members.user_id", "is not", null)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export interface ListArticlesFilter {
  status?: ArticleStatus;
  /** Only these articles (the ones waiting for the actor's sign-off, say). */
  ids?: string[];
  /** Case-insensitive match anywhere in the title. */
  query?: string;
  limit?: number;
}

/**
 * Articles this actor may see, newest update first. Mirrors the
 * "article:view" rule in lib/policy so a list never shows what a page refuses.
 */
export async function listArticlesForActor(
  db: DbOrTx,
  actor: Actor,
  filter: ListArticlesFilter = {},
): Promise<ArticleSummary[]> {
  let query = db.selectFrom("articles").selectAll("articles");
  if (actor.role === "writer") {
    query = query.where((eb) =>
      eb.or([
        eb("articles.owner_id", "=", actor.id),
        eb.exists(
          eb
            .selectFrom("article_members")
            .select("article_members.user_id")
            .whereRef("article_members.article_id", "=", "articles.id")
            .where("article_members.user_id", "=", actor.id),
        ),
      ]),
    );
  } else if (actor.role === "reviewer") {
    query = query.where((eb) =>
      eb.or([
        eb("articles.status", "=", "in_review"),
        eb.exists(
          eb
            .selectFrom("article_members")
            .select("article_members.user_id")
            .whereRef("article_members.article_id", "=", "articles.id")
            .where("article_members.user_id", "=", actor.id)
            .where("article_members.role", "=", "reviewer"),
        ),
        // Those they owe a sign-off, by name or through a desk, whatever the status.
        eb.exists(
          eb
            .selectFrom("review_signoffs")
            .leftJoin("desk_members", (join) => join.onRef("desk_members.desk_id", "=", "review_signoffs.desk_id").on("desk_members.user_id", "=", actor.id))
            .select("review_signoffs.id")
            .whereRef("review_signoffs.article_id", "=", "articles.id")
            .where((inner) => inner.or([inner("review_signoffs.user_id", "=", actor.id), inner("desk_members.user_id", "is not", null)])),
        ),
      ]),
    );
  }
  if (filter.ids) query = filter.ids.length ? query.where("articles.id", "in", filter.ids) : query.where(sql<boolean>`1 = 0`);
  if (filter.status) query = query.where("articles.status", "=", filter.status);
  if (filter.query?.trim()) {
    const pattern = `%${filter.query.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // SQLite has no default LIKE escape character: name it, on both dialects.
    query = query.where(sql<boolean>`lower(${sql.ref("articles.title")}) like ${pattern} escape '\\'`);
  }
  const rows = await query
    .orderBy("articles.updated_at", "desc")
    .orderBy("articles.id")
    .limit(filter.limit ?? 200)
    .execute();
  return withAuthors(db, rows);
}

async function withAuthors(db: DbOrTx, rows: ArticleRow[]): Promise<ArticleSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const members = await db
    .selectFrom("article_members")
    .innerJoin("users", "users.id", "article_members.user_id")
    .select(["article_members.article_id", "users.id", "users.name"])
    .where("article_members.article_id", "in", ids)
    .where("article_members.role", "=", "author")
    .orderBy("users.name")
    .execute();
  const owners = await db
    .selectFrom("users")
    .select(["id", "name"])
    .where("id", "in", [...new Set(rows.map((r) => r.owner_id))])
    .execute();
  const ownerById = new Map(owners.map((o) => [o.id, o]));
  return rows.map((row) => {
    const owner = ownerById.get(row.owner_id);
    const coauthors = members.filter((m) => m.article_id === row.id && m.id !== row.owner_id);
    return {
      id: row.id,
      title: row.title,
      status: row.status,
      ownerId: row.owner_id,
      wordTarget: row.word_target,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      authors: [...(owner ? [owner] : []), ...coauthors].map(({ id, name }) => ({ id, name })),
      standfirst: row.standfirst,
      words: row.word_count,
      contentHash: row.content_hash,
      publishedVersionId: row.published_version_id,
      publishedAt: row.published_at,
      publishedById: row.published_by,
    };
  });
}

export async function findArticleSummary(db: DbOrTx, id: string): Promise<ArticleSummary | undefined> {
  const row = await findArticleRow(db, id);
  return row && (await withAuthors(db, [row]))[0];
}

export async function listArticleMembers(db: DbOrTx, articleId: string): Promise<ArticleMember[]> {
  const article = await findArticleRow(db, articleId);
  if (!article) return [];
  const owner = await db.selectFrom("users").select(["id", "name", "email"]).where("id", "=", article.owner_id).executeTakeFirst();
  const rows = await db
    .selectFrom("article_members")
    .innerJoin("users", "users.id", "article_members.user_id")
    .select(["users.id", "users.name", "users.email", "article_members.role"])
    .where("article_members.article_id", "=", articleId)
    .orderBy("users.name")
    .execute();
  return [
    ...(owner ? [{ userId: owner.id, name: owner.name, email: owner.email, role: "owner" as const }] : []),
    ...rows
      .filter((r) => r.id !== article.owner_id)
      .map((r) => ({ userId: r.id, name: r.name, email: r.email, role: r.role })),
  ];
}
