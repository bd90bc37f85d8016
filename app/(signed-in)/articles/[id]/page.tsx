import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { ArticleMembers } from "@/components/articles/article-members";
import { ExportPanel } from "@/components/articles/export-panel";
import { ArticleEditor } from "@/components/editor/article-editor";
import { earlySocketScript } from "@/components/editor/early-socket-script";
import { nonceHeader } from "@/lib/request-context";
import { withIndefiniteArticle } from "@/components/ui/format";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { SaveVersionForm } from "@/components/versions/save-version-form";
import { SeenRecorder } from "@/components/versions/seen-recorder";
import { versionLabel } from "@/components/versions/version-label";
import { findArticleAccess, findArticleSummary, listArticleMembers, type ArticleSummary } from "@/lib/articles";
import { getDb, type Db } from "@/lib/db/client";
import { allowedArticleActions, can, type ArticleAccess, type ArticleAction } from "@/lib/policy";
import { toActor, type User } from "@/lib/users";
import { changesSinceSeen, changesSinceVersion, latestVersion } from "@/lib/versions";
import { allowedWorkflowActions } from "@/lib/commands/workflow";
import { listDeliveries } from "@/lib/webhooks";
import { articleTimeline, listDesks, listSigners, loadReview } from "@/lib/workflow";
import { ReviewCard } from "@/components/review/review-card";
import { TimelineCard } from "@/components/review/timeline-card";
import { getCurrentUser, requireUser } from "../../../_lib/current-user";
import { saveVersionAction } from "./history/actions";
import { ShareForm } from "./share-form-client";
import { describeSuggestion } from "@/lib/suggestions/describe";
import { listSuggestionRecords } from "@/lib/suggestions/repository";
import { syncFromStore } from "@/lib/commands/suggestions";
import { retryDeliveryAction, workflowStepAction } from "./workflow-actions";
import "./article-page.css";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ thread?: string | string[]; workflow?: string | string[]; workflowError?: string | string[] }>;
};

const actionLabels: Record<ArticleAction, string> = {
  "article:view": "read it",
  "article:edit": "edit the text",
  "article:comment": "comment",
  "article:suggest": "suggest changes to the text",
  "article:submit": "send it for review",
  "article:approve": "approve it",
  "article:request-changes": "request changes",
  "article:publish": "publish it",
  "article:archive": "archive it",
  "article:reopen": "reopen it as a draft",
  "article:deliveries": "see and retry its webhook deliveries",
  "article:share": "share it",
  "article:rename": "rename it",
};

/** The article this user may see, or the 404 / 403 page. */
async function loadArticle(id: string, user: User) {
  const db = await getDb();
  const access = await findArticleAccess(db, id, user.id);
  if (!access) notFound();
  if (!can(toActor(user), "article:view", access)) forbidden();
  const [article, members, latest, changes, timeline] = await Promise.all([
    findArticleSummary(db, id),
    listArticleMembers(db, id),
    latestVersion(db, id),
    changesSinceSeen(db, id, user.id),
    articleTimeline(db, id),
  ]);
  if (!article) notFound();
  const review = await loadReviewCard(db, user, access, article);
  // A reviewer whose approval the text has moved on from sees first what changed since.
  const ownStale = review.signoffs
    .filter((s) => review.ownSignoffIds.includes(s.id) && s.approval?.decision === "approved" && s.approval.stale && s.approval.reviewer.id === user.id)
    .map((s) => s.approval!)
    .sort((a, b) => b.at.localeCompare(a.at))[0];
  const sinceApproval = ownStale ? await changesSinceVersion(db, id, ownStale.versionId) : null;
  return { access, article, members, latest, changes, timeline, review, sinceApproval };
}

/** What the Review card shows: sign-offs with the versions they name, what is published, the next steps. */
async function loadReviewCard(db: Db, user: User, access: ArticleAccess, article: ArticleSummary) {
  const allowed = await allowedWorkflowActions(db, user, access);
  // Where the desk could publish, the list of what still waits is read from the text itself, not as of the last pause.
  if (allowed.includes("publish")) await syncFromStore(db, article.id);
  const [review, desks, signers, deliveries, suggestions] = await Promise.all([
    loadReview(db, article.id, article.contentHash),
    listDesks(db),
    listSigners(db),
    can(toActor(user), "article:deliveries", access) ? listDeliveries(db, article.id) : undefined,
    listSuggestionRecords(db, article.id),
  ]);
  const versionIds = [...new Set([...review.signoffs.map((s) => s.approval?.versionId), article.publishedVersionId].filter((id): id is string => !!id))];
  const versions = versionIds.length ? await db.selectFrom("article_versions").select(["id", "number", "content_hash"]).where("id", "in", versionIds).execute() : [];
  const versionNumbers = Object.fromEntries(versions.map((v) => [v.id, v.number]));
  const myDesks = new Set(desks.filter((d) => d.members.some((m) => m.id === user.id)).map((d) => d.id));
  const published = versions.find((v) => v.id === article.publishedVersionId);
  const publisher = article.publishedById ? await db.selectFrom("users").select("name").where("id", "=", article.publishedById).executeTakeFirst() : undefined;
  return {
    signoffs: review.signoffs,
    versionNumbers,
    ownSignoffIds: review.signoffs.filter((s) => s.userId === user.id || (s.deskId && myDesks.has(s.deskId))).map((s) => s.id),
    allowed,
    published: published
      ? { number: published.number, at: article.publishedAt, by: publisher?.name ?? null, hasUnpublishedChanges: published.content_hash !== article.contentHash }
      : null,
    signers: signers.filter((person) => person.email !== user.email),
    desks: desks.map((d) => d.name),
    deliveries,
    openSuggestions: suggestions
      .filter((s) => s.state === "open" && s.orphanedAt === null)
      .map((s) => ({ id: s.id, what: describeSuggestion(s), by: s.author.name })),
  };
}

/** The tab title; the page itself decides between the article, 404 and 403. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const user = await getCurrentUser();
  const db = await getDb();
  const access = user ? await findArticleAccess(db, id, user.id) : undefined;
  // The same titles as the 404 and 403 pages these requests end on; never the title of an article one may not see.
  if (!user) return { title: "Article" };
  if (!access) return { title: "Not found" };
  if (!can(toActor(user), "article:view", access)) return { title: "No access" };
  return { title: (await findArticleSummary(db, id))?.title ?? "Article" };
}

/**
 * /articles/:id – the article itself: the live editor for everyone who may
 * see it (read-only for those who may not edit) with its comment threads
 * beside it, then the overview (people, sharing, export).
 */
export default async function ArticlePage({ params, searchParams }: Props) {
  const { id } = await params;
  const { thread, workflow, workflowError } = await searchParams;
  const user = await requireUser(`/articles/${id}`);
  const { access, article, members, latest, changes, timeline, review, sinceApproval } = await loadArticle(id, user);
  const actor = toActor(user);
  const allowed = allowedArticleActions(actor, access);
  const owner = members.find((member) => member.role === "owner");
  // A client-side navigation (an RSC request) would get the script as inert markup: only a full load runs it.
  const requestHeaders = await headers();
  const isDocumentLoad = requestHeaders.get("rsc") !== "1";
  // The policy lets an inline script run only with this response's nonce.
  const nonce = requestHeaders.get(nonceHeader) ?? undefined;

  return (
    <article className="article-page">
      {/* First, so the document is on its way while the scripts load. */}
      {isDocumentLoad && <script nonce={nonce} dangerouslySetInnerHTML={{ __html: earlySocketScript(article.id) }} />}
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">← All articles</Link>
      </nav>
      <header className="article-header article-page__header">
        <StatusBadge status={article.status} />
        <h1 className="article-title">{article.title}</h1>
        <dl className="meta-list">
          <div>
            <dt>Owner</dt>
            <dd>{owner?.name ?? "—"}</dd>
          </div>
          <div>
            <dt>Created</dt>
            <dd>
              <RelativeTime iso={article.createdAt} />
            </dd>
          </div>
          <div>
            <dt>Last update</dt>
            <dd>
              <RelativeTime iso={article.updatedAt} />
            </dd>
          </div>
          <div>
            <dt>Versions</dt>
            <dd>
              <Link href={`/articles/${article.id}/history`}>History</Link>
            </dd>
          </div>
        </dl>
      </header>

      {sinceApproval && (
        <p className="since-banner since-banner--approval" role="status">
          Changed since you approved version {sinceApproval.versionNumber}: <span className="added">+{sinceApproval.added}</span>{" "}
          <span className="removed">−{sinceApproval.removed}</span> words{" "}
          <Link href={`/articles/${article.id}/history?from=${sinceApproval.versionId}&to=current`}>Show changes since approval</Link>
        </p>
      )}
      {changes && (
        <p className="since-banner" role="status">
          Changed since you last looked: <span className="added">+{changes.added}</span>{" "}
          <span className="removed">−{changes.removed}</span> words{" "}
          <span className="muted">
            (you last looked at version {changes.versionNumber}, <RelativeTime iso={changes.seenAt} />)
          </span>{" "}
          <Link href={`/articles/${article.id}/history?from=${changes.versionId}&to=current`}>Show changes</Link>
        </p>
      )}
      <SeenRecorder articleId={article.id} />

      <div className="article-page__layout">
        <section className="article-page__editor" aria-label="Article text">
          <ArticleEditor
            articleId={article.id}
            currentUser={{ id: user.id, name: user.name }}
            allowedActions={allowed}
            authors={article.authors}
            wordTarget={article.wordTarget}
            initialThreadId={typeof thread === "string" ? thread : undefined}
          />
        </section>

        <aside className="article-page__side" aria-label="About this article">
          <ReviewCard
            articleId={article.id}
            status={article.status}
            {...review}
            step={workflowStepAction}
            retry={retryDeliveryAction}
            message={typeof workflow === "string" ? workflow : undefined}
            error={typeof workflowError === "string" ? workflowError : undefined}
          />
          <TimelineCard articleId={article.id} entries={timeline} />
          <section className="card stack" aria-labelledby="people-heading">
            <h2 id="people-heading">People</h2>
            <ArticleMembers members={members} currentUserId={user.id} />
          </section>
          <section className="card stack" aria-labelledby="versions-heading">
            <h2 id="versions-heading">Versions</h2>
            <p className="muted">
              {latest ? (
                <>
                  Latest: {versionLabel(latest)}, <RelativeTime iso={latest.created_at} />.
                </>
              ) : (
                "None yet: Galley keeps one a few minutes after editing stops."
              )}
            </p>
            <p>
              <Link href={`/articles/${article.id}/history`}>History and compare</Link>
            </p>
            {can(actor, "article:edit", access) && (
              <details className="save-version">
                <summary>Save version…</summary>
                <SaveVersionForm articleId={article.id} action={saveVersionAction} />
              </details>
            )}
          </section>
          {can(actor, "article:share", access) && <ShareForm articleId={article.id} />}
          <ExportPanel articleId={article.id} />
          <section className="card stack" aria-labelledby="permissions-heading">
            <h2 id="permissions-heading">What you can do</h2>
            <p className="muted">
              As {withIndefiniteArticle(user.role)}
              {access.membership ? ` (${access.membership} on this article)` : ""}, you can{" "}
              {listInWords(allowed.map((action) => actionLabels[action]))}.
            </p>
          </section>
        </aside>
      </div>
    </article>
  );
}

/** "a, b and c" */
function listInWords(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "do nothing here") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
