import { Extension } from "@tiptap/core";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
import { Mapping, StepMap } from "@tiptap/pm/transform";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { detectDirection, parseDirection, type TextDirection } from "./direction";

/** Blocks that carry a direction: text blocks and the containers whose layout follows it (quote bar, bullets). */
export const directionalBlockTypes = ["paragraph", "heading", "blockquote", "bulletList", "orderedList", "listItem"];

export const blockDirectionPluginKey = new PluginKey<DecorationSet>("blockDirection");

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    blockDirection: {
      /** Forces the direction of the selected top-level blocks (null: detect it from their text again). */
      setBlockDirection: (direction: TextDirection | null) => ReturnType;
    };
  }
}

type DirectionCache = WeakMap<ProseMirrorNode, TextDirection | null>;

/**
 * The editor root's direction, set on it by the plugin below (and the
 * export's documentDirection). Top-level blocks written this way inherit it
 * and get no decoration: ProseMirror scans the root's decorations once per
 * top-level block on every view update, so one decoration per block made each
 * keystroke and remote change cost blocks × blocks (≈ 0.3 ms at 360 blocks).
 */
const rootDirection: TextDirection = "ltr";

/** Decorations for the directional blocks overlapping [from, to] of `doc` (all of it by default). */
function collectDirectionDecorations(
  doc: ProseMirrorNode,
  cache: DirectionCache,
  types: ReadonlySet<string>,
  from = 0,
  to = doc.content.size,
): Decoration[] {
  const decorations: Decoration[] = [];
  doc.nodesBetween(from, to, (node, pos, parent) => {
    if (!node.isBlock) return false;
    if (!types.has(node.type.name)) return true;
    if (parseDirection(node.attrs.dir)) return false;
    let dir = cache.get(node);
    if (dir === undefined) {
      dir = detectDirection(node.textContent);
      cache.set(node, dir);
    }
    const isInherited = parent === doc && dir === rootDirection;
    if (dir && !isInherited) decorations.push(Decoration.node(pos, pos + node.nodeSize, { dir }, { dir }));
    return !node.isTextblock;
  });
  return decorations;
}

/**
 * Node decorations giving every directional block without an override the
 * `dir` its own text asks for, except top-level blocks whose text asks for
 * the root's direction, which they inherit. Blocks with an override render
 * their `dir` attribute and pass it on to what they contain, as HTML
 * inheritance does.
 * Unchanged blocks are the same node objects from one transaction to the next,
 * so the cache limits detection to the blocks that changed.
 */
export function buildDirectionDecorations(
  doc: ProseMirrorNode,
  cache: DirectionCache,
  types: ReadonlySet<string> = new Set(directionalBlockTypes),
): DecorationSet {
  return DecorationSet.create(doc, collectDirectionDecorations(doc, cache, types));
}

/**
 * The decorations of `after`, from those of `before`: only the top-level
 * blocks between the first and the last difference of the two documents are
 * detected again, everything else keeps its decoration, moved by the size
 * difference. Equal to buildDirectionDecorations(after) (the tests hold it
 * to that), at the cost of the change instead of the document: a remote
 * change replaces the whole document in one step, so the transaction's own
 * step map would say everything changed; the documents' diff knows better,
 * finding unchanged blocks by identity.
 */
export function updateDirectionDecorations(
  decorations: DecorationSet,
  before: ProseMirrorNode,
  after: ProseMirrorNode,
  cache: DirectionCache,
  types: ReadonlySet<string> = new Set(directionalBlockTypes),
): DecorationSet {
  const start = before.content.findDiffStart(after.content);
  if (start === null) return decorations;
  const diffEnd = before.content.findDiffEnd(after.content)!;
  // A repeated character makes the two ends overlap the start ("aa" → "aaa"): move both ends past it.
  const overlap = Math.max(0, start - diffEnd.a, start - diffEnd.b);
  const endBefore = diffEnd.a + overlap;
  const endAfter = diffEnd.b + overlap;
  const moved = decorations.map(new Mapping([new StepMap([start, endBefore - start, endAfter - start])]), after);
  // Whole top-level blocks: a block's direction comes from all of its text, and so does its container's.
  const $start = after.resolve(start);
  const $end = after.resolve(endAfter);
  const from = $start.depth > 0 ? $start.before(1) : start;
  const to = $end.depth > 0 ? $end.after(1) : endAfter;
  const stale = moved.find(from, to, () => true).filter((decoration) => decoration.from < to && decoration.to > from);
  return moved.remove(stale).add(after, collectDirectionDecorations(after, cache, types, from, to));
}

/** The override of the top-level block holding the selection's start: what the toolbar shows. */
export function blockDirectionAt(state: EditorState): TextDirection | null {
  const block = state.selection.$from.node(1) as ProseMirrorNode | undefined;
  return block ? parseDirection(block.attrs.dir) : null;
}

/**
 * Right-to-left support: each block's direction from its text as a whole
 * (see detectDirection) and a per-block override stored as the node's `dir`
 * attribute, so every collaborator sees it and it survives copy and export.
 */
export const BlockDirection = Extension.create({
  name: "blockDirection",

  addGlobalAttributes() {
    return [
      {
        types: directionalBlockTypes,
        attributes: {
          dir: {
            default: null,
            parseHTML: (element) => parseDirection(element.getAttribute("dir")),
            renderHTML: (attributes) => {
              const dir = parseDirection(attributes.dir);
              return dir ? { dir } : {};
            },
          },
        },
      },
    ];
  },

  addCommands() {
    return {
      setBlockDirection:
        (direction) =>
        ({ tr, state, dispatch }) => {
          const { from, to } = state.selection;
          // Tiptap's command manager dispatches `tr`; without `dispatch` this is a dry run (can()).
          const change = (pos: number, dir: TextDirection | null) => {
            if (dispatch) tr.setNodeAttribute(pos, "dir", dir);
            isChanged = true;
          };
          let isChanged = false;
          state.doc.forEach((block, offset) => {
            const isSelected = offset < Math.max(to, from + 1) && offset + block.nodeSize > from;
            if (!isSelected || !directionalBlockTypes.includes(block.type.name)) return;
            if (parseDirection(block.attrs.dir) !== direction) change(offset, direction);
            // The whole block follows the override: nested overrides would contradict it.
            block.descendants((child, pos) => {
              if (child.attrs.dir != null) change(offset + 1 + pos, null);
              return true;
            });
          });
          return isChanged;
        },
    };
  },

  addProseMirrorPlugins() {
    const cache = new WeakMap<ProseMirrorNode, TextDirection | null>();
    const types = new Set(directionalBlockTypes);
    return [
      new Plugin<DecorationSet>({
        key: blockDirectionPluginKey,
        state: {
          init: (_, state) => buildDirectionDecorations(state.doc, cache, types),
          apply: (tr, previous) => (tr.docChanged ? updateDirectionDecorations(previous, tr.before, tr.doc, cache, types) : previous),
        },
        props: {
          decorations: (state) => blockDirectionPluginKey.getState(state),
          // Explicit, so the undecorated top-level blocks are left-to-right whatever page holds the editor.
          attributes: { dir: rootDirection },
        },
      }),
    ];
  },
});
