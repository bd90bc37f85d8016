import type { MarkType, Node as ProseMirrorNode } from "@tiptap/pm/model";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { paragraphBreak, paragraphJoin } from "../suggestions/marks";

const markersKey = new PluginKey<DecorationSet>("paragraphMarkers");

/**
 * Where suggested paragraph breaks and joins are (lib/suggestions/marks.ts):
 * their characters are invisible, so each gets a class that draws a pilcrow
 * (and, for a break, starts a new line). Only text inside suggested
 * insertions is read, and a document without any is passed over quickly.
 */
function markerDecorations(doc: ProseMirrorNode, insertType: MarkType): DecorationSet {
  const decorations: Decoration[] = [];
  doc.descendants((node, position) => {
    if (!node.isText) return node.isTextblock ? node.content.size > 0 : true;
    if (!insertType.isInSet(node.marks)) return false;
    const text = node.text!;
    for (let index = 0; index < text.length; index++) {
      const char = text[index];
      if (char !== paragraphBreak && char !== paragraphJoin) continue;
      const className = char === paragraphBreak ? "suggestion-marker suggestion-marker--break" : "suggestion-marker suggestion-marker--join";
      decorations.push(Decoration.inline(position + index, position + index + 1, { class: className }));
    }
    return false;
  });
  return decorations.length > 0 ? DecorationSet.create(doc, decorations) : DecorationSet.empty;
}

export function paragraphMarkersPlugin(insertType: MarkType): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: markersKey,
    state: {
      init: (_, state) => markerDecorations(state.doc, insertType),
      apply: (tr, set) => (tr.docChanged ? markerDecorations(tr.doc, insertType) : set),
    },
    props: {
      decorations: (state) => markersKey.getState(state),
    },
  });
}
