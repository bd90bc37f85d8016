import { gzipSync } from "node:zlib";
import { Kysely, Migrator, sql, type Migration, type MigrationProvider } from "kysely";

/**
 * Migrations live in code (not files on disk) so the bundled server, the CLI
 * and tests all carry the same list. Append only; never edit a shipped one.
 */
const buildMigrations = (isPostgres: boolean): Record<string, Migration> => ({
  "001_foundation": {
    async up(db: Kysely<any>) {
      const binary = isPostgres ? "bytea" : "blob";
      const serial = (col: any) =>
        isPostgres ? col.generatedAlwaysAsIdentity().primaryKey() : col.autoIncrement().primaryKey();

      await db.schema
        .createTable("users")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("email", "text", (c) => c.notNull().unique())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("password_hash", "text", (c) => c.notNull())
        .addColumn("disabled_at", "text")
        .addColumn("token_version", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("articles")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("owner_id", "text", (c) => c.notNull().references("users.id"))
        .addColumn("word_target", "integer")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("articles_updated_at").on("articles").column("updated_at").execute();

      await db.schema
        .createTable("article_members")
        .addColumn("article_id", "text", (c) => c.notNull().references("articles.id").onDelete("cascade"))
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("added_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("article_members_pk", ["article_id", "user_id"])
        .execute();
      await db.schema.createIndex("article_members_user").on("article_members").column("user_id").execute();

      await db.schema
        .createTable("audit_log")
        .addColumn("id", "integer", serial)
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("actor_id", "text")
        .addColumn("actor_label", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("target_type", "text", (c) => c.notNull())
        .addColumn("target_id", "text", (c) => c.notNull())
        .addColumn("before_json", "text")
        .addColumn("after_json", "text")
        .execute();

      await db.schema
        .createTable("sign_in_throttle")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("failures", "integer", (c) => c.notNull())
        .addColumn("first_failure_at", "text", (c) => c.notNull())
        .addColumn("locked_until", "text")
        .execute();

      await db.schema
        .createTable("doc_updates")
        .addColumn("id", "integer", serial)
        .addColumn("article_id", "text", (c) => c.notNull())
        .addColumn("data", binary as any, (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("doc_updates_article")
        .on("doc_updates")
        .columns(["article_id", "id"])
        .execute();

      await db.schema
        .createTable("doc_snapshots")
        .addColumn("article_id", "text", (c) => c.primaryKey())
        .addColumn("state", binary as any, (c) => c.notNull())
        .addColumn("through_id", "integer", (c) => c.notNull())
        .addColumn("text", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
    },
  },
  "002_comments": {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable("comments")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("article_id", "text", (c) => c.notNull().references("articles.id").onDelete("cascade"))
        // null for a thread's root; a reply points at its root (threads are one level deep).
        .addColumn("thread_id", "text", (c) => c.references("comments.id").onDelete("cascade"))
        .addColumn("author_id", "text", (c) => c.notNull().references("users.id"))
        .addColumn("body", "text", (c) => c.notNull())
        // The text commented on, shown when the passage itself is deleted.
        .addColumn("quote", "text")
        // base64 of Y.encodeRelativePosition: they follow the passage through edits.
        .addColumn("anchor_start", "text")
        .addColumn("anchor_end", "text")
        .addColumn("resolved_at", "text")
        .addColumn("resolved_by", "text", (c) => c.references("users.id"))
        .addColumn("edited_at", "text")
        .addColumn("deleted_at", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("comments_article").on("comments").columns(["article_id", "created_at"]).execute();
      await db.schema.createIndex("comments_thread").on("comments").column("thread_id").execute();

      await db.schema
        .createTable("notifications")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("article_id", "text", (c) => c.notNull().references("articles.id").onDelete("cascade"))
        .addColumn("comment_id", "text", (c) => c.notNull().references("comments.id").onDelete("cascade"))
        .addColumn("actor_id", "text", (c) => c.notNull().references("users.id"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("read_at", "text")
        .execute();
      await db.schema
        .createIndex("notifications_user")
        .on("notifications")
        .columns(["user_id", "created_at"])
        .execute();
    },
  },
  "003_article_projection": {
    async up(db: Kysely<any>) {
      // One column per statement: SQLite adds one at a time.
      await db.schema.alterTable("articles").addColumn("standfirst", "text", (c) => c.notNull().defaultTo("")).execute();
      await db.schema.alterTable("articles").addColumn("word_count", "integer", (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable("articles").addColumn("content_hash", "text").execute();
      await db.schema.alterTable("articles").addColumn("projected_through", "integer", (c) => c.notNull().defaultTo(0)).execute();
    },
  },
  "004_versions": {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable("article_versions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("article_id", "text", (c) => c.notNull().references("articles.id").onDelete("cascade"))
        // 1, 2, 3… per article: unique, so two instances cannot both take the next number.
        .addColumn("number", "integer", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("name", "text")
        .addColumn("created_by", "text", (c) => c.references("users.id"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("content_hash", "text", (c) => c.notNull())
        // Gzipped Yjs update of the whole document (lib/docs/codec), and what it reads as, for search and diffs.
        .addColumn("state", isPostgres ? "bytea" : "blob", (c) => c.notNull())
        .addColumn("plain_text", "text", (c) => c.notNull())
        .addColumn("words", "integer", (c) => c.notNull())
        .addColumn("added", "integer", (c) => c.notNull())
        .addColumn("removed", "integer", (c) => c.notNull())
        // JSON array of the ids of the people whose edits went into it since the previous version.
        .addColumn("contributors", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("article_versions_number").unique().on("article_versions").columns(["article_id", "number"]).execute();

      // Who edited an article since its last version: written off the message path, read when a version is made.
      await db.schema
        .createTable("article_contributions")
        .addColumn("article_id", "text", (c) => c.notNull().references("articles.id").onDelete("cascade"))
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
        .addPrimaryKeyConstraint("article_contributions_pk", ["article_id", "user_id"])
        .execute();
    },
  },
  "005_article_views": {
    async up(db: Kysely<any>) {
      // What each person last had open of each article: the version it was then, for "Changed since you last looked".
      await db.schema
        .createTable("article_views")
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("article_id", "text", (c) => c.notNull().references("articles.id").onDelete("cascade"))
        .addColumn("version_id", "text", (c) => c.notNull().references("article_versions.id").onDelete("cascade"))
        .addColumn("content_hash", "text", (c) => c.notNull())
        .addColumn("seen_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("article_views_pk", ["user_id", "article_id"])
        .execute();
    },
  },
  "006_version_text_compressed": {
    async up(db: Kysely<any>) {
      // A long article's plain text is most of a version's size; gzipped, 100 versions of 20,000 words fit in a few MB.
      await db.schema.alterTable("article_versions").addColumn("plain_text_gz", isPostgres ? "bytea" : "blob").execute();
      const rows: { id: string; plain_text: string }[] = await db.selectFrom("article_versions").select(["id", "plain_text"]).execute();
      for (const row of rows) {
        await db.updateTable("article_versions").set({ plain_text_gz: gzipSync(Buffer.from(row.plain_text)) }).where("id", "=", row.id).execute();
      }
      await db.schema.alterTable("article_versions").dropColumn("plain_text").execute();
    },
  },
  "007_review": {
    async up(db: Kysely<any>) {
      // Desks (Copy, Legal, Standards…): a desk's sign-off is given by any one of its members.
      await db.schema
        .createTable("desks")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        // The name lowercased: "legal" and "Legal" are one desk.
        .addColumn("name_key", "text", (c) => c.notNull().unique())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("desk_members")
        .addColumn("desk_id", "text", (c) => c.notNull().references("desks.id").onDelete("cascade"))
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("added_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("desk_members_pk", ["desk_id", "user_id"])
        .execute();

      // The sign-offs an article needs: a named person or a desk.
      await db.schema
        .createTable("review_signoffs")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("article_id", "text", (c) => c.notNull().references("articles.id").onDelete("cascade"))
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("cascade"))
        .addColumn("desk_id", "text", (c) => c.references("desks.id").onDelete("cascade"))
        .addColumn("added_by", "text", (c) => c.references("users.id"))
        .addColumn("added_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("review_signoffs_person").unique().on("review_signoffs").columns(["article_id", "user_id"]).execute();
      await db.schema.createIndex("review_signoffs_desk").unique().on("review_signoffs").columns(["article_id", "desk_id"]).execute();

      // Every approval or request for changes, bound to the version (and content hash) it was given on. The latest per sign-off counts.
      await db.schema
        .createTable("review_decisions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("article_id", "text", (c) => c.notNull().references("articles.id").onDelete("cascade"))
        .addColumn("signoff_id", "text", (c) => c.notNull().references("review_signoffs.id").onDelete("cascade"))
        .addColumn("reviewer_id", "text", (c) => c.notNull().references("users.id"))
        .addColumn("decision", "text", (c) => c.notNull())
        .addColumn("note", "text")
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("version_id", "text", (c) => c.notNull().references("article_versions.id"))
        .addColumn("content_hash", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("review_decisions_signoff").on("review_decisions").columns(["signoff_id", "at"]).execute();

      // What is published: a frozen version, who published it and when.
      await db.schema.alterTable("articles").addColumn("published_version_id", "text").execute();
      await db.schema.alterTable("articles").addColumn("published_at", "text").execute();
      await db.schema.alterTable("articles").addColumn("published_by", "text").execute();
    },
  },
  "008_webhook_deliveries": {
    async up(db: Kysely<any>) {
      // The publish webhook's outbox: written in the publishing transaction, delivered (and retried) by lib/webhooks.
      await db.schema
        .createTable("webhook_deliveries")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("article_id", "text", (c) => c.notNull().references("articles.id").onDelete("cascade"))
        .addColumn("version_id", "text", (c) => c.notNull().references("article_versions.id"))
        .addColumn("event", "text", (c) => c.notNull())
        // The exact body sent, fixed at publication: every attempt sends the same bytes and signature.
        .addColumn("payload", "text", (c) => c.notNull())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull())
        .addColumn("next_attempt_at", "text", (c) => c.notNull())
        // Held by the instance delivering it, so no two deliver it at once; a crashed holder's lease runs out.
        .addColumn("claimed_until", "text")
        .addColumn("last_error", "text")
        .addColumn("last_status", "integer")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("delivered_at", "text")
        .execute();
      await db.schema.createIndex("webhook_deliveries_due").on("webhook_deliveries").columns(["state", "next_attempt_at"]).execute();
      await db.schema.createIndex("webhook_deliveries_article").on("webhook_deliveries").columns(["article_id", "created_at"]).execute();
    },
  },
  "009_workflow_notifications": {
    async up(db: Kysely<any>) {
      // Review requests and decisions notify too: they name no comment, and may carry the reviewer's note.
      if (isPostgres) {
        await sql`alter table notifications alter column comment_id drop not null`.execute(db);
        await db.schema.alterTable("notifications").addColumn("note", "text").execute();
        return;
      }
      // SQLite cannot drop a NOT NULL: the table is rebuilt with the same rows.
      await db.schema
        .createTable("notifications_next")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("article_id", "text", (c) => c.notNull().references("articles.id").onDelete("cascade"))
        .addColumn("comment_id", "text", (c) => c.references("comments.id").onDelete("cascade"))
        .addColumn("actor_id", "text", (c) => c.notNull().references("users.id"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("read_at", "text")
        .addColumn("note", "text")
        .execute();
      await sql`insert into notifications_next (id, user_id, kind, article_id, comment_id, actor_id, created_at, read_at)
        select id, user_id, kind, article_id, comment_id, actor_id, created_at, read_at from notifications`.execute(db);
      await db.schema.dropTable("notifications").execute();
      await sql`alter table notifications_next rename to notifications`.execute(db);
      await db.schema.createIndex("notifications_user").on("notifications").columns(["user_id", "created_at"]).execute();
    },
  },
  "010_audit_by_target": {
    async up(db: Kysely<any>) {
      // An article's timeline reads its audit entries newest first.
      await db.schema.createIndex("audit_log_target").on("audit_log").columns(["target_type", "target_id", "id"]).execute();
    },
  },
  "011_suggestions": {
    async up(db: Kysely<any>) {
      // Suggested changes: the open ones mirror the document's marks, the resolved ones are their record.
      await db.schema
        .createTable("suggestions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("article_id", "text", (c) => c.notNull().references("articles.id").onDelete("cascade"))
        // No reference: the id comes from the document's marks, and the record outlives an account's removal.
        .addColumn("author_id", "text", (c) => c.notNull())
        .addColumn("field", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("inserted", "text", (c) => c.notNull())
        .addColumn("deleted", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("orphaned_at", "text")
        .addColumn("resolved_by", "text")
        .addColumn("resolved_at", "text")
        .execute();
      await db.schema.createIndex("suggestions_article").on("suggestions").columns(["article_id", "state"]).execute();
      await db.schema
        .createTable("suggestion_replies")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("suggestion_id", "text", (c) => c.notNull().references("suggestions.id").onDelete("cascade"))
        .addColumn("author_id", "text", (c) => c.notNull().references("users.id"))
        .addColumn("body", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("suggestion_replies_thread").on("suggestion_replies").columns(["suggestion_id", "created_at"]).execute();
    },
  },
  "012_snapshot_revision": {
    async up(db: Kysely<any>) {
      // Counts the writes of an article's snapshot: a compaction from memory writes only over the one its document holds.
      await db.schema.alterTable("doc_snapshots").addColumn("revision", "integer", (c) => c.notNull().defaultTo(0)).execute();
    },
  },
});

/** Brings the schema up to date (or up to the migration `through`, for tests of a migration); safe to call on every start. */
export async function migrateToLatest(db: Kysely<any>, dialect: "sqlite" | "postgres", options: { through?: string } = {}): Promise<void> {
  const provider: MigrationProvider = {
    getMigrations: async () => buildMigrations(dialect === "postgres"),
  };
  // Kysely looks for its bookkeeping tables in every schema: name ours, or a second
  // Galley (or test) schema in the same PostgreSQL database is taken for this one.
  const migrationTableSchema =
    dialect === "postgres"
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({ db, provider, migrationTableSchema });
  for (let attempt = 1; ; attempt++) {
    const { error, results } = options.through ? await migrator.migrateTo(options.through) : await migrator.migrateToLatest();
    const failed = results?.find((r) => r.status === "Error");
    if (!error && !failed) return;
    // Before migrating, Kysely lists every schema's tables: another schema dropped at that moment
    // (another Galley's tests sharing the database) fails the listing, not the migration. Look again.
    const isVanishedSchema = !failed && /schema "[^"]+" does not exist/.test(String(error));
    if (isVanishedSchema && attempt < 5) continue;
    throw new Error(`Migration ${failed?.migrationName ?? ""} failed: ${String(error)}`);
  }
}
