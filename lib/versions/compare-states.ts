import type * as Y from "yjs";
import type { DbOrTx } from "../db/client";
import type { ArticleVersionRow } from "../db/schema";
import { loadDocument } from "../docs";
import { compareDocuments, type ComparedSuggestion, type Comparison } from "./compare";
import { findVersion, versionDocument } from "./version-store";

export interface StateComparison {
  from: ArticleVersionRow;
  /** null: the article as it is stored now. */
  to: ArticleVersionRow | null;
  comparison: Comparison;
}

/**
 * Compares a version of the article with another (`toId`) or with the
 * article as stored now (`"current"`). Answers which one is missing
 * ("from" or "to") when a version is not this article's.
 */
export async function compareStates(
  db: DbOrTx,
  articleId: string,
  fromId: string,
  toId: string,
  options: { isFolded?: boolean; read?: (to: Y.Doc) => void } = {},
): Promise<StateComparison | "from" | "to"> {
  const from = await findVersion(db, articleId, fromId);
  if (!from) return "from";
  const to = toId === "current" ? null : await findVersion(db, articleId, toId);
  if (toId !== "current" && !to) return "to";
  const docs: Y.Doc[] = [];
  try {
    const older = versionDocument(from);
    docs.push(older);
    const newer = to ? versionDocument(to) : await loadDocument(db, articleId);
    docs.push(newer);
    options.read?.(newer);
    const comparison = compareDocuments(older, newer, { isFolded: options.isFolded });
    await nameAuthors(db, comparison.suggestions);
    return { from, to: to ?? null, comparison };
  } finally {
    for (const doc of docs) doc.destroy();
  }
}

/** The open suggestions' authors by name, read in one query (someone since deleted is said so). */
async function nameAuthors(db: DbOrTx, suggestions: ComparedSuggestion[]): Promise<void> {
  const ids = [...new Set(suggestions.map((suggestion) => suggestion.author.id))];
  if (ids.length === 0) return;
  const names = new Map((await db.selectFrom("users").select(["id", "name"]).where("id", "in", ids).execute()).map((user) => [user.id, user.name]));
  for (const suggestion of suggestions) suggestion.author.name = names.get(suggestion.author.id) ?? "Someone no longer here";
}
