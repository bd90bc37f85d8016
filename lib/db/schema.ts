import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

export const roles = ["admin", "editor", "writer", "reviewer"] as const;
export type Role = (typeof roles)[number];

export const articleStatuses = [
  "draft",
  "in_review",
  "changes_requested",
  "approved",
  "published",
  "archived",
] as const;
export type ArticleStatus = (typeof articleStatuses)[number];

export const memberRoles = ["author", "reviewer"] as const;
export type MemberRole = (typeof memberRoles)[number];

/** Timestamps are ISO-8601 strings set by the server, identical on both dialects. */
type Timestamp = string;

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  disabled_at: Timestamp | null;
  /** Bumped when a password is reset or the account disabled: old tokens stop verifying. */
  token_version: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ArticlesTable {
  id: string;
  /** Follows the document's headline (lib/versions/projector.ts) once it has one. */
  title: string;
  status: ArticleStatus;
  owner_id: string;
  word_target: number | null;
  created_at: Timestamp;
  /** The last change of the content (or of sharing and settings). */
  updated_at: Timestamp;
  /** Derived from the document after commits, like the three below. */
  standfirst: ColumnType<string, string | undefined, string>;
  word_count: ColumnType<number, number | undefined, number>;
  /** SHA-256 of the canonical rendering (lib/versions/projection.ts); null until first projected. */
  content_hash: ColumnType<string | null, string | null | undefined, string | null>;
  /** The highest doc_updates row the projection reflects: projections only move forward. */
  projected_through: ColumnType<number, number | undefined, number>;
  /** The frozen version the export and the webhook serve, once published (lib/workflow). */
  published_version_id: ColumnType<string | null, string | null | undefined, string | null>;
  published_at: ColumnType<string | null, string | null | undefined, string | null>;
  published_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ArticleMembersTable {
  article_id: string;
  user_id: string;
  role: MemberRole;
  added_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  /** null when the change came from the command line or the system itself. */
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_type: string;
  target_id: string;
  before_json: string | null;
  after_json: string | null;
}

export interface SignInThrottleTable {
  /** "email:<address>" or "ip:<address>" */
  key: string;
  failures: number;
  first_failure_at: Timestamp;
  locked_until: Timestamp | null;
}

/** Append-only Yjs update log; compaction folds a prefix into doc_snapshots. */
export interface DocUpdatesTable {
  id: Generated<number>;
  article_id: string;
  data: Uint8Array;
  created_at: Timestamp;
}

export interface DocSnapshotsTable {
  article_id: string;
  /** Gzipped Y.encodeStateAsUpdate (v1) of everything folded so far; read it with lib/docs decodeSnapshotState. */
  state: Uint8Array;
  through_id: number;
  /** How many times the snapshot was written: a compaction writes only over the revision it built on. */
  revision: Generated<number>;
  /** Plain-text rendering for search and export. */
  text: string;
  updated_at: Timestamp;
}

export interface CommentsTable {
  id: string;
  article_id: string;
  /** null for a thread's root; a reply's root otherwise. */
  thread_id: string | null;
  author_id: string;
  body: string;
  /** The text the thread was opened on, kept for when that text is deleted. */
  quote: string | null;
  /** base64 of Y.encodeRelativePosition; null for a comment on the whole article and on replies. */
  anchor_start: string | null;
  anchor_end: string | null;
  /** Set on roots only. */
  resolved_at: Timestamp | null;
  resolved_by: string | null;
  edited_at: Timestamp | null;
  /** Soft delete: the row stays so a thread keeps its shape. */
  deleted_at: Timestamp | null;
  created_at: Timestamp;
}

export const versionKinds = ["auto", "named", "submitted", "approved", "published", "restored"] as const;
export type VersionKind = (typeof versionKinds)[number];

/** An immutable stored state of an article's document (lib/versions). */
export interface ArticleVersionsTable {
  id: string;
  article_id: string;
  number: number;
  kind: VersionKind;
  name: string | null;
  created_by: string | null;
  created_at: Timestamp;
  content_hash: string;
  /** Gzipped Yjs v1 update of the whole document; read it with lib/docs decodeSnapshotState. */
  state: Uint8Array;
  /** What it reads as (headline, standfirst, body), gzipped: read it with lib/versions versionText. */
  plain_text_gz: Uint8Array;
  words: number;
  /** Words added and removed against the previous version. */
  added: number;
  removed: number;
  /** JSON array of user ids. */
  contributors: string;
}

export interface ArticleContributionsTable {
  article_id: string;
  user_id: string;
}

/** What a person last had open of an article (lib/versions/last-seen.ts). */
export interface ArticleViewsTable {
  user_id: string;
  article_id: string;
  /** The version whose content they saw: made then if the content had moved on from the latest one. */
  version_id: string;
  content_hash: string;
  seen_at: Timestamp;
}

/** A named group whose sign-off any one member gives (lib/workflow/desks.ts). */
export interface DesksTable {
  id: string;
  name: string;
  /** The name lowercased: unique. */
  name_key: string;
  created_at: Timestamp;
}

export interface DeskMembersTable {
  desk_id: string;
  user_id: string;
  added_at: Timestamp;
}

export const signoffKinds = ["person", "desk"] as const;
export type SignoffKind = (typeof signoffKinds)[number];

/** A sign-off an article needs: from one person, or from any member of one desk. */
export interface ReviewSignoffsTable {
  id: string;
  article_id: string;
  kind: SignoffKind;
  user_id: string | null;
  desk_id: string | null;
  added_by: string | null;
  added_at: Timestamp;
}

export const reviewDecisions = ["approved", "changes_requested"] as const;
export type ReviewDecision = (typeof reviewDecisions)[number];

/** An approval or a request for changes, bound to the version it was given on; the latest of a sign-off counts. */
export interface ReviewDecisionsTable {
  id: string;
  article_id: string;
  signoff_id: string;
  reviewer_id: string;
  decision: ReviewDecision;
  note: string | null;
  at: Timestamp;
  version_id: string;
  content_hash: string;
}

export const deliveryStates = ["pending", "delivered", "failing"] as const;
export type DeliveryState = (typeof deliveryStates)[number];
export type WebhookEvent = "article.published" | "article.updated";

/** One POST of the publish webhook, from the outbox (lib/webhooks). */
export interface WebhookDeliveriesTable {
  id: string;
  article_id: string;
  version_id: string;
  event: WebhookEvent;
  payload: string;
  state: DeliveryState;
  attempts: number;
  next_attempt_at: Timestamp;
  claimed_until: Timestamp | null;
  last_error: string | null;
  last_status: number | null;
  created_at: Timestamp;
  delivered_at: Timestamp | null;
}

export const notificationKinds = ["mention", "review_requested", "changes_requested", "approved"] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: NotificationKind;
  article_id: string;
  /** The comment that mentions the user; null for review requests and decisions. */
  comment_id: string | null;
  actor_id: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
  /** A reviewer's or submitter's note, for review notifications. */
  note: ColumnType<string | null, string | null | undefined, string | null>;
}

export const suggestionStates = ["open", "accepted", "rejected", "withdrawn"] as const;
export type SuggestionState = (typeof suggestionStates)[number];

/**
 * A suggestion to change an article's text. While open, the document holds
 * it (lib/suggestions/marks.ts) and this row follows the document; once
 * accepted, rejected or withdrawn, the row is its record.
 */
export interface SuggestionsTable {
  /** The id its marks carry in the document. */
  id: string;
  article_id: string;
  /** The suggester, as the marks name them (the collab server lets a suggester name only themselves). */
  author_id: string;
  field: "headline" | "standfirst" | "body";
  kind: "insert" | "delete" | "replace";
  inserted: string;
  deleted: string;
  created_at: Timestamp;
  state: SuggestionState;
  /** Since when the document no longer holds its text (deleted around it); null while it does. */
  orphaned_at: Timestamp | null;
  resolved_by: string | null;
  resolved_at: Timestamp | null;
}

/** A reply in a suggestion's thread. */
export interface SuggestionRepliesTable {
  id: string;
  suggestion_id: string;
  author_id: string;
  body: string;
  created_at: Timestamp;
}

export interface Database {
  users: UsersTable;
  articles: ArticlesTable;
  article_members: ArticleMembersTable;
  audit_log: AuditLogTable;
  sign_in_throttle: SignInThrottleTable;
  doc_updates: DocUpdatesTable;
  doc_snapshots: DocSnapshotsTable;
  comments: CommentsTable;
  notifications: NotificationsTable;
  article_versions: ArticleVersionsTable;
  article_contributions: ArticleContributionsTable;
  article_views: ArticleViewsTable;
  desks: DesksTable;
  desk_members: DeskMembersTable;
  review_signoffs: ReviewSignoffsTable;
  review_decisions: ReviewDecisionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  suggestions: SuggestionsTable;
  suggestion_replies: SuggestionRepliesTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type ArticleRow = Selectable<ArticlesTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type CommentRow = Selectable<CommentsTable>;
export type NotificationRow = Selectable<NotificationsTable>;
export type ArticleVersionRow = Selectable<ArticleVersionsTable>;
