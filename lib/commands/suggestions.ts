import { z } from "zod";
import { recordAudit } from "../audit";
import { findArticleAccess } from "../articles";
import type { Db } from "../db/client";
import { loadDocument } from "../docs";
import { AppError } from "../errors";
import { nowIso } from "../ids";
import { authorize, can, type ArticleAccess } from "../policy";
import { describeSuggestion } from "../suggestions/describe";
import { readSuggestions } from "../suggestions/read";
import { resolveSuggestionsChange } from "../suggestions/resolve";
import {
  closeSuggestion,
  findSuggestionRecord,
  insertSuggestionReply,
  listSuggestionRecords,
  syncSuggestions,
  type SuggestionRecord,
} from "../suggestions/repository";
import { toActor, type User } from "../users";
import { parseInput } from "./users";
import { storeServerChange } from "./server-change";

export type SuggestionAction = "accept" | "reject" | "withdraw";
const closedState = { accept: "accepted", reject: "rejected", withdraw: "withdrawn" } as const;

async function articleAccess(db: Db, user: User, articleId: string): Promise<ArticleAccess> {
  const access = await findArticleAccess(db, articleId, user.id);
  if (!access) throw new AppError("not_found", "No article has this id.");
  authorize(toActor(user), "article:view", access);
  return access;
}

/**
 * Reads the stored document's open suggestions into their rows, so that
 * every one has a row to act on (rows otherwise follow once editing pauses).
 */
export async function syncFromStore(db: Db, articleId: string): Promise<void> {
  const doc = await loadDocument(db, articleId);
  try {
    await syncSuggestions(db, articleId, readSuggestions(doc), nowIso());
  } finally {
    doc.destroy();
  }
}

/** GET /api/articles/:id/suggestions: every suggestion made on the article, open ones as the document holds them now. */
export async function listArticleSuggestions(db: Db, user: User, articleId: string): Promise<SuggestionRecord[]> {
  await articleAccess(db, user, articleId);
  await syncFromStore(db, articleId);
  return listSuggestionRecords(db, articleId);
}

/**
 * The suggestion and its article, checked for this user to see. A
 * suggestion typed a moment ago may not have its row yet (rows follow the
 * document once editing pauses): with the article named, it is read from
 * the document first.
 */
async function findForUser(db: Db, user: User, suggestionId: string, articleId?: string) {
  let record = await findSuggestionRecord(db, suggestionId);
  if (!record && articleId) {
    await articleAccess(db, user, articleId);
    await syncFromStore(db, articleId);
    record = await findSuggestionRecord(db, suggestionId);
  }
  if (!record) throw new AppError("not_found", "No suggestion has this id.");
  const access = await articleAccess(db, user, record.articleId);
  return { record, access };
}

/** Accepting and rejecting are for who may edit the text; withdrawing is for the suggester, while they may still suggest. */
function authorizeResolution(user: User, access: ArticleAccess, record: SuggestionRecord, action: SuggestionAction): void {
  const actor = toActor(user);
  if (action === "withdraw") {
    if (record.author.id !== user.id) throw new AppError("forbidden", "Only the person who made a suggestion can withdraw it.");
    if (can(actor, "article:suggest", access) || can(actor, "article:edit", access)) return;
    throw new AppError("conflict", "The article's text can no longer change, so its suggestions stay as they are.");
  }
  if (can(actor, "article:edit", access)) return;
  if (can(actor, "article:edit", { ...access, status: "draft" })) {
    throw new AppError("conflict", `A ${access.status.replace("_", " ")} article's text cannot change now; its suggestions wait.`);
  }
  throw new AppError("forbidden", "Only those who may edit the article accept or reject suggestions.");
}

/**
 * Accepts, rejects or withdraws one suggestion: the document changes
 * through the store like any edit (everyone editing sees it at once), and
 * the row records who resolved it. 409 once it is no longer open.
 */
export async function resolveSuggestion(
  db: Db,
  user: User,
  input: { suggestionId: string; action: SuggestionAction; articleId?: string },
): Promise<SuggestionRecord> {
  const { record, access } = await findForUser(db, user, input.suggestionId, input.articleId);
  authorizeResolution(user, access, record, input.action);
  if (record.state !== "open") throw new AppError("conflict", `This suggestion was already ${record.state}.`, undefined, { state: record.state });
  await applyResolution(db, user, access.id, [record], input.action);
  return (await findSuggestionRecord(db, record.id))!;
}

/** "Accept all" / "Reject all": every open suggestion of the article, in one change. */
export async function resolveAllSuggestions(db: Db, user: User, input: { articleId: string; action: "accept" | "reject" }): Promise<SuggestionRecord[]> {
  const access = await articleAccess(db, user, input.articleId);
  await syncFromStore(db, input.articleId);
  const open = (await listSuggestionRecords(db, input.articleId)).filter((record) => record.state === "open");
  for (const record of open) authorizeResolution(user, access, record, input.action);
  if (open.length > 0) await applyResolution(db, user, access.id, open, input.action);
  return listSuggestionRecords(db, input.articleId);
}

async function applyResolution(db: Db, user: User, articleId: string, records: SuggestionRecord[], action: SuggestionAction): Promise<void> {
  const current = await loadDocument(db, articleId);
  try {
    const change = resolveSuggestionsChange(current, new Set(records.map((record) => record.id)), action === "accept" ? "accept" : "reject");
    if (change) await storeServerChange(db, articleId, current, change);
    const now = nowIso();
    const closed: SuggestionRecord[] = [];
    for (const record of records) if (await closeSuggestion(db, record.id, closedState[action], user.id, now)) closed.push(record);
    if (records.length === 1 && closed.length === 0) throw new AppError("conflict", "Someone else resolved this suggestion a moment ago.");
    // The record of who decided which words: the timeline and the audit log name them.
    await recordAudit(db, { id: user.id, name: user.name }, {
      action: `suggestion.${action}`,
      targetType: "article",
      targetId: articleId,
      after: {
        suggestions: closed.map((record) => ({ id: record.id, by: record.author.name, what: describeSuggestion(record) })),
        changed: change !== null,
      },
    });
  } finally {
    current.destroy();
  }
}

const replyInput = z.object({
  body: z.string().trim().min(1, "Write a reply.").max(5000, "A reply is at most 5,000 characters."),
});

/** A reply in a suggestion's thread, from anyone who may discuss the article. */
export async function replyToSuggestion(db: Db, user: User, input: { suggestionId: string; articleId?: string; body: unknown }): Promise<SuggestionRecord> {
  const { body } = parseInput(replyInput, { body: input.body });
  const { record, access } = await findForUser(db, user, input.suggestionId, input.articleId);
  authorize(toActor(user), "article:comment", access);
  await insertSuggestionReply(db, { suggestionId: record.id, authorId: user.id, body, now: nowIso() });
  return (await findSuggestionRecord(db, record.id))!;
}
