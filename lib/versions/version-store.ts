import { gunzipSync, gzipSync } from "node:zlib";
import * as Y from "yjs";
import type { DbOrTx } from "../db/client";
import type { ArticleVersionRow, VersionKind } from "../db/schema";
import { decodeSnapshotState } from "../docs/codec";

/** A version as lists and the API show it. */
export interface VersionSummary {
  id: string;
  number: number;
  kind: VersionKind;
  name: string | null;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
  contentHash: string;
  words: number;
  added: number;
  removed: number;
  /** The people whose edits it holds since the previous version. */
  contributors: { id: string; name: string }[];
}

/** A version as the API and `galley article versions --json` show it. */
export function versionJson(version: VersionSummary) {
  return {
    id: version.id,
    number: version.number,
    kind: version.kind,
    name: version.name,
    createdAt: version.createdAt,
    createdBy: version.createdBy,
    contentHash: version.contentHash,
    words: version.words,
    added: version.added,
    removed: version.removed,
  };
}

const summaryColumns = [
  "id",
  "article_id",
  "number",
  "kind",
  "name",
  "created_by",
  "created_at",
  "content_hash",
  "words",
  "added",
  "removed",
  "contributors",
] as const;

type SummaryRow = Pick<ArticleVersionRow, (typeof summaryColumns)[number]>;

async function presentVersions(db: DbOrTx, rows: SummaryRow[]): Promise<VersionSummary[]> {
  const contributorIds = rows.map((row) => JSON.parse(row.contributors) as string[]);
  const ids = [...new Set([...rows.map((row) => row.created_by), ...contributorIds.flat()].filter((id): id is string => !!id))];
  const users = ids.length ? await db.selectFrom("users").select(["id", "name"]).where("id", "in", ids).execute() : [];
  const byId = new Map(users.map((user) => [user.id, user]));
  return rows.map((row, index) => ({
    id: row.id,
    number: row.number,
    kind: row.kind,
    name: row.name,
    createdAt: row.created_at,
    createdBy: row.created_by ? (byId.get(row.created_by) ?? null) : null,
    contentHash: row.content_hash,
    words: row.words,
    added: row.added,
    removed: row.removed,
    contributors: contributorIds[index]!.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])),
  }));
}

/** The article's versions, newest first. */
export async function listVersions(db: DbOrTx, articleId: string): Promise<VersionSummary[]> {
  const rows = await db.selectFrom("article_versions").select(summaryColumns).where("article_id", "=", articleId).orderBy("number", "desc").execute();
  return presentVersions(db, rows);
}

export async function summarizeVersion(db: DbOrTx, row: SummaryRow): Promise<VersionSummary> {
  return (await presentVersions(db, [row]))[0]!;
}

/** One version of this article, its stored state included; undefined for another article's or none. */
export async function findVersion(db: DbOrTx, articleId: string, versionId: string): Promise<ArticleVersionRow | undefined> {
  return db.selectFrom("article_versions").selectAll().where("id", "=", versionId).where("article_id", "=", articleId).executeTakeFirst();
}

/** What a version reads as: headline, standfirst and body as plain text. */
export const versionText = (version: Pick<ArticleVersionRow, "plain_text_gz">): string => gunzipSync(version.plain_text_gz).toString("utf8");

/** A version's plain text as it is stored. */
export const storedVersionText = (text: string): Uint8Array => gzipSync(Buffer.from(text, "utf8"), { level: 6 });

/** The article's version with this number. */
export async function findVersionByNumber(db: DbOrTx, articleId: string, number: number): Promise<ArticleVersionRow | undefined> {
  return db.selectFrom("article_versions").selectAll().where("article_id", "=", articleId).where("number", "=", number).executeTakeFirst();
}

/** The article's latest version (its number and what it said), or undefined before the first. */
export async function latestVersion(db: DbOrTx, articleId: string): Promise<ArticleVersionRow | undefined> {
  return db.selectFrom("article_versions").selectAll().where("article_id", "=", articleId).orderBy("number", "desc").limit(1).executeTakeFirst();
}

/** Notes who edited the article since its last version (the next version names them). */
export async function recordContributors(db: DbOrTx, articleId: string, userIds: Iterable<string>): Promise<void> {
  const rows = [...new Set(userIds)].map((userId) => ({ article_id: articleId, user_id: userId }));
  if (rows.length === 0) return;
  await db.insertInto("article_contributions").values(rows).onConflict((conflict) => conflict.doNothing()).execute();
}

/** The document a version holds, as a Y.Doc of its own (the caller destroys it). */
export function versionDocument(row: Pick<ArticleVersionRow, "state">): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, decodeSnapshotState(row.state));
  return doc;
}
