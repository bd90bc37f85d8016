import type { MarkType, Node as ProseMirrorNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, type Transaction } from "@tiptap/pm/state";
import { ReplaceAroundStep, ReplaceStep } from "@tiptap/pm/transform";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { paragraphBreak, paragraphJoin } from "../suggestions/marks";

const markersKey = new PluginKey<DecorationSet>("paragraphMarkers");
const markerPattern = new RegExp(`[${paragraphBreak}${paragraphJoin}]`);

/**
 * Where suggested paragraph breaks and joins are (lib/suggestions/marks.ts):
 * their characters are invisible, so each gets a class that draws a pilcrow
 * (and, for a break, starts a new line). Only text inside suggested
 * insertions is read.
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

/**
 * Whether a change may have brought a marker or changed whether one counts:
 * a marker character in what its steps wrote, or any step other than
 * replacing content (a mark added or removed). Otherwise the markers are
 * where they were, moved along: the common keystroke reads only what it
 * typed, not the whole article.
 */
function mayChangeMarkers(tr: Transaction): boolean {
  if (tr.steps.some((step) => !(step instanceof ReplaceStep || step instanceof ReplaceAroundStep))) return true;
  let found = false;
  tr.mapping.maps.forEach((map, index) => {
    const after = tr.mapping.slice(index + 1);
    map.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
      const from = after.map(newStart, -1);
      const to = after.map(newEnd, 1);
      if (!found && from < to && markerPattern.test(tr.doc.textBetween(from, to))) found = true;
    });
  });
  return found;
}

export function paragraphMarkersPlugin(insertType: MarkType): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: markersKey,
    state: {
      init: (_, state) => markerDecorations(state.doc, insertType),
      apply: (tr, set) => {
        if (!tr.docChanged) return set;
        return mayChangeMarkers(tr) ? markerDecorations(tr.doc, insertType) : set.map(tr.mapping, tr.doc);
      },
    },
    props: {
      decorations: (state) => markersKey.getState(state),
    },
  });
}
