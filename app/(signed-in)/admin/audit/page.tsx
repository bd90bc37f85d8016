import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { z } from "zod";
import { AuditTable } from "@/components/admin/audit-table";
import { PageHeader } from "@/components/ui/page-header";
import { listAudit } from "@/lib/audit";
import { getDb } from "@/lib/db/client";
import { can } from "@/lib/policy";
import { pathWithQuery } from "../../../_lib/callback-url";
import { requireActor } from "../../../_lib/current-user";

export const metadata: Metadata = { title: "Audit log" };

const pageSize = 50;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// ?before=<id>: entries older than that one. Anything unreadable means "from the newest".
const auditQuery = z.object({ before: z.coerce.number().int().positive().optional().catch(undefined) });

/** /admin/audit – who changed what and when, newest first; admins only. */
export default async function AuditPage({ searchParams }: Props) {
  const params = await searchParams;
  const { actor } = await requireActor(pathWithQuery("/admin/audit", params));
  if (!can(actor, "audit:view")) forbidden();
  const { before } = auditQuery.parse({ before: Array.isArray(params.before) ? params.before[0] : params.before });
  // One more than a page tells whether an older page exists.
  const rows = await listAudit(await getDb(), { limit: pageSize + 1, before });
  const entries = rows.slice(0, pageSize);
  const hasOlder = rows.length > pageSize;
  const oldestShown = entries.at(-1);

  return (
    <div className="stack-lg">
      <PageHeader title="Audit log">Every change to people and articles: who, what, when, and what it was before.</PageHeader>
      {entries.length === 0 ? (
        <div className="empty-state">
          <h2>{before ? "No older entries" : "Nothing recorded yet"}</h2>
          <p>{before ? "You have reached the first change ever recorded." : "Changes to users and articles appear here as they happen."}</p>
          {before && (
            <Link href="/admin/audit" className="button button-secondary">
              Back to the newest
            </Link>
          )}
        </div>
      ) : (
        <AuditTable entries={entries} />
      )}
      {(before || hasOlder) && entries.length > 0 && (
        <nav className="pager" aria-label="Audit log pages">
          {before ? <Link href="/admin/audit">← Newest</Link> : <span />}
          {hasOlder && oldestShown && (
            <Link href={`/admin/audit?before=${oldestShown.id}`} rel="next">
              Older →
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
