import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, TextSelection } from "@tiptap/pm/state";
import { relativePositionToAbsolutePosition, ySyncPluginKey } from "@tiptap/y-tiptap";
import * as Y from "yjs";

/**
 * Why this exists: after someone else's change, @tiptap/y-tiptap 3.0.9 (3.3
 * too) puts this writer's caret back from its Yjs relative position, then
 * second-guesses it: whenever the caret's paragraph now reads differently
 * (which any remote keystroke in it does), it takes the caret's old offset
 * in the paragraph instead. Two people starting to type at one spot with the
 * same letter ("k…" and "k…") then had one caret put before their own first
 * letter, and that person's word ended up split ("kalpha00bravo00k").
 *
 * The guess is only ever needed when the character the caret was tied to is
 * gone (a block moved is deleted and inserted again). While that character
 * (or, at a paragraph's end, the paragraph) still exists, Yjs resolves the
 * position exactly, and this puts the caret there.
 */

interface RelativeSelection {
  type: string;
  anchor: Y.RelativePosition | null;
  head: Y.RelativePosition | null;
}

interface SyncBinding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: Map<Y.AbstractType<unknown>, unknown>;
  beforeTransactionSelection: RelativeSelection | null;
}

/** The relative position still points at something in the document (not at deleted text or a deleted block). */
export function isLivePosition(doc: Y.Doc, position: Y.RelativePosition): boolean {
  const id = position.item ?? position.type;
  if (!id) return position.tname !== null;
  if (id.clock >= Y.getState(doc.store, id.client)) return false;
  return !Y.getItem(doc.store, id).deleted;
}

function exactPosition(binding: SyncBinding, position: Y.RelativePosition | null): number | null {
  if (!position || !isLivePosition(binding.doc, position)) return null;
  return relativePositionToAbsolutePosition(binding.doc, binding.type, position, binding.mapping as never);
}

export const ExactRemoteCaret = Extension.create({
  name: "exactRemoteCaret",
  addProseMirrorPlugins: () => [
    new Plugin({
      key: new PluginKey("exactRemoteCaret"),
      appendTransaction(transactions, _oldState, state) {
        const change = transactions.map((tr) => tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined).find((meta) => meta?.isChangeOrigin);
        if (!change) return null;
        const binding = (ySyncPluginKey.getState(state) as { binding?: SyncBinding } | undefined)?.binding;
        // Read while y-tiptap applies the change: the selection as it was before, in Yjs terms.
        const before = binding?.beforeTransactionSelection;
        if (!binding || before?.type !== "text") return null;
        const anchor = exactPosition(binding, before.anchor);
        const head = exactPosition(binding, before.head);
        if (anchor === null || head === null || anchor > state.doc.content.size || head > state.doc.content.size) return null;
        if (anchor === state.selection.anchor && head === state.selection.head) return null;
        const selection = TextSelection.between(state.doc.resolve(anchor), state.doc.resolve(head));
        return state.tr.setSelection(selection).setMeta(ySyncPluginKey, change).setMeta("addToHistory", false);
      },
    }),
  ],
});
