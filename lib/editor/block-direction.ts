import { Extension } from "@tiptap/core";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
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

/**
 * Node decorations giving every directional block without an override the
 * `dir` its own text asks for. Blocks with an override render their `dir`
 * attribute and pass it on to what they contain, as HTML inheritance does.
 * Unchanged blocks are the same node objects from one transaction to the next,
 * so the cache limits detection to the blocks that changed.
 */
export function buildDirectionDecorations(
  doc: ProseMirrorNode,
  cache: WeakMap<ProseMirrorNode, TextDirection | null>,
  types: ReadonlySet<string> = new Set(directionalBlockTypes),
): DecorationSet {
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (!node.isBlock) return false;
    if (!types.has(node.type.name)) return true;
    if (parseDirection(node.attrs.dir)) return false;
    let dir = cache.get(node);
    if (dir === undefined) {
      dir = detectDirection(node.textContent);
      cache.set(node, dir);
    }
    if (dir) decorations.push(Decoration.node(pos, pos + node.nodeSize, { dir }, { dir }));
    return !node.isTextblock;
  });
  return DecorationSet.create(doc, decorations);
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
          apply: (tr, previous) => (tr.docChanged ? buildDirectionDecorations(tr.doc, cache, types) : previous),
        },
        props: {
          decorations: (state) => blockDirectionPluginKey.getState(state),
        },
      }),
    ];
  },
});
