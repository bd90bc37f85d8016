import { readOnlyReason, refusedChangesReason } from "../../lib/docs";
import type { RefusalReason } from "../metrics";
import type { Connection } from "./connection";
import type { CollabLimits } from "./limits";
import { ProtocolError, encodeAwareness, encodePermissionDenied, readClientMessage } from "./messages";
import { closeCode } from "../../lib/collab-protocol";

export interface MessageContext {
  limits: CollabLimits;
  /** Counts (and logs once per connection) something refused while the connection stays open. */
  refuse(conn: Connection, reason: RefusalReason, detail?: string): void;
  /** Counts, logs and closes the connection with a websocket close code. */
  closeFor(conn: Connection, code: number, reason: RefusalReason, text: string): void;
}

/**
 * One frame from a client, start to end. Anything wrong with it closes this
 * connection only (1003 a type we do not accept, 1007 a malformed message,
 * 1008 too many messages, 1009 a document grown past its cap); nothing a
 * client sends can throw out of here.
 */
export function handleMessage(ctx: MessageContext, conn: Connection, data: Uint8Array, isBinary: boolean): void {
  if (conn.isClosed) return;
  conn.isAlive = true;
  if (!isBinary) return ctx.closeFor(conn, closeCode.unsupported, "text_frame", "text frames are not supported");
  if (conn.isOverRate(Date.now(), ctx.limits.maxMessagesPerSecond)) {
    return ctx.closeFor(conn, closeCode.policy, "rate_limited", "too many messages");
  }
  const room = conn.room;
  try {
    const message = readClientMessage(data);
    switch (message.kind) {
      case "sync-step-1":
        room.answerSyncStep1(conn, message.stateVector);
        return;
      case "update":
        return handleUpdate(ctx, conn, message.update);
      case "awareness":
        for (const reason of room.applyAwareness(conn, message.update, Date.now())) ctx.refuse(conn, reason);
        return;
      case "query-awareness": {
        const states = room.awareness.encodeAll();
        if (states) conn.send(encodeAwareness(states));
        return;
      }
    }
  } catch (error) {
    if (error instanceof ProtocolError) {
      const reason = error.closeCode === closeCode.unsupported ? "unknown_message" : "malformed_message";
      return ctx.closeFor(conn, error.closeCode, reason, error.message);
    }
    // Yjs throws on updates and state vectors it cannot read.
    return ctx.closeFor(conn, closeCode.malformed, "malformed_message", "unreadable document data");
  }
}

function handleUpdate(ctx: MessageContext, conn: Connection, update: Uint8Array): void {
  if (!conn.isWritable && conn.canSuggest) return handleSuggestion(ctx, conn, update);
  if (!conn.isWritable) {
    ctx.refuse(conn, "read_only");
    // Changes the document lacks (typed offline, or before the downgrade was heard): the client must drop them.
    if (conn.room.wouldChange(update)) {
      conn.shouldTellReadOnly();
      conn.send(encodePermissionDenied(refusedChangesReason));
    } else if (conn.shouldTellReadOnly()) {
      conn.send(encodePermissionDenied(readOnlyReason));
    }
    return;
  }
  if (conn.room.estimatedBytes + update.length > ctx.limits.maxDocumentBytes) {
    return ctx.closeFor(conn, closeCode.tooLarge, "document_too_large", "the document is too large");
  }
  conn.room.applyUpdate(conn, update);
}

/**
 * A suggester's update (a reviewer's, or anyone's who may suggest but not
 * edit): applied only when every change in it is a suggestion of theirs.
 * Otherwise nothing of it is stored or sent on, and the client is told to
 * go back to the stored document (the same message as refused edits).
 */
function handleSuggestion(ctx: MessageContext, conn: Connection, update: Uint8Array): void {
  if (conn.room.estimatedBytes + update.length > ctx.limits.maxDocumentBytes) {
    return ctx.closeFor(conn, closeCode.tooLarge, "document_too_large", "the document is too large");
  }
  const refusal = conn.room.checkSuggestion(update, conn.user.id);
  if (refusal) {
    ctx.refuse(conn, "not_a_suggestion", refusal);
    conn.send(encodePermissionDenied(refusedChangesReason));
    return;
  }
  conn.room.applyUpdate(conn, update);
}
