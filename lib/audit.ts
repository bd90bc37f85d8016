import type { DbOrTx } from "./db/client";
import { nowIso } from "./ids";

/** Who made a change: a signed-in user, or the operator at the command line. */
export type AuditActor = { id: string; name: string } | { id: null; name: "cli" | "system" };

export const cliActor: AuditActor = { id: null, name: "cli" };
export const systemActor: AuditActor = { id: null, name: "system" };

export interface AuditEntry {
  action: string;
  targetType: "user" | "article" | "desk";
  targetId: string;
  before?: unknown;
  after?: unknown;
}

/** Records a change; call inside the transaction that makes it. */
export async function recordAudit(db: DbOrTx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      at: nowIso(),
      actor_id: actor.id,
      actor_label: actor.name,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
      after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}

export interface AuditListItem {
  id: number;
  at: string;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string;
  targetLabel: string | null;
  before: unknown;
  after: unknown;
}

const parse = (json: string | null) => (json === null ? null : JSON.parse(json));

/** Newest first, with the target's current name or title for display. */
export async function listAudit(
  db: DbOrTx,
  { limit = 100, before }: { limit?: number; before?: number } = {},
): Promise<AuditListItem[]> {
  let query = db
    .selectFrom("audit_log")
    .leftJoin("users as target_user", (join) =>
      join.onRef("target_user.id", "=", "audit_log.target_id").on("audit_log.target_type", "=", "user"),
    )
    .leftJoin("articles as target_article", (join) =>
      join.onRef("target_article.id", "=", "audit_log.target_id").on("audit_log.target_type", "=", "article"),
    )
    .select([
      "audit_log.id",
      "audit_log.at",
      "audit_log.actor_label",
      "audit_log.action",
      "audit_log.target_type",
      "audit_log.target_id",
      "audit_log.before_json",
      "audit_log.after_json",
      "target_user.email as target_email",
      "target_article.title as target_title",
    ])
    .orderBy("audit_log.id", "desc")
    .limit(limit);
  if (before !== undefined) query = query.where("audit_log.id", "<", before);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    actorLabel: row.actor_label,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    targetLabel: row.target_email ?? row.target_title ?? null,
    before: parse(row.before_json),
    after: parse(row.after_json),
  }));
}
