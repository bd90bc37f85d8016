import { diffArrays, diffWords } from "diff";
import { countWords } from "../editor/counts";

/** One piece of a word-level comparison. */
export interface DiffOp {
  op: "equal" | "insert" | "delete";
  text: string;
}

/** The words of `before` and `after` compared: pieces in reading order (the `diff` package's word diff). */
export function wordDiff(before: string, after: string): DiffOp[] {
  return diffWords(before, after).map((part) => ({
    op: part.added ? "insert" : part.removed ? "delete" : "equal",
    text: part.value,
  }));
}

/**
 * Words added and removed from `before` to `after`, texts of a block a line:
 * lines are aligned first and the lines of each changed stretch are paired in
 * order and compared word by word, as the history's compare does with blocks,
 * so the counts agree with it and a long article with edits all over it is
 * counted in milliseconds (one word diff of the whole text is quadratic in
 * the number of changes).
 */
export function countWordChanges(before: string, after: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  let gone: string[] = [];
  let come: string[] = [];
  const settle = () => {
    const paired = Math.min(gone.length, come.length);
    for (let i = 0; i < paired; i++) {
      for (const { op, text } of wordDiff(gone[i]!, come[i]!)) {
        if (op === "insert") added += countWords(text);
        else if (op === "delete") removed += countWords(text);
      }
    }
    for (const line of gone.slice(paired)) removed += countWords(line);
    for (const line of come.slice(paired)) added += countWords(line);
    gone = [];
    come = [];
  };
  const lines = (text: string) => (text ? text.split("\n") : []);
  for (const part of diffArrays(lines(before), lines(after))) {
    if (part.removed) gone.push(...part.value);
    else if (part.added) come.push(...part.value);
    else settle();
  }
  settle();
  return { added, removed };
}
