import { z } from "zod";
import { recordAudit } from "../audit";
import { findArticleAccess, maxTitleLength } from "../articles";
import type { Db } from "../db/client";
import { memberRoles, type ArticleRow } from "../db/schema";
import { AppError } from "../errors";
import { publishEvent } from "../events";
import { newId, nowIso } from "../ids";
import { authorize } from "../policy";
import { findUserByEmail, toActor, type User } from "../users";
import { auditActorOf, authorizePrincipal, isOperator, type Principal } from "./principal";
import { emailInput, parseInput } from "./users";

export const createArticleInput = z.object({
  title: z
    .string({ message: "Title is required." })
    .trim()
    .min(1, "Title is required.")
    .max(maxTitleLength, `Title must be at most ${maxTitleLength} characters.`),
});

/**
 * Creates a draft owned by `owner`. From the command line the owner is named;
 * a signed-in user always owns what they create.
 */
export async function createArticle(
  db: Db,
  principal: Principal,
  raw: unknown,
  owner: User = principal as User,
  /** More to write in the same transaction (an import's first document update): all of it lands, or none. */
  alsoWrite?: (tx: Db, row: ArticleRow) => Promise<void>,
): Promise<ArticleRow> {
  authorizePrincipal(principal, "article:create");
  const input = parseInput(createArticleInput, raw);
  if (owner.isDisabled) throw new AppError("bad_request", `${owner.email} is disabled.`, "owner");
  if (owner.role === "reviewer") {
    throw new AppError("bad_request", "A reviewer cannot own an article; choose a writer or editor.", "owner");
  }
  const now = nowIso();
  const row: ArticleRow = {
    id: newId(),
    title: input.title,
    status: "draft",
    owner_id: owner.id,
    word_target: null,
    created_at: now,
    updated_at: now,
    // Derived from the document once it changes (lib/versions/projector.ts).
    standfirst: "",
    word_count: 0,
    content_hash: null,
    projected_through: 0,
    published_version_id: null,
    published_at: null,
    published_by: null,
  };
  await db.transaction().execute(async (tx) => {
    await tx.insertInto("articles").values(row).execute();
    await tx
      .insertInto("article_members")
      .values({ article_id: row.id, user_id: owner.id, role: "author", added_at: now })
      .execute();
    await recordAudit(tx, auditActorOf(principal), {
      action: "article.create",
      targetType: "article",
      targetId: row.id,
      after: { title: row.title, owner: owner.email },
    });
    await alsoWrite?.(tx, row);
  });
  return row;
}

export const shareArticleInput = z.object({
  articleId: z.string().min(1, "Article id is required."),
  email: emailInput,
  as: z.enum(memberRoles, { message: "Share as author or reviewer." }),
});

/** Adds (or changes) a member of an article: a co-author or an assigned reviewer. */
export async function shareArticle(db: Db, principal: Principal, raw: z.input<typeof shareArticleInput>) {
  const input = parseInput(shareArticleInput, raw);
  const member = await findUserByEmail(db, input.email);
  if (!member) throw new AppError("not_found", `No user has the email ${input.email}.`, "email");
  if (input.as === "author" && member.role === "reviewer") {
    throw new AppError("bad_request", "Reviewers never change the text; share with them as reviewer.", "as");
  }
  await db.transaction().execute(async (tx) => {
    const article = await tx.selectFrom("articles").selectAll().where("id", "=", input.articleId).executeTakeFirst();
    if (!article) throw new AppError("not_found", "No such article.", "articleId");
    if (!isOperator(principal)) {
      const access = await findArticleAccess(tx, article.id, principal.id);
      authorize(toActor(principal), "article:share", access!);
    }
    const existing = await tx
      .selectFrom("article_members")
      .select("role")
      .where("article_id", "=", article.id)
      .where("user_id", "=", member.id)
      .executeTakeFirst();
    if (existing?.role === input.as) return;
    if (existing) {
      await tx
        .updateTable("article_members")
        .set({ role: input.as })
        .where("article_id", "=", article.id)
        .where("user_id", "=", member.id)
        .execute();
    } else {
      await tx
        .insertInto("article_members")
        .values({ article_id: article.id, user_id: member.id, role: input.as, added_at: nowIso() })
        .execute();
    }
    await tx.updateTable("articles").set({ updated_at: nowIso() }).where("id", "=", article.id).execute();
    await recordAudit(tx, auditActorOf(principal), {
      action: "article.share",
      targetType: "article",
      targetId: article.id,
      before: existing ? { member: member.email, as: existing.role } : undefined,
      after: { member: member.email, as: input.as },
    });
  });
  await publishEvent({ type: "article.changed", articleId: input.articleId });
  return { articleId: input.articleId, user: member, as: input.as };
}
