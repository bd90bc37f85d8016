import type { EditorState } from "@tiptap/pm/state";
import type { Mapping } from "@tiptap/pm/transform";
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { resolveLivePosition } from "@/lib/comments/anchor-position";

/** A thread's anchor as the API stores it: base64 Yjs relative positions. */
export interface StoredPositions {
  start: string;
  end: string;
}

/** A passage in the ProseMirror document: from its first character to just after its last. */
export interface TextRange {
  from: number;
  to: number;
}

export interface YSyncState {
  doc: Y.Doc;
  type: Y.XmlFragment;
  binding: { mapping: Parameters<typeof relativePositionToAbsolutePosition>[3] } | null;
}

export const ySyncOf = (state: EditorState) => ySyncPluginKey.getState(state) as YSyncState | undefined;

export const anchorKey = (anchor: StoredPositions) => `${anchor.start} ${anchor.end}`;

function decodePosition(base64: string): Y.RelativePosition | null {
  try {
    return Y.decodeRelativePosition(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

const encodePosition = (position: Y.RelativePosition) =>
  btoa(String.fromCharCode(...Y.encodeRelativePosition(position)));

/**
 * Where an anchor's passage is in the editor now, or null when nothing of
 * it is left. A position into a deleted paragraph's old text counts as gone
 * (y-tiptap would still place it, at wherever that paragraph used to be).
 */
export function resolveAnchorRange(state: EditorState, ystate: YSyncState, anchor: StoredPositions): TextRange | null {
  if (!ystate.binding) return null;
  const start = decodePosition(anchor.start);
  const end = decodePosition(anchor.end);
  if (!start || !end || !resolveLivePosition(ystate.doc, start) || !resolveLivePosition(ystate.doc, end)) return null;
  const from = relativePositionToAbsolutePosition(ystate.doc, ystate.type, start, ystate.binding.mapping);
  const to = relativePositionToAbsolutePosition(ystate.doc, ystate.type, end, ystate.binding.mapping);
  if (from === null || to === null || to <= from || to > state.doc.content.size) return null;
  return { from, to };
}

/**
 * A range as an anchor: the start sticks to the passage's first character
 * (association 0) and the end to its last (−1), so text typed right before
 * or after the passage stays outside it. Needs the binding's mapping to be
 * current for `state` (right after this editor's own change, or a sync).
 */
export function rangeToAnchor(state: EditorState, ystate: YSyncState, range: TextRange): StoredPositions | null {
  const binding = ystate.binding;
  if (!binding || range.to <= range.from || range.to > state.doc.content.size) return null;
  const toTypeIndex = (pos: number, assoc: number) => {
    const relative = absolutePositionToRelativePosition(pos, ystate.type, binding.mapping) as Y.RelativePosition;
    const absolute = Y.createAbsolutePositionFromRelativePosition(relative, ystate.doc);
    return absolute ? Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, assoc) : relative;
  };
  return { start: encodePosition(toTypeIndex(range.from, 0)), end: encodePosition(toTypeIndex(range.to, -1)) };
}

/** The range after a local edit, as an inline decoration maps: typing at either edge stays outside. */
export function mapRange(range: TextRange, mapping: Mapping): TextRange | null {
  const from = mapping.map(range.from, 1);
  const to = mapping.map(range.to, -1);
  return to > from ? { from, to } : null;
}

export const hasText = (state: EditorState, range: TextRange) =>
  state.doc.textBetween(range.from, range.to, "\n").trim().length > 0;
