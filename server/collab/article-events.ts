import * as encoding from "lib0/encoding";
import type pino from "pino";
import { subscribeEvents, type GalleyEvent } from "../../lib/events";
import type { Connection } from "./connection";
import { messageType } from "../../lib/collab-protocol";

/**
 * Galley's "article event" message, server → client only:
 *
 *   9, varString JSON   e.g. {"type":"comment.changed","articleId":…,"commentId":…,"threadId":…}
 *                            {"type":"notification.created","userId":…}
 *                            {"type":"article.changed","articleId":…}   (status, review, sharing)
 *
 * It tells an open editor that something beside the document changed, so it
 * refetches that over the JSON API (GET /api/comments/<threadId>,
 * GET /api/notifications). The payload carries ids only, never content, so a
 * connection learns nothing its user could not already read. Only connections
 * opened with `?events=1` receive it (a stock provider has no handler for 9);
 * they register `provider.messageHandlers[9]`. A client never sends it
 * (handle-message refuses unknown types).
 */
export const messageArticleEvent = messageType.articleEvent;

export type ArticleEventPayload = Extract<GalleyEvent, { type: "comment.changed" | "notification.created" | "article.changed" }>;

export function encodeArticleEvent(payload: ArticleEventPayload): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageArticleEvent);
  encoding.writeVarString(encoder, JSON.stringify(payload));
  return encoding.toUint8Array(encoder);
}

export interface ArticleEventHost {
  connectionsOfUser(userId: string): Iterable<Connection>;
  connectionsOfArticle(articleId: string): Iterable<Connection>;
}

/**
 * Forwards comment and notification events from the bus (in-process, or Redis
 * when scaled out: every instance hears every event and serves its own
 * sockets) to the open connections concerned: comment changes to everyone in
 * that article, a new notification to each of that user's connections, on any
 * article, so the header's unread count follows.
 */
export class ArticleEventRelay {
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly host: ArticleEventHost,
    private readonly log: pino.Logger,
  ) {}

  start(): void {
    this.unsubscribe = subscribeEvents((event) => {
      // An article's status or review changed too: its open pages refetch them.
      if (event.type === "comment.changed" || event.type === "article.changed") {
        this.send(this.host.connectionsOfArticle(event.articleId), event);
      } else if (event.type === "notification.created") {
        this.send(this.host.connectionsOfUser(event.userId), event);
      }
    });
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private send(conns: Iterable<Connection>, payload: ArticleEventPayload): void {
    let message: Uint8Array | null = null;
    let count = 0;
    for (const conn of conns) {
      if (conn.isClosed || !conn.hasAskedForEvents) continue;
      message ??= encodeArticleEvent(payload);
      conn.send(message);
      count++;
    }
    if (count > 0) this.log.debug({ event: payload.type, connections: count }, "article event relayed");
  }
}
