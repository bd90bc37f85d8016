import { z } from "zod";
import { recordAudit } from "../audit";
import { findArticleAccess } from "../articles";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { publishEvent } from "../events";
import { nowIso } from "../ids";
import { authorize } from "../policy";
import { toActor } from "../users";
import { auditActorOf, isOperator, type Principal } from "./principal";
import { parseInput } from "./users";

/** A target past the longest article Galley is built to edit makes no sense. */
export const maxWordTarget = 20_000;

export const setWordTargetInput = z.object({
  articleId: z.string().min(1, "Article id is required."),
  wordTarget: z
    .number({ message: "The word target must be a whole number of words, or null to clear it." })
    .int("The word target must be a whole number of words.")
    .min(1, "The word target must be at least 1 word.")
    .max(maxWordTarget, `The word target must be at most ${maxWordTarget.toLocaleString("en-GB")} words.`)
    .nullable(),
});

export interface WordTargetChange {
  articleId: string;
  wordTarget: number | null;
}

/**
 * Sets (or clears, with null) the length an article is written to. It is part
 * of the article's brief, so whoever may rename the article may set it.
 */
export async function setWordTarget(db: Db, principal: Principal, raw: unknown): Promise<WordTargetChange> {
  const input = parseInput(setWordTargetInput, raw);
  const changed = await db.transaction().execute(async (tx) => {
    const article = await tx
      .selectFrom("articles")
      .select(["id", "word_target"])
      .where("id", "=", input.articleId)
      .executeTakeFirst();
    if (!article) throw new AppError("not_found", "No article has this id.", "articleId");
    if (!isOperator(principal)) {
      const access = await findArticleAccess(tx, article.id, principal.id);
      authorize(toActor(principal), "article:rename", access!);
    }
    if (article.word_target === input.wordTarget) return false;
    await tx
      .updateTable("articles")
      .set({ word_target: input.wordTarget, updated_at: nowIso() })
      .where("id", "=", article.id)
      .execute();
    await recordAudit(tx, auditActorOf(principal), {
      action: "article.word_target",
      targetType: "article",
      targetId: article.id,
      before: { wordTarget: article.word_target },
      after: { wordTarget: input.wordTarget },
    });
    return true;
  });
  // Open editors show the new target; an unchanged one is no news.
  if (changed) await publishEvent({ type: "article.changed", articleId: input.articleId });
  return { articleId: input.articleId, wordTarget: input.wordTarget };
}
