import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { afterNextPaint, type ScheduleTask } from "./update-write-queue";

/**
 * Why this exists: @tiptap/y-tiptap 3.0.9 clears its whole Yjs → ProseMirror
 * node mapping on every remote change ("so relative cursor positions resolve
 * against current node sizes after structural changes", such as a block
 * dragged elsewhere) and so rebuilds every node of the document for each
 * character someone else types. In a 20,000-word article with ten people
 * typing that is the editor's main cost (bench/editor): every block is
 * recreated, every plugin cache keyed by node misses, and the view compares
 * the whole document, pushing remote edits past 400 ms and local keystrokes
 * waiting behind them past 200 ms.
 *
 * A change that only edits text or attributes inside blocks leaves every
 * other block's node valid: y-tiptap already drops the mapping of each
 * changed type and of its parents before rebuilding. So the full clear is
 * kept for structural changes (a block added, removed or moved: a child list
 * of the body or of any element changed) and skipped for the rest.
 */

/** A Yjs transaction that added, removed or moved elements (not only text or attributes inside them). */
export function isStructuralChange(transaction: Y.Transaction): boolean {
  for (const [type, keys] of transaction.changed) {
    if (type instanceof Y.XmlFragment && !(type instanceof Y.XmlElement)) return true;
    // An element's child list changed (its attributes have keys; its children the null key).
    if (type instanceof Y.XmlElement && keys.has(null)) return true;
  }
  return false;
}

interface SyncBinding {
  doc: Y.Doc;
  mapping: Map<unknown, unknown>;
}

/**
 * Makes the binding's next mapping clear a no-op when the Yjs transaction
 * being applied is not structural. Every other clear (snapshots, forced
 * re-renders) goes through untouched. Returns the undo.
 */
export function keepMappingOnTextChanges(binding: SyncBinding): () => void {
  const { doc, mapping } = binding;
  const clear = mapping.clear;
  let skipNextClear = false;
  const before = (transaction: Y.Transaction) => {
    skipNextClear = !isStructuralChange(transaction);
  };
  const after = () => {
    skipNextClear = false;
  };
  mapping.clear = function clearUnlessTextOnly(this: Map<unknown, unknown>) {
    if (skipNextClear) {
      skipNextClear = false;
      return;
    }
    clear.call(this);
  };
  // Emitted once a transaction is complete and before its observers (y-tiptap's included) run.
  doc.on("beforeObserverCalls", before);
  doc.on("afterTransaction", after);
  return () => {
    doc.off("beforeObserverCalls", before);
    doc.off("afterTransaction", after);
    mapping.clear = clear;
  };
}

/**
 * y-tiptap scrolls to the local caret after a change from Yjs only when it
 * measures the caret on screen beforehand (a range's client rects: a forced
 * layout when the previous remote change is not painted yet). Others'
 * changes never ask to scroll (see IncrementalRemoteSync); this user's undo
 * and redo always do, without measuring: the undone change is brought into
 * view wherever the reader has scrolled, as word processors do, and the check
 * after the paint (deferredCaretScroll) scrolls only if it is off screen.
 * Returns the undo.
 */
export function scrollOnlyForUndo(binding: SyncBinding & { _isLocalCursorInView?: () => boolean }): () => void {
  const measure = binding._isLocalCursorInView;
  if (typeof measure !== "function") return () => undefined;
  let isUndoOrRedo = false;
  const before = (transaction: Y.Transaction) => {
    isUndoOrRedo = transaction.origin instanceof Y.UndoManager;
  };
  binding.doc.on("beforeObserverCalls", before);
  binding._isLocalCursorInView = () => isUndoOrRedo;
  return () => {
    binding.doc.off("beforeObserverCalls", before);
    binding._isLocalCursorInView = measure;
  };
}

/** A state whose last transaction was y-tiptap applying someone else's change (not this user's undo or redo). */
export function isRemoteChangeState(state: EditorState): boolean {
  const sync = ySyncPluginKey.getState(state) as { isChangeOrigin?: boolean; isUndoRedoOperation?: boolean } | undefined;
  return sync?.isChangeOrigin === true && !sync.isUndoRedoOperation;
}

/** Whether the caret's line is inside the window, as ProseMirror's scroll would judge it (no margins). */
function isCaretOnScreen(view: EditorView): boolean {
  try {
    const caret = view.coordsAtPos(view.state.selection.head);
    return caret.top >= 0 && caret.bottom <= window.innerHeight && caret.left >= 0 && caret.right <= window.innerWidth;
  } catch {
    return false;
  }
}

/**
 * ProseMirror brings the caret into view after each local change by
 * measuring it there and then: a synchronous layout in the middle of the
 * keystroke, laid out again by the frame after the keystroke's other DOM
 * writes (about a millisecond of every keystroke in a long article). Here
 * the caret is measured after the frame is painted, when layout is already
 * done, and only a caret found off screen is scrolled to, by ProseMirror as
 * before (a frame later, in the rare case it is needed).
 */
function deferredCaretScroll(afterPaint: ScheduleTask) {
  let isCheckDue = false;
  let isScrollLetThrough = false;
  return (view: EditorView): boolean => {
    if (isScrollLetThrough) return false;
    if (isCheckDue) return true;
    isCheckDue = true;
    afterPaint(() => {
      isCheckDue = false;
      if (view.isDestroyed || isCaretOnScreen(view)) return;
      isScrollLetThrough = true;
      try {
        view.dispatch(view.state.tr.scrollIntoView());
      } finally {
        isScrollLetThrough = false;
      }
    });
    return true;
  };
}

export interface IncrementalRemoteSyncOptions {
  /** When to check that the writer's caret is on screen (after the next paint; tests run it by hand). */
  afterPaint: ScheduleTask;
}

/**
 * Add after Collaboration: patches the sync binding of the editor it runs in,
 * keeps someone else's keystroke from scrolling this page, and checks the
 * writer's own caret after the paint (deferredCaretScroll). y-tiptap asks
 * for a scroll to the local caret on every remote change while that caret is
 * on screen; ProseMirror then measures the caret (coordsAtPos), a synchronous
 * layout of the whole article per remote keystroke, to scroll by nothing. The
 * browser's scroll anchoring already keeps what the reader sees in place when
 * text above it grows or shrinks.
 */
export const IncrementalRemoteSync = Extension.create<IncrementalRemoteSyncOptions>({
  name: "incrementalRemoteSync",
  addOptions: () => ({ afterPaint: afterNextPaint }),
  addProseMirrorPlugins() {
    const scrollOwnCaret = deferredCaretScroll(this.options.afterPaint);
    return [
      new Plugin({
        key: new PluginKey("incrementalRemoteSync"),
        view(view) {
          const binding = (ySyncPluginKey.getState(view.state) as { binding?: SyncBinding } | undefined)?.binding;
          const undos = binding ? [keepMappingOnTextChanges(binding), scrollOnlyForUndo(binding)] : [];
          return { destroy: () => undos.forEach((undo) => undo()) };
        },
        props: {
          // True: handled here. A local transaction never carries the change-origin flag, so the writer's own
          // typing, Enter, paste, undo and redo still bring their caret into view.
          handleScrollToSelection: (view) => isRemoteChangeState(view.state) || scrollOwnCaret(view),
        },
      }),
    ];
  },
});
