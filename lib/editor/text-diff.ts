/** One splice turning a string into another: remove `remove` UTF-16 units at `index`, then insert `insert`. */
export interface TextSplice {
  index: number;
  remove: number;
  insert: string;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The single splice between two values of a text field (one edit event
 * changes one range). The common prefix and suffix never split a surrogate
 * pair, so an emoji or a supplementary-plane letter is replaced whole.
 *
 * `caret`, where the field's caret is after the edit, settles which of a run
 * of equal letters was typed or deleted ("ab" → "abb" with the caret at 2 is
 * a "b" typed after the "a"): the typed letters end at the caret, so the
 * common suffix never reaches past it. Without it, the change is put as late
 * as the text allows.
 */
export function diffText(before: string, after: string, caret?: number): TextSplice | null {
  if (before === after) return null;
  const limit = Math.min(before.length, after.length);
  const commonPrefix = (max: number) => {
    let start = 0;
    while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
    return start > 0 && isHighSurrogate(before.charCodeAt(start - 1)) ? start - 1 : start;
  };
  const commonSuffix = (max: number) => {
    let end = 0;
    while (end < max && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
    return end > 0 && isLowSurrogate(before.charCodeAt(before.length - end)) ? end - 1 : end;
  };
  let start: number;
  let end: number;
  if (caret === undefined) {
    start = commonPrefix(limit);
    end = commonSuffix(limit - start);
  } else {
    end = commonSuffix(Math.max(0, Math.min(limit, after.length - caret)));
    start = commonPrefix(limit - end);
  }
  return { index: start, remove: before.length - start - end, insert: after.slice(start, after.length - end) };
}

/** A change to a Y.Text as Yjs describes it (YTextEvent.delta). */
export type TextDelta = { retain?: number; insert?: unknown; delete?: number }[];

/**
 * Where a caret at `index` ends up after someone else's change: text
 * inserted before it pushes it right, text deleted before it pulls it left.
 * A caret exactly where text is inserted stays in front of it, so a remote
 * insertion at the caret does not move the local writer's caret.
 */
export function mapIndexThroughDelta(index: number, delta: TextDelta): number {
  let position = 0;
  let mapped = index;
  for (const op of delta) {
    if (position > index) break;
    if (op.retain !== undefined) {
      position += op.retain;
    } else if (op.insert !== undefined) {
      const length = typeof op.insert === "string" ? op.insert.length : 1;
      if (position < index) mapped += length;
    } else if (op.delete !== undefined) {
      const removed = Math.min(op.delete, Math.max(0, index - position));
      mapped -= removed;
      position += op.delete;
    }
  }
  return mapped;
}

/** mapIndexThroughDelta through several changes, in order. */
export function mapIndexThroughDeltas(index: number, deltas: readonly TextDelta[]): number {
  return deltas.reduce((at, delta) => mapIndexThroughDelta(at, delta), index);
}
