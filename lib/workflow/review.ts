import type { DbOrTx } from "../db/client";
import type { ReviewDecision, SignoffKind } from "../db/schema";

/** A sign-off's latest decision: what it was given on, and whether the content has moved on since. */
export interface Approval {
  reviewer: { id: string; name: string; email: string };
  decision: ReviewDecision;
  note: string | null;
  at: string;
  versionId: string;
  contentHash: string;
  /** Given on an earlier version: the content changed since. */
  stale: boolean;
}

/** One sign-off an article needs. */
export interface Signoff {
  id: string;
  kind: SignoffKind;
  /** The person's or the desk's name. */
  name: string;
  /** The person's email (person sign-offs only). */
  email?: string;
  userId: string | null;
  deskId: string | null;
  approval: Approval | null;
}

export interface Review {
  signoffs: Signoff[];
  /** Every sign-off holds an approval of the content as it is now. */
  isSatisfied: boolean;
  /** Someone approved an earlier version: their approval no longer counts. */
  hasStale: boolean;
}

/** A sign-off counts when its latest decision approves exactly this content. */
export const isCurrentApproval = (approval: Approval | null, contentHash: string | null): boolean =>
  approval?.decision === "approved" && approval.contentHash === contentHash;

/**
 * The article's sign-offs with the latest decision on each, judged against
 * `contentHash` (what the article says now): an approval of other content
 * is stale.
 */
export async function loadReview(db: DbOrTx, articleId: string, contentHash: string | null): Promise<Review> {
  const [signoffs, decisions] = await Promise.all([
    db
      .selectFrom("review_signoffs")
      .leftJoin("users", "users.id", "review_signoffs.user_id")
      .leftJoin("desks", "desks.id", "review_signoffs.desk_id")
      .select([
        "review_signoffs.id",
        "review_signoffs.kind",
        "review_signoffs.user_id",
        "review_signoffs.desk_id",
        "review_signoffs.added_at",
        "users.name as user_name",
        "users.email as user_email",
        "desks.name as desk_name",
      ])
      .where("review_signoffs.article_id", "=", articleId)
      .execute(),
    db
      .selectFrom("review_decisions")
      .innerJoin("users", "users.id", "review_decisions.reviewer_id")
      .select([
        "review_decisions.signoff_id",
        "review_decisions.decision",
        "review_decisions.note",
        "review_decisions.at",
        "review_decisions.version_id",
        "review_decisions.content_hash",
        "users.id as reviewer_id",
        "users.name as reviewer_name",
        "users.email as reviewer_email",
      ])
      .where("review_decisions.article_id", "=", articleId)
      .orderBy("review_decisions.at")
      .orderBy("review_decisions.id")
      .execute(),
  ]);
  const latest = new Map<string, (typeof decisions)[number]>();
  for (const decision of decisions) latest.set(decision.signoff_id, decision);
  // In the order they were asked for; of one request, people before desks, each by name.
  const nameOf = (row: (typeof signoffs)[number]) => (row.kind === "person" ? row.user_name : row.desk_name) ?? "";
  signoffs.sort((a, b) => a.added_at.localeCompare(b.added_at) || b.kind.localeCompare(a.kind) || nameOf(a).localeCompare(nameOf(b)));
  const list: Signoff[] = signoffs.map((row) => {
    const decision = latest.get(row.id);
    return {
      id: row.id,
      kind: row.kind,
      name: (row.kind === "person" ? row.user_name : row.desk_name) ?? "—",
      ...(row.kind === "person" && row.user_email ? { email: row.user_email } : {}),
      userId: row.user_id,
      deskId: row.desk_id,
      approval: decision
        ? {
            reviewer: { id: decision.reviewer_id, name: decision.reviewer_name, email: decision.reviewer_email },
            decision: decision.decision,
            note: decision.note,
            at: decision.at,
            versionId: decision.version_id,
            contentHash: decision.content_hash,
            stale: decision.content_hash !== contentHash,
          }
        : null,
    };
  });
  return {
    signoffs: list,
    isSatisfied: list.length > 0 && list.every((s) => isCurrentApproval(s.approval, contentHash)),
    hasStale: list.some((s) => s.approval?.decision === "approved" && s.approval.stale),
  };
}

/** A sign-off as `GET /api/articles/<id>` shows it. */
export function signoffJson(signoff: Signoff) {
  return {
    kind: signoff.kind,
    name: signoff.name,
    ...(signoff.email ? { email: signoff.email } : {}),
    approval: signoff.approval && {
      reviewer: signoff.approval.reviewer,
      decision: signoff.approval.decision,
      note: signoff.approval.note,
      at: signoff.approval.at,
      versionId: signoff.approval.versionId,
      contentHash: signoff.approval.contentHash,
      stale: signoff.approval.stale,
    },
  };
}
