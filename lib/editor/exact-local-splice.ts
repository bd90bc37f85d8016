import { Extension } from "@tiptap/core";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { diffText } from "./text-diff";

/**
 * Why this exists: @tiptap/y-tiptap 3.0.9 writes this writer's typing to the
 * Y.Doc by comparing each changed paragraph's text with the Y.Text's, common
 * prefix first. A letter typed in front of an equal letter ("k" typed just
 * before a colleague's "k") is then recorded after that letter, so the
 * document ties it to the wrong neighbour: the writer's next letters went in
 * before their own first one ("kbravo00" came out "bravo00…k").
 *
 * Before y-tiptap compares, this applies the writer's change to the Y.Text
 * itself, placed by where the caret is (typed text ends at the caret; a
 * deletion starts there). y-tiptap then finds the texts equal and only
 * settles the formatting. Only a change inside one paragraph of plain text
 * is handled here; anything structural (Enter, joins, pastes of blocks) is
 * left to y-tiptap as before.
 */

/** One change inside a text block: `remove` characters at `index` of its text replaced by `insert`. */
export interface TextblockSplice {
  /** Child indices from the document down to the text block. */
  path: number[];
  /** The block's text before the change. */
  before: string;
  index: number;
  remove: number;
  insert: string;
}

const isPlainTextblock = (node: ProseMirrorNode) => {
  if (!node.isTextblock) return false;
  for (let i = 0; i < node.childCount; i++) if (!node.child(i).isText) return false;
  return true;
};

/**
 * The change from `before` to `after` when it lies inside one text block of
 * plain text, else null. `caret` (the selection's head in `after`) settles
 * where in a run of equal letters the change was made.
 */
export function findTextblockSplice(before: ProseMirrorNode, after: ProseMirrorNode, caret: number): TextblockSplice | null {
  let start = before.content.findDiffStart(after.content);
  if (start === null) return null;
  const ends = before.content.findDiffEnd(after.content);
  if (!ends) return null;
  let endBefore = ends.a;
  let endAfter = ends.b;
  // A run of equal letters lets the ends pass the start ("ab" → "abb"): put the change where the caret says.
  if (endBefore < start && before.content.size < after.content.size) {
    const typedFrom = Math.min(start, Math.max(endBefore, caret - (endAfter - endBefore)));
    endAfter = typedFrom + (endAfter - endBefore);
    start = typedFrom;
    endBefore = typedFrom;
  } else if (endAfter < start) {
    const deletedAt = Math.min(start, Math.max(endAfter, caret));
    endBefore = deletedAt + (endBefore - endAfter);
    start = deletedAt;
    endAfter = deletedAt;
  }
  const $before = before.resolve(start);
  const $after = after.resolve(start);
  const parentBefore = $before.parent;
  const parentAfter = $after.parent;
  if (!isPlainTextblock(parentBefore) || !isPlainTextblock(parentAfter) || parentBefore.type !== parentAfter.type) return null;
  // Both ends inside the same block, and the block still where it was.
  if (endBefore > $before.end() || endAfter > $after.end() || $before.start() !== $after.start()) return null;
  const path: number[] = [];
  for (let depth = 0; depth < $before.depth; depth++) {
    if ($before.index(depth) !== $after.index(depth)) return null;
    path.push($before.index(depth));
  }
  // Letters whose marks changed are in the range too: only what the text itself lost and gained is spliced.
  const blockStart = $before.start();
  const removed = before.textBetween(start, endBefore);
  const inserted = after.textBetween(start, endAfter);
  const change = diffText(removed, inserted, caret - start);
  if (!change) return null;
  return {
    path,
    before: parentBefore.textContent,
    index: start - blockStart + change.index,
    remove: change.remove,
    insert: change.insert,
  };
}

/** The Y.XmlText holding the text of the block at `path`, when the Y.Doc's shape matches. */
function textAtPath(fragment: Y.XmlFragment, path: number[]): Y.XmlText | null {
  let node: Y.XmlFragment | Y.XmlElement = fragment;
  for (const index of path) {
    const child: unknown = node.get(index);
    if (!(child instanceof Y.XmlElement)) return null;
    node = child;
  }
  const texts = node.toArray();
  return texts.length === 1 && texts[0] instanceof Y.XmlText ? texts[0] : null;
}

interface SyncBinding {
  type: Y.XmlFragment;
  prosemirrorView: { state: { selection: { head: number } } } | null;
  _prosemirrorChanged: (doc: ProseMirrorNode) => void;
}

/**
 * Makes the binding write a change inside one text block where the caret
 * says, before its own comparison. `syncedDoc` answers the document the
 * Y.Doc currently matches. Returns the undo.
 */
export function spliceAtCaret(binding: SyncBinding, syncedDoc: () => ProseMirrorNode | null): () => void {
  const compareAndWrite = binding._prosemirrorChanged;
  binding._prosemirrorChanged = function writeAtCaret(this: SyncBinding, doc: ProseMirrorNode) {
    const before = syncedDoc();
    const caret = binding.prosemirrorView?.state.selection.head;
    const splice = before && caret !== undefined ? findTextblockSplice(before, doc, caret) : null;
    const text = splice && textAtPath(binding.type, splice.path);
    // Only when the Y.Text reads as the block did before: then the splice is exactly the writer's change.
    if (splice && text && plainText(text) === splice.before) {
      text.doc!.transact(() => {
        if (splice.remove) text.delete(splice.index, splice.remove);
        if (splice.insert) text.insert(splice.index, splice.insert);
      }, ySyncPluginKey);
    }
    compareAndWrite.call(this, doc);
  };
  return () => {
    binding._prosemirrorChanged = compareAndWrite;
  };
}

const plainText = (text: Y.XmlText) =>
  (text.toDelta() as { insert?: unknown }[]).map((op) => (typeof op.insert === "string" ? op.insert : "")).join("");

/** Add after Collaboration (its plugins must run after y-tiptap's, so the synced document is the one Yjs holds). */
export const ExactLocalSplice = Extension.create({
  name: "exactLocalSplice",
  addProseMirrorPlugins: () => [
    new Plugin({
      key: new PluginKey("exactLocalSplice"),
      view(view) {
        const binding = (ySyncPluginKey.getState(view.state) as { binding?: SyncBinding } | undefined)?.binding;
        let synced: ProseMirrorNode | null = view.state.doc;
        const undo = binding ? spliceAtCaret(binding, () => synced) : () => undefined;
        return {
          // Runs after y-tiptap's own update has written the document to Yjs (or read it from there).
          update: (updated) => void (synced = updated.state.doc),
          destroy: undo,
        };
      },
    }),
  ],
});
