import type pino from "pino";
import type { Db } from "../../lib/db/client";
import { AutoVersioner, Projector } from "../../lib/versions";
import { dropStaleApprovals } from "../../lib/workflow";
import type * as Y from "yjs";

export interface PostCommitOptions {
  log: pino.Logger;
  /** An article's loaded document, read without a store round trip (null: read the store). */
  live: (articleId: string) => Y.Doc | null;
  versionIdleMs: number;
  versionMaxMs: number;
}

/**
 * The last stage of an update's path: after a commit has been stored and
 * broadcast, the article row is brought up to the document (title,
 * standfirst, words, content hash: lib/versions/projector.ts, once editing
 * pauses), and when the content moved on, an automatic version is due after
 * the burst and approvals of other content go stale (lib/workflow). Nothing
 * here holds up a client: it runs after they have heard of the change.
 */
export class PostCommitHooks {
  private readonly projector: Projector;
  private readonly versioner: AutoVersioner;

  constructor(db: Db, options: PostCommitOptions) {
    const { log, live } = options;
    this.versioner = new AutoVersioner(db, { idleMs: options.versionIdleMs, maxMs: options.versionMaxMs, log, live });
    this.projector = new Projector(db, {
      log,
      live,
      onContentChanged: (articleId) => {
        this.versioner.changed(articleId);
        // Approvals name the content they approved: a change makes them stale, and an approved article goes back to review.
        dropStaleApprovals(db, articleId).catch((error: unknown) =>
          log.warn({ err: error, articleId }, "could not check the article's approvals against its new content"),
        );
      },
    });
  }

  /** Rows up to `throughId` of this article are stored, written by these users. */
  committed(articleId: string, throughId: number, userIds: Iterable<string>): void {
    this.projector.notice(articleId, throughId, userIds);
  }

  /** Resolves once every projection asked for so far has run. */
  flush(): Promise<void> {
    return this.projector.flush();
  }

  async close(): Promise<void> {
    await this.projector.close();
    await this.versioner.close();
  }
}
