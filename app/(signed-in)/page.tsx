import type { Metadata } from "next";
import { z } from "zod";
import { ArticleFilters } from "@/components/articles/article-filters";
import { ArticleTable } from "@/components/articles/article-table";
import { DashboardEmpty } from "@/components/articles/dashboard-empty";
import { PageHeader } from "@/components/ui/page-header";
import { listArticlesForActor } from "@/lib/articles";
import { articlesWaitingFor } from "@/lib/workflow";
import { getDb } from "@/lib/db/client";
import { articleStatuses } from "@/lib/db/schema";
import { can } from "@/lib/policy";
import { pathWithQuery } from "../_lib/callback-url";
import { requireActor } from "../_lib/current-user";
import { ImportArticleForm } from "./import-article-form-client";
import { NewArticleForm } from "./new-article-form-client";

export const metadata: Metadata = { title: "Articles" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// A shared URL with a stale or mistyped filter still shows something sensible.
const dashboardQuery = z.object({
  status: z.enum(articleStatuses).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  waiting: z.literal("1").optional().catch(undefined),
});

/** / – the articles this user may see, newest update first, with filter, search, "New article" and "Import". */
export default async function DashboardPage({ searchParams }: Props) {
  const params = await searchParams;
  const { actor } = await requireActor(pathWithQuery("/", params));
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const parsed = dashboardQuery.parse({ status: first(params.status) || undefined, q: first(params.q) || undefined, waiting: first(params.waiting) || undefined });
  const { status, q } = parsed;
  // Reviewers and the desk give sign-offs; "Waiting for me" lists what needs theirs (or their desk's).
  const canSignOff = actor.role !== "writer";
  const waiting = canSignOff && parsed.waiting === "1";
  const isFiltered = Boolean(status || q || waiting);
  const db = await getDb();
  const ids = waiting ? await articlesWaitingFor(db, actor.id) : undefined;
  const articles = await listArticlesForActor(db, actor, { status, query: q, ids });
  const canCreate = can(actor, "article:create");

  return (
    <div className="stack-lg">
      <PageHeader title="Articles">
        {can(actor, "article:list-all")
          ? "Everything in the newsroom."
          : actor.role === "reviewer"
            ? "Articles awaiting review, those assigned to you and those you sign off."
            : "Your articles and those shared with you."}
      </PageHeader>

      {canCreate && (
        <div className="dashboard-create">
          <NewArticleForm />
          <ImportArticleForm />
        </div>
      )}

      <section aria-labelledby="list-heading" className="stack">
        <h2 id="list-heading" className="visually-hidden">
          Article list
        </h2>
        {/* Searching an empty newsroom finds nothing: the filters appear once there is something to filter. */}
        {(isFiltered || articles.length > 0) && <ArticleFilters status={status} q={q} waiting={waiting} canSignOff={canSignOff} />}
        {articles.length > 0 ? (
          <ArticleTable articles={articles} caption={isFiltered ? `${articles.length} matching` : `${articles.length} in all`} />
        ) : (
          <DashboardEmpty isFiltered={isFiltered} status={status} q={q} waiting={waiting} role={actor.role} canCreate={canCreate} />
        )}
      </section>
    </div>
  );
}
