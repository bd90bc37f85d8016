import { z } from "zod";
import { recordAudit } from "../audit";
import { findArticleAccess, findArticleSummary } from "../articles";
import { PostgresAdapter } from "kysely";
import type { Db, DbOrTx } from "../db/client";
import type { ArticleStatus, ReviewDecision, VersionKind, WebhookEvent } from "../db/schema";
import { env } from "../env";
import { AppError } from "../errors";
import { readSuggestions } from "../suggestions/read";
import { publishEvent } from "../events";
import { newId, nowIso } from "../ids";
import { authorize, type ArticleAccess } from "../policy";
import { toActor, type User } from "../users";
import { enqueueDelivery, publicationPayload } from "../webhooks";
import { makeVersion, projectStoredDocument } from "../versions";
import {
  availableActions,
  authorsOf,
  canSignOff,
  deskKey,
  dropStaleApprovals,
  findDesksByName,
  loadReview,
  mayEverTake,
  notifyReview,
  policyAction,
  signoffOwers,
  workflowActions,
  type WorkflowAction,
  type WorkflowState,
} from "../workflow";

export const workflowInput = z.object({
  articleId: z.string().min(1, "Article id is required."),
  action: z.enum(workflowActions, { message: `Choose one of: ${workflowActions.join(", ")}.` }),
  reviewers: z
    .array(z.string().trim().toLowerCase().email("Each reviewer is an email address."), { message: "Send reviewers as a list of email addresses." })
    .max(20, "Name at most 20 reviewers.")
    .optional(),
  desks: z
    .array(z.string().trim().min(1, "A desk needs a name."), { message: "Send desks as a list of desk names." })
    .max(20, "Name at most 20 desks.")
    .optional(),
  note: z.string({ message: "A note is text." }).trim().max(4000, "A note may be at most 4,000 characters.").optional(),
});
export type WorkflowInput = z.input<typeof workflowInput>;

/** The article's workflow state as the store says now. */
export async function workflowState(db: DbOrTx, articleId: string, status: ArticleStatus): Promise<WorkflowState> {
  const article = await db
    .selectFrom("articles")
    .leftJoin("article_versions", "article_versions.id", "articles.published_version_id")
    .select(["articles.content_hash", "article_versions.content_hash as published_hash"])
    .where("articles.id", "=", articleId)
    .executeTakeFirstOrThrow();
  const review = await loadReview(db, articleId, article.content_hash);
  return {
    status,
    isSatisfied: review.isSatisfied,
    hasUnpublishedChanges: article.published_hash !== null && article.published_hash !== article.content_hash,
  };
}

/** The workflow steps this user may take on this article now. */
export async function allowedWorkflowActions(db: DbOrTx, user: User, access: ArticleAccess): Promise<WorkflowAction[]> {
  return availableActions(toActor(user), access, await workflowState(db, access.id, access.status));
}

/** Zod names the list entry at fault ("reviewers.2"); the contract names the field. */
function parseWorkflowInput(raw: unknown) {
  const parsed = workflowInput.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new AppError("bad_request", issue.message, issue.path[0] === undefined ? undefined : String(issue.path[0]));
}

/** On PostgreSQL, holds the article's row for the transaction: two approvals at once both see each other. */
async function lockArticle(tx: DbOrTx, articleId: string): Promise<void> {
  if (!(tx.getExecutor().adapter instanceof PostgresAdapter)) return; // SQLite runs one write transaction at a time already
  await tx.selectFrom("articles").select("id").where("id", "=", articleId).forUpdate().execute();
}

const statusWords = (status: ArticleStatus) => status.replace("_", " ");

/**
 * Keeps the article's content as a version of this kind, from the stored
 * document read now, with the article row brought up to it first (so the
 * approval's hash and the row's agree at once; an approved article whose
 * content moved on goes back to review before anything is decided).
 */
async function versionOfStored(db: Db, articleId: string, kind: VersionKind, userId: string) {
  const { doc, projection, isChanged } = await projectStoredDocument(db, articleId);
  try {
    if (isChanged) await dropStaleApprovals(db, articleId);
    return (await makeVersion(db, articleId, { kind, createdBy: userId, doc, projection })).version;
  } finally {
    doc.destroy();
  }
}

/**
 * Takes one workflow step: submit, approve, request_changes, publish,
 * archive or reopen. lib/policy says who may; the state machine says
 * whether the step applies now (409 `invalid_transition` with the steps
 * that do). Each step is one transaction; the version it binds (submitted,
 * approved, published) is made first, from the stored document, so an
 * approval or a publication always names the exact content.
 */
export async function runWorkflowAction(db: Db, user: User, raw: unknown): Promise<void> {
  const input = parseWorkflowInput(raw);
  const access = await findArticleAccess(db, input.articleId, user.id);
  if (!access) throw new AppError("not_found", "No article has this id.");
  const actor = toActor(user);
  authorize(actor, "article:view", access);
  const named = await resolveSignoffs(db, input);
  const state = await workflowState(db, access.id, access.status);
  const action = input.action;
  if (!availableActions(actor, access, state).includes(action)) {
    if (!mayEverTake(actor, action, access)) authorize(actor, policyAction[action], access);
    throw new AppError("invalid_transition", refusalMessage(action, state), undefined, { allowed: availableActions(actor, access, state) });
  }
  switch (action) {
    case "submit":
      return submit(db, user, access, input, named);
    case "approve":
    case "request_changes":
      return decide(db, user, access, action === "approve" ? "approved" : "changes_requested", input.note);
    case "publish":
      return publish(db, user, access);
    case "archive":
    case "reopen":
      return setStatus(db, user, access, action === "archive" ? "archived" : "draft", `workflow.${action}`);
  }
}

function refusalMessage(action: WorkflowAction, state: WorkflowState): string {
  if (action === "publish" && state.status === "approved") {
    return "A sign-off is missing or approved an earlier version: it needs a current approval before publishing.";
  }
  if (action === "submit" && state.status === "published") return "The published version says what the article says now: there are no corrections to review.";
  return `This step does not apply to a ${statusWords(state.status)} article.`;
}

/** The people and desks a submission names, or a 400 naming the field: every check on the input comes before the article's state. */
async function resolveSignoffs(db: Db, input: z.output<typeof workflowInput>) {
  const emails = [...new Set(input.reviewers ?? [])];
  const people = emails.length ? await db.selectFrom("users").select(["id", "email", "name", "role", "disabled_at"]).where("email", "in", emails).execute() : [];
  const unknown = emails.filter((email) => !people.some((p) => p.email === email));
  if (unknown.length) throw new AppError("bad_request", `No one has the email ${unknown.join(", ")}.`, "reviewers");
  const cannotSign = people.filter((p) => !canSignOff(p.role) || p.disabled_at !== null);
  if (cannotSign.length) {
    throw new AppError("bad_request", `${cannotSign.map((p) => p.name).join(", ")} cannot give a sign-off: name reviewers, editors or administrators who are active.`, "reviewers");
  }
  const deskNames = [...new Set(input.desks ?? [])];
  const desks = await findDesksByName(db, deskNames);
  const missingDesks = deskNames.filter((name) => !desks.some((d) => deskKey(d.name) === deskKey(name)));
  if (missingDesks.length) throw new AppError("bad_request", `There is no desk called ${missingDesks.join(", ")}.`, "desks");
  return { people, desks };
}

type Named = Awaited<ReturnType<typeof resolveSignoffs>>;

async function submit(db: Db, user: User, access: ArticleAccess, input: z.output<typeof workflowInput>, { people, desks }: Named): Promise<void> {
  const signoffs = () => db.selectFrom("review_signoffs").select(["user_id", "desk_id"]).where("article_id", "=", access.id).execute();
  // A resubmission keeps the sign-offs named before; a first submission names at least one.
  if ((await signoffs()).length + people.length + desks.length === 0) {
    throw new AppError("bad_request", "Name at least one reviewer or desk to sign it off.", "reviewers");
  }

  const version = await versionOfStored(db, access.id, "submitted", user.id);
  const now = nowIso();
  let notified: string[] = [];
  await db.transaction().execute(async (tx) => {
    await lockArticle(tx, access.id);
    const existing = await tx.selectFrom("review_signoffs").select(["user_id", "desk_id"]).where("article_id", "=", access.id).execute();
    const newPeople = people.filter((p) => !existing.some((e) => e.user_id === p.id));
    const newDesks = desks.filter((d) => !existing.some((e) => e.desk_id === d.id));
    for (const person of newPeople) {
      await tx.insertInto("review_signoffs").values({ id: newId(), article_id: access.id, kind: "person", user_id: person.id, desk_id: null, added_by: user.id, added_at: now }).execute();
      // A named reviewer keeps seeing the article whatever its status.
      const member = await tx.selectFrom("article_members").select("role").where("article_id", "=", access.id).where("user_id", "=", person.id).executeTakeFirst();
      if (!member) await tx.insertInto("article_members").values({ article_id: access.id, user_id: person.id, role: "reviewer", added_at: now }).execute();
    }
    for (const desk of newDesks) {
      await tx.insertInto("review_signoffs").values({ id: newId(), article_id: access.id, kind: "desk", user_id: null, desk_id: desk.id, added_by: user.id, added_at: now }).execute();
    }
    await tx.updateTable("articles").set({ status: "in_review" }).where("id", "=", access.id).execute();
    notified = await notifyReview(tx, { articleId: access.id, kind: "review_requested", actorId: user.id, recipients: await signoffOwers(tx, access.id), note: input.note });
    await recordAudit(tx, { id: user.id, name: user.name }, {
      action: "workflow.submit",
      targetType: "article",
      targetId: access.id,
      before: { status: access.status },
      after: {
        status: "in_review",
        versionId: version.id,
        version: version.number,
        reviewers: newPeople.map((p) => p.email),
        desks: newDesks.map((d) => d.name),
        ...(input.note ? { note: input.note } : {}),
      },
    });
  });
  await announce(access.id, notified);
}

/**
 * An approval or a request for changes, on every sign-off this person owes
 * (their own, and those of desks they are on). Someone from the desk who
 * owes none signs off in their own name. Approving makes an `approved`
 * version when the content differs from the last one, and the article
 * approved once every sign-off holds a current approval.
 */
async function decide(db: Db, user: User, access: ArticleAccess, decision: ReviewDecision, note: string | undefined): Promise<void> {
  const version = await versionOfStored(db, access.id, decision === "approved" ? "approved" : "auto", user.id);
  const now = nowIso();
  let notified: string[] = [];
  await db.transaction().execute(async (tx) => {
    await lockArticle(tx, access.id);
    const owed = await tx
      .selectFrom("review_signoffs")
      .leftJoin("desk_members", (join) => join.onRef("desk_members.desk_id", "=", "review_signoffs.desk_id").on("desk_members.user_id", "=", user.id))
      .select("review_signoffs.id")
      .where("review_signoffs.article_id", "=", access.id)
      .where((eb) => eb.or([eb("review_signoffs.user_id", "=", user.id), eb("desk_members.user_id", "is not", null)]))
      .execute();
    const signoffIds = owed.map((row) => row.id);
    if (signoffIds.length === 0) {
      const id = newId();
      await tx.insertInto("review_signoffs").values({ id, article_id: access.id, kind: "person", user_id: user.id, desk_id: null, added_by: user.id, added_at: now }).execute();
      signoffIds.push(id);
    }
    for (const signoffId of signoffIds) {
      await tx
        .insertInto("review_decisions")
        .values({ id: newId(), article_id: access.id, signoff_id: signoffId, reviewer_id: user.id, decision, note: note || null, at: now, version_id: version.id, content_hash: version.content_hash })
        .execute();
    }
    const current = await tx.selectFrom("articles").select("status").where("id", "=", access.id).executeTakeFirstOrThrow();
    let status: ArticleStatus = current.status;
    if (decision === "changes_requested") status = "changes_requested";
    else if ((await loadReview(tx, access.id, version.content_hash)).isSatisfied) status = "approved";
    if (status !== current.status) await tx.updateTable("articles").set({ status }).where("id", "=", access.id).execute();
    // The authors hear of a request for changes, and of the last sign-off coming in.
    if (decision === "changes_requested" || (status === "approved" && current.status !== "approved")) {
      const kind = decision === "changes_requested" ? "changes_requested" : "approved";
      notified = await notifyReview(tx, { articleId: access.id, kind, actorId: user.id, recipients: await authorsOf(tx, access.id), note });
    }
    await recordAudit(tx, { id: user.id, name: user.name }, {
      action: decision === "approved" ? "workflow.approve" : "workflow.request_changes",
      targetType: "article",
      targetId: access.id,
      before: { status: current.status },
      after: { status, versionId: version.id, version: version.number, contentHash: version.content_hash, ...(note ? { note } : {}) },
    });
  });
  await announce(access.id, notified);
}

/**
 * Publishes exactly what every sign-off approved: the stored document is
 * read again here, so an edit the projection has not caught up with yet
 * still makes an approval stale (409), and the `published` version is made
 * from that same document.
 */
async function publish(db: Db, user: User, access: ArticleAccess): Promise<void> {
  const { doc, projection, isChanged } = await projectStoredDocument(db, access.id);
  try {
    if (isChanged) await dropStaleApprovals(db, access.id);
    // What is published is the accepted text: proposed changes are decided first.
    const open = readSuggestions(doc);
    if (open.length > 0) {
      const count = open.length === 1 ? "A suggestion is" : `${open.length} suggestions are`;
      throw new AppError("open_suggestions", `${count} still open: accept or reject them before publishing.`, undefined, {
        count: open.length,
        suggestions: open.map((suggestion) => suggestion.id),
      });
    }
    const review = await loadReview(db, access.id, projection.contentHash);
    if (!review.isSatisfied) {
      const state = await workflowState(db, access.id, access.status);
      throw new AppError("invalid_transition", refusalMessage("publish", { ...state, isSatisfied: false }), undefined, {
        allowed: availableActions(toActor(user), access, { ...state, isSatisfied: false }),
      });
    }
    const { version } = await makeVersion(db, access.id, { kind: "published", createdBy: user.id, doc, projection });
    const now = nowIso();
    const article = await findArticleSummary(db, access.id);
    const event: WebhookEvent = article?.publishedVersionId ? "article.updated" : "article.published";
    const deliveryId = newId();
    // The body is fixed now, from the published version itself: every attempt sends the same bytes.
    const payload = env().GALLEY_PUBLISH_WEBHOOK_URL
      ? publicationPayload(event, deliveryId, {
          articleId: access.id,
          title: article?.title ?? "",
          authors: article?.authors.map((a) => a.name) ?? [],
          doc,
          version: version.number,
          contentHash: version.content_hash,
          publishedAt: now,
          publishedBy: { id: user.id, name: user.name },
        })
      : null;
    await db.transaction().execute(async (tx) => {
      await lockArticle(tx, access.id);
      const result = await tx
        .updateTable("articles")
        .set({ status: "published", published_version_id: version.id, published_at: now, published_by: user.id })
        .where("id", "=", access.id)
        .where("status", "=", "approved")
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new AppError("invalid_transition", "The article is no longer approved.", undefined, { allowed: [] });
      if (payload) await enqueueDelivery(tx, { id: deliveryId, articleId: access.id, versionId: version.id, event, payload });
      await recordAudit(tx, { id: user.id, name: user.name }, {
        action: "workflow.publish",
        targetType: "article",
        targetId: access.id,
        before: { status: "approved" },
        after: { status: "published", versionId: version.id, version: version.number, contentHash: version.content_hash, ...(payload ? { deliveryId, event } : {}) },
      });
    });
    if (payload) await publishEvent({ type: "webhook.queued", articleId: access.id });
  } finally {
    doc.destroy();
  }
  await announce(access.id);
}

async function setStatus(db: Db, user: User, access: ArticleAccess, status: ArticleStatus, auditAction: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.updateTable("articles").set({ status }).where("id", "=", access.id).execute();
    await recordAudit(tx, { id: user.id, name: user.name }, { action: auditAction, targetType: "article", targetId: access.id, before: { status: access.status }, after: { status } });
  });
  await announce(access.id);
}

/** Open connections re-check what each person may do now; open pages refetch the review; the notified see their inbox grow. */
async function announce(articleId: string, notified: string[] = []): Promise<void> {
  await publishEvent({ type: "article.changed", articleId });
  for (const userId of notified) await publishEvent({ type: "notification.created", userId });
}
