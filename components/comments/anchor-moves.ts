import type { EditorState } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { isStructuralChange } from "@/lib/editor/incremental-remote-sync";
import {
  anchorKey,
  hasText,
  rangeToAnchor,
  resolveAnchorRange,
  ySyncOf,
  type StoredPositions,
  type TextRange,
} from "./anchor-ranges";

/**
 * Why this exists: when a paragraph is merged into the one before it, split,
 * or turned into a heading or quote, y-prosemirror deletes that paragraph's
 * Y.XmlText (or the whole element) and writes its text anew as new Yjs
 * items. The text is still there, but a thread's stored relative positions
 * point into the deleted items, so everyone (and the server) would call the
 * thread "on deleted text". ProseMirror's own mapping of the change knows
 * where the passage went, and only the editor that made the change has it:
 * that editor moves the anchor onto the new items and stores it on the
 * server, and everyone else gets it through the usual comment event.
 */

/** A thread moved onto new positions for the same text. */
export interface AnchorMove extends StoredPositions {
  threadId: string;
}

/** What the highlight plugin knows of each anchored thread. */
export interface FollowedThreads {
  anchors: ({ threadId: string } & StoredPositions)[];
  /** Each passage's range, mapped through this editor's own changes since the last Yjs change. */
  ranges: Map<string, TextRange>;
  /** Anchors each thread had on this page, oldest first. */
  history: Map<string, StoredPositions[]>;
}

/**
 * "edit": this editor changed the document's structure; the mapped ranges
 * say where each passage is. "undo": an undo or redo brought back (or took
 * away again) text written before; one of the thread's earlier anchors,
 * whose items Yjs restored, says where.
 */
export type MoveCause = "edit" | "undo";

const sameRange = (a: TextRange | null, b: TextRange) => a !== null && a.from === b.from && a.to === b.to;

export function findAnchorMoves(state: EditorState, followed: FollowedThreads, cause: MoveCause): AnchorMove[] {
  const ystate = ySyncOf(state);
  if (!ystate?.binding) return [];
  const moves: AnchorMove[] = [];
  for (const anchor of followed.anchors) {
    const current = resolveAnchorRange(state, ystate, anchor);
    let next: StoredPositions | null | undefined = null;
    if (cause === "edit") {
      const mapped = followed.ranges.get(anchor.threadId);
      // A passage the change deleted stays deleted; one still where its anchor says needs nothing.
      if (!mapped || !hasText(state, mapped) || sameRange(current, mapped)) continue;
      next = rangeToAnchor(state, ystate, mapped);
    } else {
      if (current && hasText(state, current)) continue;
      next = [...(followed.history.get(anchor.threadId) ?? [])].reverse().find((past) => {
        const range = anchorKey(past) !== anchorKey(anchor) && resolveAnchorRange(state, ystate, past);
        return range && hasText(state, range);
      });
    }
    if (next && anchorKey(next) !== anchorKey(anchor)) moves.push({ threadId: anchor.threadId, start: next.start, end: next.end });
  }
  return moves;
}

/**
 * Watches this editor's own structural writes to the Y.Doc (its edits, and
 * its undo and redo) and, once the change is complete on both sides, hands
 * the threads whose anchors no longer match their text to `onMoves`.
 * Returns the cleanup.
 */
export function followAnchors(
  view: EditorView,
  readFollowed: (state: EditorState) => FollowedThreads | undefined,
  onMoves: (moves: AnchorMove[]) => void,
): () => void {
  const doc = ySyncOf(view.state)?.doc;
  if (!doc) return () => {};
  let cause: MoveCause | null = null;
  let isDestroyed = false;
  const onTransaction = (transaction: Y.Transaction) => {
    const isUndo = transaction.origin instanceof Y.UndoManager;
    if (!(isUndo || transaction.origin === ySyncPluginKey) || !transaction.local || !isStructuralChange(transaction)) return;
    const isQueued = cause !== null;
    cause = isUndo ? "undo" : "edit";
    if (isQueued) return;
    // After the ProseMirror transaction that caused it (and any that follow in this task) is applied.
    queueMicrotask(() => {
      const queued = cause;
      cause = null;
      const followed = readFollowed(view.state);
      if (isDestroyed || !queued || !followed) return;
      const moves = findAnchorMoves(view.state, followed, queued);
      if (moves.length > 0) onMoves(moves);
    });
  };
  doc.on("afterTransaction", onTransaction);
  return () => {
    isDestroyed = true;
    doc.off("afterTransaction", onTransaction);
  };
}
