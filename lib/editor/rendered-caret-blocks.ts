import { Extension } from "@tiptap/core";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, Selection, TextSelection, type EditorState } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";

/**
 * Why this exists: the body's blocks carry `content-visibility: auto`
 * (editor.css), so Chromium skips the layout of blocks far off screen. Its
 * own caret movement and typing then work on a block it has not laid out:
 * Ctrl+End put the caret at the start of the last paragraph instead of its
 * end, Ctrl+Shift+End selected to the same wrong place, and letters typed
 * into a paragraph made off screen (Ctrl+End, Enter, typing at once) could
 * land in the wrong order. Chromium renders the block holding the selection
 * only at its next rendering update, too late for keys already queued.
 *
 * So: the blocks holding the selection's two ends are always rendered (an
 * attribute the stylesheet turns into `content-visibility: visible`, set by
 * ProseMirror in the same update that moves the selection), and the moves to
 * the document's start and end are made on the document, not on the layout.
 * Everything else (arrows, Page Up/Down, Home/End) moves within or next to
 * rendered blocks and stays the browser's.
 */

/** The start of the top-level block that holds `pos` (or that begins there, between blocks). */
function topLevelBlockAt(doc: ProseMirrorNode, pos: number): { from: number; node: ProseMirrorNode } | null {
  const $pos = doc.resolve(pos);
  if ($pos.depth >= 1) return { from: $pos.before(1), node: $pos.node(1) };
  const node = $pos.nodeAfter ?? $pos.nodeBefore;
  if (!node) return null;
  return { from: $pos.nodeAfter ? pos : pos - node.nodeSize, node };
}

interface CaretBlocks {
  /** Where the blocks begin, anchor's first: the decorations change only when these do. */
  starts: readonly number[];
  decorations: DecorationSet;
}

function caretBlocks(state: Pick<EditorState, "doc" | "selection">): CaretBlocks {
  const { doc, selection } = state;
  const blocks = [selection.anchor, selection.head]
    .map((pos) => topLevelBlockAt(doc, pos))
    .filter((block, index, all): block is NonNullable<typeof block> => block !== null && all.findIndex((b) => b?.from === block.from) === index);
  return {
    starts: blocks.map((block) => block.from),
    decorations: DecorationSet.create(
      doc,
      blocks.map(({ from, node }) => Decoration.node(from, from + node.nodeSize, { "data-caret-block": "" })),
    ),
  };
}

const sameStarts = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((value, index) => value === b[index]);

const caretBlocksKey = new PluginKey<CaretBlocks>("renderedCaretBlocks");

export const RenderedCaretBlocks = Extension.create({
  name: "renderedCaretBlocks",

  addKeyboardShortcuts() {
    // The head to the document's start or end; with Shift the anchor stays where it is.
    const run = (edge: "start" | "end", extend: boolean) => () => {
      const { state, view } = this.editor;
      const target = edge === "start" ? Selection.atStart(state.doc) : Selection.atEnd(state.doc);
      const selection = extend ? TextSelection.between(state.selection.$anchor, target.$head) : target;
      view.dispatch(state.tr.setSelection(selection).scrollIntoView());
      return true;
    };
    return {
      "Mod-Home": run("start", false),
      "Mod-End": run("end", false),
      "Shift-Mod-Home": run("start", true),
      "Shift-Mod-End": run("end", true),
      // macOS: ⌘↑ and ⌘↓ are the document's start and end.
      "Meta-ArrowUp": run("start", false),
      "Meta-ArrowDown": run("end", false),
      "Shift-Meta-ArrowUp": run("start", true),
      "Shift-Meta-ArrowDown": run("end", true),
    };
  },

  addProseMirrorPlugins() {
    return [
      new Plugin<CaretBlocks>({
        key: caretBlocksKey,
        state: {
          init: (_, state) => caretBlocks(state),
          apply(tr, previous, _oldState, newState) {
            if (!tr.docChanged && !tr.selectionSet) return previous;
            const next = caretBlocks(newState);
            // A caret moving inside its block changes nothing the view needs to redraw.
            return !tr.docChanged && sameStarts(previous.starts, next.starts) ? previous : next;
          },
        },
        props: {
          decorations: (state) => caretBlocksKey.getState(state)?.decorations,
        },
      }),
    ];
  },
});
