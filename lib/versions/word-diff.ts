import { diffWords } from "diff";
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

/** Words added and removed from `before` to `after`. */
export function countWordChanges(before: string, after: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const { op, text } of wordDiff(before, after)) {
    if (op === "insert") added += countWords(text);
    else if (op === "delete") removed += countWords(text);
  }
  return { added, removed };
}
