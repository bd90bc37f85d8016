import type * as Y from "yjs";
import { paragraphMarkers, parseSuggestionMark, suggestDelete, suggestInsert, type SuggestionMark } from "./marks";

/** A run of a one-line field (headline, standfirst) that is a suggestion, in the field's text offsets. */
export interface SuggestionRange {
  from: number;
  to: number;
  kind: "insert" | "delete";
  by: string;
}

interface Run {
  from: number;
  to: number;
  insert: SuggestionMark | null;
  delete: SuggestionMark | null;
}

function runsOf(text: Y.Text): Run[] {
  const runs: Run[] = [];
  let at = 0;
  for (const op of text.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[]) {
    const length = typeof op.insert === "string" ? op.insert.length : 1;
    runs.push({ from: at, to: at + length, insert: parseSuggestionMark(op.attributes?.[suggestInsert]), delete: parseSuggestionMark(op.attributes?.[suggestDelete]) });
    at += length;
  }
  return runs;
}

/** Where a field shows suggestions: underlined insertions and struck deletions. */
export function suggestionRanges(text: Y.Text): SuggestionRange[] {
  return runsOf(text).flatMap((run) => {
    const mark = run.insert ?? run.delete;
    return mark ? [{ from: run.from, to: run.to, kind: run.insert ? ("insert" as const) : ("delete" as const), by: mark.by }] : [];
  });
}

export interface FieldSuggester {
  userId: string;
  now: number;
  newId: () => string;
}

/**
 * What a typed change of a one-line field becomes in suggesting mode (the
 * body's counterpart is lib/editor/suggest-transaction.ts): the `remove`
 * characters at `index` are struck (this user's own pending insertions go),
 * and `insert` comes after them, marked as this user's suggestion. Made on
 * the Y.Text (inside the caller's transaction); answers where the caret
 * goes: after what was typed, or for a Backspace before what it struck.
 */
export function suggestSplice(text: Y.Text, splice: { index: number; remove: number; insert: string; isBackward: boolean }, suggester: FieldSuggester): number {
  const { index, remove } = splice;
  // One line: a pasted paragraph marker means nothing here (and the server refuses it).
  const insert = splice.insert.replace(paragraphMarkers, "");
  const end = index + remove;
  const runs = runsOf(text);
  const own = (mark: SuggestionMark | null) => (mark?.by === suggester.userId ? mark : null);
  const before = runs.find((run) => run.from < index && run.to >= index);
  const after = runs.find((run) => run.from <= end && run.to > end);
  const mark = own(before?.insert ?? null) ?? own(before?.delete ?? null) ?? own(after?.delete ?? null) ?? { id: suggester.newId(), by: suggester.userId, at: suggester.now };

  const segments: { from: number; to: number; isRemoved: boolean }[] = [];
  for (const run of runs) {
    const from = Math.max(run.from, index);
    const to = Math.min(run.to, end);
    if (from >= to) continue;
    if (run.insert) {
      if (run.insert.by === suggester.userId) segments.push({ from, to, isRemoved: true });
    } else if (!run.delete) {
      segments.push({ from, to, isRemoved: false });
    }
  }
  let removed = 0;
  for (const { from, to, isRemoved } of segments.reverse()) {
    if (isRemoved) {
      text.delete(from, to - from);
      removed += to - from;
    } else {
      text.format(from, to - from, { [suggestDelete]: mark });
    }
  }
  const insertAt = end - removed;
  if (insert) {
    text.insert(insertAt, insert, { [suggestInsert]: mark });
    return insertAt + insert.length;
  }
  return splice.isBackward ? index : insertAt;
}
