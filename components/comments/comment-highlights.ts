import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState, type Transaction } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { followAnchors, type AnchorMove, type FollowedThreads } from "./anchor-moves";
import {
  anchorKey,
  mapRange,
  rangeToAnchor,
  resolveAnchorRange,
  ySyncOf,
  type StoredPositions,
  type TextRange,
  type YSyncState,
} from "./anchor-ranges";

export type { AnchorMove } from "./anchor-moves";

declare module "@tiptap/core" {
  interface EditorEvents {
    /** This editor moved threads onto new positions for the same text: the sidebar stores them on the server. */
    commentAnchorsMoved: { moves: AnchorMove[] };
  }
}

/** One thread's passage as the highlight needs it: the stored Yjs relative positions (base64). */
export interface HighlightAnchor extends StoredPositions {
  threadId: string;
  isResolved: boolean;
  /** Shown in the sidebar now: only these are highlighted, but every anchored thread follows its text. */
  isShown: boolean;
}

interface MovedAnchor {
  anchor: StoredPositions;
  /** Anchors this move replaced: while the server still sends one of them, the move stands. */
  replaced: Set<string>;
}

interface HighlightState extends FollowedThreads {
  anchors: HighlightAnchor[];
  focusedId: string | null;
  /** Anchors this editor moved, until the server's copy of the thread catches up. */
  moved: Map<string, MovedAnchor>;
  decorations: DecorationSet;
}

type HighlightMeta = { anchors?: HighlightAnchor[]; focusedId?: string | null; moves?: AnchorMove[] };

export const commentHighlightKey = new PluginKey<HighlightState>("commentHighlights");

const maxHistory = 8;

/** The sidebar's anchors, with this editor's moves kept over the stale ones they replaced. */
function withMoves(incoming: HighlightAnchor[], moved: Map<string, MovedAnchor>) {
  const kept = new Map<string, MovedAnchor>();
  const anchors = incoming.map((anchor) => {
    const move = moved.get(anchor.threadId);
    if (!move?.replaced.has(anchorKey(anchor))) return anchor;
    kept.set(anchor.threadId, move);
    return { ...anchor, ...move.anchor };
  });
  return { anchors, moved: kept };
}

function recordMoves(current: HighlightAnchor[], moved: Map<string, MovedAnchor>, moves: AnchorMove[]) {
  const next = new Map(moved);
  const byThread = new Map(moves.map((move) => [move.threadId, move]));
  const anchors = current.map((anchor) => {
    const move = byThread.get(anchor.threadId);
    if (!move) return anchor;
    const target = { start: move.start, end: move.end };
    const replaced = new Set(moved.get(anchor.threadId)?.replaced);
    replaced.add(anchorKey(anchor));
    replaced.delete(anchorKey(target));
    next.set(anchor.threadId, { anchor: target, replaced });
    return { ...anchor, ...target };
  });
  return { anchors, moved: next };
}

function remember(history: Map<string, StoredPositions[]>, anchors: HighlightAnchor[]) {
  let next = history;
  for (const anchor of anchors) {
    const past = history.get(anchor.threadId) ?? [];
    if (past.length > 0 && anchorKey(past.at(-1)!) === anchorKey(anchor)) continue;
    if (next === history) next = new Map(history);
    const others = past.filter((p) => anchorKey(p) !== anchorKey(anchor));
    next.set(anchor.threadId, [...others, { start: anchor.start, end: anchor.end }].slice(-maxHistory));
  }
  return next;
}

/** Resolves every anchor against the Y.Doc now; unresolved ones (deleted text, not yet synced) get no range. */
function resolveRanges(state: EditorState, ystate: YSyncState | undefined, anchors: HighlightAnchor[]) {
  const ranges = new Map<string, TextRange>();
  if (!ystate?.binding) return ranges;
  for (const anchor of anchors) {
    const range = resolveAnchorRange(state, ystate, anchor);
    if (range) ranges.set(anchor.threadId, range);
  }
  return ranges;
}

function mapRanges(ranges: Map<string, TextRange>, tr: Transaction): Map<string, TextRange> {
  const mapped = new Map<string, TextRange>();
  for (const [threadId, range] of ranges) {
    const next = mapRange(range, tr.mapping);
    if (next) mapped.set(threadId, next);
  }
  return mapped;
}

function buildDecorations(
  state: EditorState,
  anchors: HighlightAnchor[],
  ranges: Map<string, TextRange>,
  focusedId: string | null,
): DecorationSet {
  const decorations: Decoration[] = [];
  for (const anchor of anchors) {
    const range = ranges.get(anchor.threadId);
    if (!anchor.isShown || !range) continue;
    const classes = ["comment-highlight"];
    if (anchor.isResolved) classes.push("is-resolved");
    if (anchor.threadId === focusedId) classes.push("is-focused");
    decorations.push(
      Decoration.inline(range.from, range.to, { class: classes.join(" "), "data-thread-id": anchor.threadId }, { threadId: anchor.threadId }),
    );
  }
  return decorations.length === 0 ? DecorationSet.empty : DecorationSet.create(state.doc, decorations);
}

/** The current selection as a comment anchor, with its text as the quote. */
export function selectionAnchor(state: EditorState): { start: string; end: string; quote: string } | null {
  const { from, to } = state.selection;
  const ystate = ySyncOf(state);
  if (from === to || !ystate?.binding) return null;
  const quote = state.doc.textBetween(from, to, "\n").trim();
  const anchor = quote ? rangeToAnchor(state, ystate, { from, to }) : null;
  return anchor && { ...anchor, quote };
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
 * Highlights commented passages and keeps every thread on its text.
 * Ranges are resolved from the anchors only when the anchors change or a
 * Yjs change arrives (the binding's mapping is current then); a local
 * keystroke just maps them, which is cheap and agrees with the anchors'
 * associations. When this editor's own change rebuilt a passage's
 * paragraph, anchor-moves.ts moves the anchor and the editor emits
 * "commentAnchorsMoved". React never hears of a keystroke.
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
    const editor = this.editor;
    return [
      new Plugin<HighlightState>({
        key: commentHighlightKey,
        state: {
          init: () => ({
            anchors: [],
            focusedId: null,
            ranges: new Map(),
            moved: new Map(),
            history: new Map(),
            decorations: DecorationSet.empty,
          }),
          apply(tr, value, oldState, newState) {
            const meta = tr.getMeta(commentHighlightKey) as HighlightMeta | undefined;
            const isYjsChange = tr.getMeta(ySyncPluginKey) !== undefined;
            if (!meta && !isYjsChange) {
              if (!tr.docChanged) return value;
              return { ...value, ranges: mapRanges(value.ranges, tr), decorations: value.decorations.map(tr.mapping, tr.doc) };
            }
            let { anchors, moved } = value;
            if (meta?.anchors) ({ anchors, moved } = withMoves(meta.anchors, moved));
            if (meta?.moves) ({ anchors, moved } = recordMoves(anchors, moved, meta.moves));
            const focusedId = meta && "focusedId" in meta ? (meta.focusedId ?? null) : value.focusedId;
            const ranges = resolveRanges(newState, ySyncOf(newState) ?? ySyncOf(oldState), anchors);
            return {
              anchors,
              focusedId,
              ranges,
              moved,
              history: remember(value.history, anchors),
              decorations: buildDecorations(newState, anchors, ranges, focusedId),
            };
          },
        },
        view: (view) => ({
          destroy: followAnchors(
            view,
            (state) => commentHighlightKey.getState(state),
            (moves) => {
              view.dispatch(setCommentHighlights(view.state.tr, { moves }));
              editor.emit("commentAnchorsMoved", { moves });
            },
          ),
        }),
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
