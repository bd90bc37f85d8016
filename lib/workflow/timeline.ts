import type { DbOrTx } from "../db/client";

/** One line of an article's timeline. */
export interface TimelineEntry {
  at: string;
  /** Who did it ("Galley" for the server's own steps). */
  actor: string;
  /** What happened, in words, after the actor's name. */
  text: string;
  note?: string;
  /** The version it names, to compare with now. */
  version?: { id: string; number: number };
}

type Details = {
  suggestions?: { by: string; what: string }[];
  versionId?: string; version?: number; number?: number; note?: string; reviewers?: string[]; desks?: string[]; from?: number; name?: string; event?: string };

const listFormat = new Intl.ListFormat("en-GB", { style: "long", type: "conjunction" });

/** The words for each audited step; steps not listed are not part of the timeline. */
function describe(action: string, after: Details): string | null {
  const version = after.version ? ` version ${after.version}` : "";
  switch (action) {
    case "workflow.submit": {
      const asked = [...(after.reviewers ?? []), ...(after.desks ?? []).map((d) => `the ${d} desk`)];
      return `submitted${version} for review${asked.length ? `, asking ${listFormat.format(asked)}` : ""}`;
    }
    case "workflow.approve":
      return `approved${version}`;
    case "workflow.request_changes":
      return `requested changes to${version}`;
    case "workflow.publish":
      return `${after.event === "article.updated" ? "republished" : "published"}${version}`;
    case "workflow.archive":
      return "archived the article";
    case "workflow.reopen":
      return "reopened it as a draft";
    case "workflow.stale":
      return "noticed the text changed after approval: the approvals no longer count, and it is back in review";
    case "version.create":
      return `saved version ${after.number}${after.name ? ` as “${after.name}”` : ""}`;
    case "version.restore":
      return `restored version ${after.from}${after.version ? `, as version ${after.version}` : ""}`;
    case "webhook.retry":
      return "asked for a webhook delivery to be tried again";
    case "suggestion.accept":
    case "suggestion.reject":
    case "suggestion.withdraw":
      return describeResolution(action, after.suggestions ?? []);
    default:
      return null;
  }
}

const resolutionVerb: Record<string, string> = { "suggestion.accept": "accepted", "suggestion.reject": "rejected", "suggestion.withdraw": "withdrew" };

/** "accepted Ravi Reviewer's suggestion: Replace “forty” with “40”", or "rejected 3 suggestions". */
function describeResolution(action: string, suggestions: { by: string; what: string }[]): string {
  const verb = resolutionVerb[action]!;
  if (suggestions.length !== 1) return `${verb} ${suggestions.length} suggestions`;
  const [only] = suggestions;
  const whose = action === "suggestion.withdraw" ? "their" : `${only!.by}’s`;
  return `${verb} ${whose} suggestion: ${only!.what}`;
}

/**
 * The article's history of review and publication, newest first: every
 * workflow step with its note and the version it names, saved and restored
 * versions, and the publish webhook's deliveries, from the audit log and the
 * outbox.
 */
export async function articleTimeline(db: DbOrTx, articleId: string, limit = 50): Promise<TimelineEntry[]> {
  const [audit, deliveries] = await Promise.all([
    db
      .selectFrom("audit_log")
      .select(["at", "actor_label", "actor_id", "action", "after_json"])
      .where("target_type", "=", "article")
      .where("target_id", "=", articleId)
      .where((eb) => eb.or([eb("action", "like", "workflow.%"), eb("action", "like", "version.%"), eb("action", "like", "suggestion.%"), eb("action", "=", "webhook.retry")]))
      .orderBy("id", "desc")
      .limit(limit)
      .execute(),
    db
      .selectFrom("webhook_deliveries")
      .innerJoin("article_versions", "article_versions.id", "webhook_deliveries.version_id")
      .select(["webhook_deliveries.state", "webhook_deliveries.attempts", "webhook_deliveries.last_error", "webhook_deliveries.created_at", "webhook_deliveries.delivered_at", "webhook_deliveries.version_id", "article_versions.number"])
      .where("webhook_deliveries.article_id", "=", articleId)
      .orderBy("webhook_deliveries.created_at", "desc")
      .limit(limit)
      .execute(),
  ]);
  const versionIds = [...new Set(audit.map((row) => (JSON.parse(row.after_json ?? "{}") as Details).versionId).filter((id): id is string => !!id))];
  const numbers = new Map(
    (versionIds.length ? await db.selectFrom("article_versions").select(["id", "number"]).where("id", "in", versionIds).execute() : []).map((v) => [v.id, v.number]),
  );
  const entries: TimelineEntry[] = [];
  for (const row of audit) {
    const after = JSON.parse(row.after_json ?? "{}") as Details;
    const text = describe(row.action, after);
    if (!text) continue;
    const number = after.versionId ? numbers.get(after.versionId) : undefined;
    entries.push({
      at: row.at,
      actor: row.actor_id ? row.actor_label : "Galley",
      text,
      ...(after.note ? { note: after.note } : {}),
      ...(after.versionId && number ? { version: { id: after.versionId, number } } : {}),
    });
  }
  for (const delivery of deliveries) {
    const text =
      delivery.state === "delivered"
        ? `delivered version ${delivery.number} to the website`
        : delivery.state === "failing"
          ? `could not deliver version ${delivery.number} to the website yet (${delivery.attempts} ${delivery.attempts === 1 ? "attempt" : "attempts"}: ${delivery.last_error})`
          : `is sending version ${delivery.number} to the website`;
    entries.push({ at: delivery.delivered_at ?? delivery.created_at, actor: "Galley", text, version: { id: delivery.version_id, number: delivery.number } });
  }
  return entries.sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
}
