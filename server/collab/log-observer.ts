import type pino from "pino";
import type { Connection } from "./connection";
import type { CollabObserver } from "./observer";

const nothing = () => {};
const named = (conn: Connection) => ({ connectionId: conn.id, userId: conn.user.id, articleId: conn.room.id });

/**
 * The collaboration server's connection log lines, fed by the stages'
 * reports: one line when a connection opens and closes (with its id, never
 * its token), when its rights change, and for each refusal (a refused
 * message at warn the first time for its reason on that connection, at
 * debug after, so a misbehaving client cannot flood the log).
 */
export function logObserver(log: pino.Logger): CollabObserver {
  return {
    connectionOpened(conn) {
      log.info({ ...named(conn), isReadOnly: !conn.isWritable, hasAskedForSaved: conn.hasAskedForSaved }, "collab connection opened");
    },
    connectionClosed(conn, code) {
      log.info({ ...named(conn), code, seconds: Math.round((Date.now() - conn.openedAt) / 1000) }, "collab connection closed");
    },
    accessChanged(conn) {
      log.info({ ...named(conn), isReadOnly: !conn.mayChange, isSuggestOnly: conn.canSuggest }, "collab access changed");
    },
    refused(reason, refusal) {
      switch (refusal.at) {
        case "upgrade": {
          const { connectionId, status, userId, articleId } = refusal;
          return log.warn({ reason, status, connectionId, userId, articleId }, "collab upgrade refused");
        }
        case "message": {
          const context = { reason, detail: refusal.detail, ...named(refusal.conn) };
          if (refusal.conn.isFirstRefusal(reason)) log.warn(context, "collab refused");
          else log.debug(context, "collab refused");
          return;
        }
        case "close": {
          const { conn, code, detail } = refusal;
          return log.warn({ reason, code, ...named(conn), detail }, "collab connection refused");
        }
        case "drop":
          return log.warn({ reason, ...named(refusal.conn) }, "collab connection dropped");
      }
    },
    documentLoaded: nothing,
    documentUnloaded: nothing,
    updateReceived: nothing,
    updatesSent: nothing,
    committed: nothing,
    compacted: nothing,
  };
}
