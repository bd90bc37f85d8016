import type { DbOrTx } from "../db/client";
import type { SuggestionState, SuggestionsTable } from "../db/schema";
import { newId } from "../ids";
import type { OpenSuggestion } from "./read";

export interface SuggestionReply {
  id: string;
  author: { id: string; name: string };
  body: string;
  createdAt: string;
}

export interface SuggestionRecord {
  id: string;
  articleId: string;
  author: { id: string; name: string };
  field: SuggestionsTable["field"];
  kind: SuggestionsTable["kind"];
  inserted: string;
  deleted: string;
  createdAt: string;
  state: SuggestionState;
  /** Since when its text is gone from the document (deleted around it), while still open. */
  orphanedAt: string | null;
  resolvedBy: { id: string; name: string } | null;
  resolvedAt: string | null;
  replies: SuggestionReply[];
}

/** A time from a suggester's clock, kept no later than now. */
const createdAtOf = (at: number, now: string) => {
  const time = new Date(Math.min(at, Date.parse(now)));
  return Number.isNaN(time.getTime()) ? now : time.toISOString();
};

/**
 * Brings an article's rows in line with the open suggestions its document
 * holds: new ones are recorded, changed ones updated, and open ones whose
 * text has gone from the document are marked orphaned (not lost: the
 * suggester and the desk still see them). A suggestion the document holds
 * again (an undo) is open again. Writes only what differs.
 */
export async function syncSuggestions(db: DbOrTx, articleId: string, open: readonly OpenSuggestion[], now: string): Promise<void> {
  const rows = await db.selectFrom("suggestions").selectAll().where("article_id", "=", articleId).execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  const present = new Set<string>();
  for (const suggestion of open) {
    present.add(suggestion.id);
    const row = byId.get(suggestion.id);
    const content = { field: suggestion.field, kind: suggestion.kind, inserted: suggestion.inserted, deleted: suggestion.deleted };
    if (!row) {
      await db
        .insertInto("suggestions")
        .values({ id: suggestion.id, article_id: articleId, author_id: suggestion.by, created_at: createdAtOf(suggestion.at, now), state: "open", ...content })
        // An id another article already uses (a forged mark) is left alone: it names that article's suggestion.
        .onConflict((conflict) => conflict.column("id").doNothing())
        .execute();
      continue;
    }
    const isSame =
      row.state === "open" && row.orphaned_at === null && row.field === content.field && row.kind === content.kind && row.inserted === content.inserted && row.deleted === content.deleted;
    if (isSame) continue;
    await db
      .updateTable("suggestions")
      .set({ ...content, state: "open", orphaned_at: null, resolved_by: null, resolved_at: null })
      .where("id", "=", row.id)
      .where("article_id", "=", articleId)
      .execute();
  }
  const vanished = rows.filter((row) => row.state === "open" && row.orphaned_at === null && !present.has(row.id)).map((row) => row.id);
  if (vanished.length > 0) {
    await db.updateTable("suggestions").set({ orphaned_at: now }).where("id", "in", vanished).where("article_id", "=", articleId).execute();
  }
}

/** An article's suggestions, oldest first, with their replies. */
export async function listSuggestionRecords(db: DbOrTx, articleId: string): Promise<SuggestionRecord[]> {
  return readRecords(db, { articleId });
}

export async function findSuggestionRecord(db: DbOrTx, suggestionId: string): Promise<SuggestionRecord | null> {
  return (await readRecords(db, { suggestionId }))[0] ?? null;
}

async function readRecords(db: DbOrTx, where: { articleId?: string; suggestionId?: string }): Promise<SuggestionRecord[]> {
  let query = db
    .selectFrom("suggestions")
    .leftJoin("users as author", "author.id", "suggestions.author_id")
    .leftJoin("users as resolver", "resolver.id", "suggestions.resolved_by")
    .selectAll("suggestions")
    .select(["author.name as author_name", "resolver.name as resolver_name"])
    .orderBy("suggestions.created_at")
    .orderBy("suggestions.id");
  if (where.articleId) query = query.where("suggestions.article_id", "=", where.articleId);
  if (where.suggestionId) query = query.where("suggestions.id", "=", where.suggestionId);
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const replies = await db
    .selectFrom("suggestion_replies")
    .innerJoin("users", "users.id", "suggestion_replies.author_id")
    .select(["suggestion_replies.id", "suggestion_replies.suggestion_id", "suggestion_replies.body", "suggestion_replies.created_at", "users.id as author_id", "users.name as author_name"])
    .where("suggestion_replies.suggestion_id", "in", rows.map((row) => row.id))
    .orderBy("suggestion_replies.created_at")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    articleId: row.article_id,
    author: { id: row.author_id, name: row.author_name ?? "Unknown" },
    field: row.field,
    kind: row.kind,
    inserted: row.inserted,
    deleted: row.deleted,
    createdAt: row.created_at,
    state: row.state,
    orphanedAt: row.state === "open" ? row.orphaned_at : null,
    resolvedBy: row.resolved_by ? { id: row.resolved_by, name: row.resolver_name ?? "Unknown" } : null,
    resolvedAt: row.resolved_at,
    replies: replies
      .filter((reply) => reply.suggestion_id === row.id)
      .map((reply) => ({ id: reply.id, author: { id: reply.author_id, name: reply.author_name }, body: reply.body, createdAt: reply.created_at })),
  }));
}

/** Closes an open suggestion; false when it was no longer open (someone else resolved it first). */
export async function closeSuggestion(db: DbOrTx, suggestionId: string, state: Exclude<SuggestionState, "open">, userId: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable("suggestions")
    .set({ state, resolved_by: userId, resolved_at: now })
    .where("id", "=", suggestionId)
    .where("state", "=", "open")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function insertSuggestionReply(db: DbOrTx, input: { suggestionId: string; authorId: string; body: string; now: string }): Promise<string> {
  const id = newId();
  await db.insertInto("suggestion_replies").values({ id, suggestion_id: input.suggestionId, author_id: input.authorId, body: input.body, created_at: input.now }).execute();
  return id;
}

/** The API's JSON for a suggestion (GET /api/articles/:id/suggestions and the resolving routes). */
export function suggestionJson(record: SuggestionRecord) {
  return {
    id: record.id,
    articleId: record.articleId,
    author: record.author,
    createdAt: record.createdAt,
    field: record.field,
    kind: record.kind,
    inserted: record.inserted,
    deleted: record.deleted,
    state: record.state,
    orphaned: record.orphanedAt !== null,
    resolvedBy: record.resolvedBy,
    resolvedAt: record.resolvedAt,
    replies: record.replies,
  };
}
