import type pino from "pino";
import { findArticleAccess } from "../../lib/articles";
import type { Db } from "../../lib/db/client";
import { subscribeEvents } from "../../lib/events";
import { findUserById, type User } from "../../lib/users";
import { decideAccess, type AccessVerdict } from "./access-verdict";
import type { Connection } from "./connection";

export interface AccessWatcherHost {
  hasConnections(): boolean;
  connectionsOfUser(userId: string): Iterable<Connection>;
  connectionsOfArticle(articleId: string): Iterable<Connection>;
  applyVerdict(conn: Connection, verdict: AccessVerdict, user: User | undefined): void;
}

/** How far back each poll looks: generous, so clock skew or a slow commit elsewhere is not missed. */
const lookBackMs = 10_000;

/**
 * Keeps open connections in line with the store. In this process, commands
 * publish user.changed and article.changed and connections are re-checked at
 * once. The CLI runs in another process and SQLite has no cross-process bus,
 * so every `intervalMs` the users and articles changed recently are read too
 * (role changes, disabling and password resets bump users.updated_at; sharing
 * and workflow bump articles.updated_at) and their connections re-checked.
 */
export class AccessWatcher {
  private readonly pending = new Set<Connection>();
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private isPolling = false;
  /** Rows already acted on, by "u:id"/"a:id", with the version seen and when. */
  private readonly seen = new Map<string, { version: string; at: number }>();
  /** When a change to a user ("u:id") or article ("a:id") was last heard of. */
  private readonly changedAt = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly host: AccessWatcherHost,
    private readonly log: pino.Logger,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.unsubscribe = subscribeEvents((event) => {
      if (event.type === "user.changed") {
        this.changedAt.set(`u:${event.userId}`, Date.now());
        this.recheck(this.host.connectionsOfUser(event.userId));
      } else if (event.type === "article.changed") {
        this.changedAt.set(`a:${event.articleId}`, Date.now());
        this.recheck(this.host.connectionsOfArticle(event.articleId));
      }
    });
    this.timer = setInterval(() => void this.poll(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
    this.pending.clear();
    await this.running;
  }

  /** Whether a change to this user or article was heard of since `since` (ms). */
  hasChangedSince(userId: string, articleId: string, since: number): boolean {
    return (this.changedAt.get(`u:${userId}`) ?? 0) >= since || (this.changedAt.get(`a:${articleId}`) ?? 0) >= since;
  }

  recheck(conns: Iterable<Connection>): void {
    for (const conn of conns) if (!conn.isClosed) this.pending.add(conn);
    if (this.pending.size > 0) this.running ??= this.drain();
  }

  private async poll(): Promise<void> {
    // Nobody connected, nothing to re-check (a connection opened later was decided fresh).
    if (this.isPolling || !this.host.hasConnections()) return;
    this.isPolling = true;
    try {
      const now = Date.now();
      const since = new Date(now - lookBackMs).toISOString();
      const users = await this.db
        .selectFrom("users")
        .select(["id", "updated_at", "role", "disabled_at", "token_version", "name"])
        .where("updated_at", ">", since)
        .execute();
      for (const user of users) {
        const version = [user.updated_at, user.role, user.disabled_at, user.token_version, user.name].join("|");
        if (this.isNew(`u:${user.id}`, version, now)) this.recheck(this.host.connectionsOfUser(user.id));
      }
      const articles = await this.db
        .selectFrom("articles")
        .select(["id", "updated_at", "status", "owner_id"])
        .where("updated_at", ">", since)
        .execute();
      for (const article of articles) {
        const version = [article.updated_at, article.status, article.owner_id].join("|");
        if (this.isNew(`a:${article.id}`, version, now)) this.recheck(this.host.connectionsOfArticle(article.id));
      }
      for (const [key, entry] of this.seen) if (now - entry.at > 2 * lookBackMs) this.seen.delete(key);
      for (const [key, at] of this.changedAt) if (now - at > 2 * lookBackMs) this.changedAt.delete(key);
    } catch (error) {
      this.log.error({ err: error }, "could not poll for access changes; will try again");
    } finally {
      this.isPolling = false;
    }
  }

  private isNew(key: string, version: string, now: number): boolean {
    if (this.seen.get(key)?.version === version) return false;
    this.seen.set(key, { version, at: now });
    this.changedAt.set(key, now);
    return true;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.size > 0) {
        const conns = [...this.pending].filter((conn) => !conn.isClosed);
        this.pending.clear();
        try {
          await this.decide(conns);
        } catch (error) {
          this.log.error({ err: error, connections: conns.length }, "could not re-check access; retrying shortly");
          await new Promise((resolve) => setTimeout(resolve, this.intervalMs).unref());
          for (const conn of conns) if (!conn.isClosed) this.pending.add(conn);
        }
      }
    } finally {
      this.running = null;
    }
  }

  private async decide(conns: Connection[]): Promise<void> {
    const users = new Map<string, User | undefined>();
    const accesses = new Map<string, Awaited<ReturnType<typeof findArticleAccess>>>();
    for (const conn of conns) {
      if (!users.has(conn.user.id)) users.set(conn.user.id, await findUserById(this.db, conn.user.id));
      const user = users.get(conn.user.id);
      // A password reset ends the sessions signed in before it.
      const session = user && user.tokenVersion === conn.user.tokenVersion ? user : null;
      if (!session) {
        this.host.applyVerdict(conn, decideAccess(null, null), user);
        continue;
      }
      const key = `${conn.room.id}\u0000${session.id}`;
      if (!accesses.has(key)) accesses.set(key, await findArticleAccess(this.db, conn.room.id, session.id));
      if (!conn.isClosed) this.host.applyVerdict(conn, decideAccess(session, accesses.get(key)), user);
    }
  }
}
