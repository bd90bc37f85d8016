import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState, type Transaction } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from "@tiptap/y-tiptap";
import * as Y from "yjs";

/** One thread's passage as the highlight needs it: the stored Yjs relative positions (base64). */
export interface HighlightAnchor {
  threadId: string;
  start: string;
  end: string;
  isResolved: boolean;
}

interface HighlightState {
  anchors: HighlightAnchor[];
  focusedId: string | null;
  decorations: DecorationSet;
}

type HighlightMeta = { anchors?: HighlightAnchor[]; focusedId?: string | null };

export const commentHighlightKey = new PluginKey<HighlightState>("commentHighlights");

interface YSyncState {
  doc: Y.Doc;
  type: Y.XmlFragment;
  binding: { mapping: Parameters<typeof relativePositionToAbsolutePosition>[3] } | null;
}

const ySyncOf = (state: EditorState) => ySyncPluginKey.getState(state) as YSyncState | undefined;

function decodePosition(base64: string): Y.RelativePosition | null {
  try {
    return Y.decodeRelativePosition(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

const encodePosition = (position: Y.RelativePosition) =>
  btoa(String.fromCharCode(...Y.encodeRelativePosition(position)));

/** Resolves every anchor against the Y.Doc now; unresolved ones (deleted text, not yet synced) get no highlight. */
function buildDecorations(
  state: EditorState,
  ystate: YSyncState | undefined,
  anchors: HighlightAnchor[],
  focusedId: string | null,
): DecorationSet {
  if (!ystate?.binding || anchors.length === 0) return DecorationSet.empty;
  const { doc, type, binding } = ystate;
  const decorations: Decoration[] = [];
  for (const anchor of anchors) {
    const start = decodePosition(anchor.start);
    const end = decodePosition(anchor.end);
    if (!start || !end) continue;
    const from = relativePositionToAbsolutePosition(doc, type, start, binding.mapping);
    const to = relativePositionToAbsolutePosition(doc, type, end, binding.mapping);
    if (from === null || to === null || to <= from || to > state.doc.content.size) continue;
    const classes = ["comment-highlight"];
    if (anchor.isResolved) classes.push("is-resolved");
    if (anchor.threadId === focusedId) classes.push("is-focused");
    decorations.push(
      Decoration.inline(from, to, { class: classes.join(" "), "data-thread-id": anchor.threadId }, { threadId: anchor.threadId }),
    );
  }
  return DecorationSet.create(state.doc, decorations);
}

/**
 * The current selection as a comment anchor: the start sticks to the
 * passage's first character (association 0) and the end to its last (−1),
 * so text typed right before or after the passage stays outside it.
 */
export function selectionAnchor(state: EditorState): { start: string; end: string; quote: string } | null {
  const { from, to } = state.selection;
  const ystate = ySyncOf(state);
  if (from === to || !ystate?.binding) return null;
  const quote = state.doc.textBetween(from, to, "\n").trim();
  if (!quote) return null;
  const toTypeIndex = (pos: number, assoc: number) => {
    const relative = absolutePositionToRelativePosition(pos, ystate.type, ystate.binding!.mapping) as Y.RelativePosition;
    const absolute = Y.createAbsolutePositionFromRelativePosition(relative, ystate.doc);
    return absolute ? Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, assoc) : relative;
  };
  return { start: encodePosition(toTypeIndex(from, 0)), end: encodePosition(toTypeIndex(to, -1)), quote };
}

/** Where a thread's passage is highlighted now, or null. */
export function findHighlight(state: EditorState, threadId: string): { from: number; to: number } | null {
  const set = commentHighlightKey.getState(state)?.decorations;
  const found = set?.find(undefined, undefined, (spec) => (spec as { threadId?: string }).threadId === threadId) ?? [];
  if (found.length === 0) return null;
  return { from: Math.min(...found.map((d) => d.from)), to: Math.max(...found.map((d) => d.to)) };
}

/** Every highlighted passage, in document order (for the sidebar's layout). */
export function listHighlights(state: EditorState): Map<string, number> {
  const tops = new Map<string, number>();
  const set = commentHighlightKey.getState(state)?.decorations;
  for (const decoration of set?.find() ?? []) {
    const id = (decoration.spec as { threadId?: string }).threadId;
    if (id && (!tops.has(id) || decoration.from < tops.get(id)!)) tops.set(id, decoration.from);
  }
  return tops;
}

export const setCommentHighlights = (tr: Transaction, meta: HighlightMeta) => tr.setMeta(commentHighlightKey, meta);

export interface CommentHighlightOptions {
  onHighlightClick: (threadId: string) => void;
  onCommentShortcut: () => void;
}

/**
 * Highlights commented passages. Decorations are rebuilt from the anchors
 * only when the anchors change or a Yjs change arrives (the binding's
 * mapping is current then); a local keystroke just maps them, which is
 * cheap and agrees with the anchors' associations. React never hears of it.
 */
export const CommentHighlights = Extension.create<CommentHighlightOptions>({
  name: "commentHighlights",
  addOptions: () => ({ onHighlightClick: () => {}, onCommentShortcut: () => {} }),
  addKeyboardShortcuts() {
    return {
      "Mod-Alt-m": () => {
        this.options.onCommentShortcut();
        return true;
      },
    };
  },
  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin<HighlightState>({
        key: commentHighlightKey,
        state: {
          init: () => ({ anchors: [], focusedId: null, decorations: DecorationSet.empty }),
          apply(tr, value, oldState, newState) {
            const meta = tr.getMeta(commentHighlightKey) as HighlightMeta | undefined;
            const isYjsChange = tr.getMeta(ySyncPluginKey) !== undefined;
            if (!meta && !isYjsChange) {
              return tr.docChanged ? { ...value, decorations: value.decorations.map(tr.mapping, tr.doc) } : value;
            }
            const anchors = meta?.anchors ?? value.anchors;
            const focusedId = meta && "focusedId" in meta ? (meta.focusedId ?? null) : value.focusedId;
            return { anchors, focusedId, decorations: buildDecorations(newState, ySyncOf(newState) ?? ySyncOf(oldState), anchors, focusedId) };
          },
        },
        props: {
          decorations: (state) => commentHighlightKey.getState(state)?.decorations,
          handleClick(view, pos) {
            const set = commentHighlightKey.getState(view.state)?.decorations;
            const hit = set?.find(pos, pos).find((d) => d.from <= pos && pos <= d.to);
            const id = (hit?.spec as { threadId?: string } | undefined)?.threadId;
            if (id) options.onHighlightClick(id);
            return false;
          },
        },
      }),
    ];
  },
});
