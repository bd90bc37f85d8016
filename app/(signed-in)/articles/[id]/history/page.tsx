import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { RelativeTime } from "@/components/ui/relative-time";
import { StackTable } from "@/components/ui/stack-table";
import { CompareView } from "@/components/versions/compare-view";
import { SaveVersionForm } from "@/components/versions/save-version-form";
import { kindLabels, versionLabel } from "@/components/versions/version-label";
import { findArticleAccess, findArticleSummary } from "@/lib/articles";
import { getDb } from "@/lib/db/client";
import { can } from "@/lib/policy";
import { toActor } from "@/lib/users";
import { compareStates, listVersions, type VersionSummary } from "@/lib/versions";
import { getCurrentUser, requireUser } from "../../../../_lib/current-user";
import { restoreVersionAction, saveVersionAction } from "./actions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function VersionOptions({ versions }: { versions: VersionSummary[] }) {
  return versions.map((version) => (
    <option key={version.id} value={version.id}>
      {versionLabel(version)}
    </option>
  ));
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const user = await getCurrentUser();
  const db = await getDb();
  const access = user ? await findArticleAccess(db, id, user.id) : undefined;
  if (!user || !access || !can(toActor(user), "article:view", access)) return { title: "History" };
  return { title: `History · ${(await findArticleSummary(db, id))?.title ?? "Article"}` };
}

/**
 * /articles/:id/history – the article's versions, newest first, and the
 * comparison of any two (or of one and now): ?from=<versionId>&to=<versionId|current>.
 * Rendered on the server: none of it adds to the editor's scripts.
 */
export default async function HistoryPage({ params, searchParams }: Props) {
  const { id } = await params;
  const query = await searchParams;
  const user = await requireUser(`/articles/${id}/history`);
  const db = await getDb();
  const access = await findArticleAccess(db, id, user.id);
  if (!access) notFound();
  const actor = toActor(user);
  if (!can(actor, "article:view", access)) forbidden();
  const [article, versions] = await Promise.all([findArticleSummary(db, id), listVersions(db, id)]);
  if (!article) notFound();

  const fromId = first(query.from) ?? versions[0]?.id;
  const toId = first(query.to) ?? "current";
  const isAll = first(query.all) === "1";
  const restoredNumber = first(query.restored);
  const restoreError = first(query.restoreError);
  const mayEdit = can(actor, "article:edit", access);
  const compared = fromId ? await compareStates(db, id, fromId, toId, { isFolded: !isAll }) : null;
  const comparison = typeof compared === "string" ? "missing" : (compared?.comparison ?? null);
  const compareHref = (from: string, to = "current") => `/articles/${id}/history?from=${from}&to=${to}`;

  return (
    <div className="stack-lg history-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href={`/articles/${id}`}>← Back to the article</Link>
      </nav>
      <div className="page-header">
        <div>
          <h1>History</h1>
          <p className="muted">
            Every version of <strong>{article.title}</strong>: what it said, who changed it, and what changed between any two.
          </p>
        </div>
      </div>

      {restoredNumber && (
        <p role="status" className="form-message form-message-success">
          The article says again what that version said, as version {restoredNumber}; everyone editing it sees the change now.
        </p>
      )}
      {restoreError && (
        <p role="alert" className="form-message form-message-error">
          {restoreError}
        </p>
      )}
      {versions.length === 0 ? (
        <div className="empty-state">
          <h2>No versions yet</h2>
          <p>Galley keeps a version a few minutes after editing stops, when someone leaves the article after changes, and whenever someone saves one with a name.</p>
        </div>
      ) : (
        <>
          <section className="card stack" aria-labelledby="compare-heading">
            <h2 id="compare-heading">Compare</h2>
            <form className="compare-form" method="get" action={`/articles/${id}/history`}>
              <div className="field">
                <label htmlFor="compare-from">From</label>
                <select id="compare-from" name="from" defaultValue={fromId}>
                  <VersionOptions versions={versions} />
                </select>
              </div>
              <div className="field">
                <label htmlFor="compare-to">To</label>
                <select id="compare-to" name="to" defaultValue={toId}>
                  <option value="current">Now</option>
                  <VersionOptions versions={versions} />
                </select>
              </div>
              <button type="submit" className="button button-secondary">
                Compare
              </button>
            </form>
            {comparison === "missing" ? (
              <p role="alert" className="form-message form-message-error">
                One of these versions does not exist (any more): pick two from the lists.
              </p>
            ) : (
              comparison && (
                <CompareView comparison={comparison} showAllHref={isAll ? undefined : `${compareHref(fromId!, toId)}&all=1`} />
              )
            )}
          </section>

          <StackTable className="versions-table" label="Versions, newest first" columns={["Version", "When", "By", "Words", "Change", ""]}>
            {versions.map((version) => (
              <tr key={version.id}>
                <td data-label="Version">
                  <strong>Version {version.number}</strong> · {version.name ?? kindLabels[version.kind]}
                  {version.name && <span className="muted"> ({kindLabels[version.kind].toLowerCase()})</span>}
                </td>
                <td className="nowrap muted" data-label="When">
                  <RelativeTime iso={version.createdAt} />
                </td>
                <td data-label="By">
                  {[version.createdBy?.name, ...version.contributors.map((person) => person.name)]
                    .filter((name, index, all): name is string => !!name && all.indexOf(name) === index)
                    .join(", ") || <span className="muted">Galley</span>}
                </td>
                <td data-label="Words">{version.words.toLocaleString("en-GB")}</td>
                <td className="versions-table__change" data-label="Change">
                  <span className="added" aria-label={`${version.added} words added`}>
                    +{version.added}
                  </span>{" "}
                  <span className="removed" aria-label={`${version.removed} words removed`}>
                    −{version.removed}
                  </span>
                </td>
                <td data-label="" className="versions-table__actions">
                  <Link href={compareHref(version.id)}>Compare with now</Link>
                  {mayEdit && (
                    <form action={restoreVersionAction}>
                      <input type="hidden" name="articleId" value={id} />
                      <input type="hidden" name="versionId" value={version.id} />
                      <button type="submit" className="button button-secondary button-small" aria-label={`Restore version ${version.number}`}>
                        Restore
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </StackTable>
        </>
      )}

      {mayEdit && (
        <section className="card stack" aria-labelledby="save-version-heading">
          <h2 id="save-version-heading">Save version</h2>
          <p className="muted">Keep the article as it is now, to come back to or compare with later.</p>
          <SaveVersionForm articleId={id} action={saveVersionAction} />
        </section>
      )}
    </div>
  );
}
