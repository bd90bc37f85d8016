import { diffArrays } from "diff";
import * as Y from "yjs";
import { articleFields } from "../docs/text";
import type { TextDirection } from "../editor/direction";
import { countWords } from "../editor/counts";
import { acceptedText } from "../suggestions/accepted";
import { readSuggestions, type ArticleField, type SuggestionKind } from "../suggestions/read";
import { readBlocks, type ReadBlock } from "./blocks";
import { wordDiff, type DiffOp } from "./word-diff";

/** One body block of a comparison: its type ("paragraph", "heading2", "quote"…), direction and words. */
export interface ComparedBlock {
  type: string;
  dir: TextDirection;
  ops: DiffOp[];
}

/** A run of blocks that did not change, folded away (the page offers "show all"). */
export interface FoldedBlocks {
  type: "unchanged";
  count: number;
}

/** A suggestion still open in the newer state: shown beside the comparison, never counted in it (it is not the article's text yet). */
export interface ComparedSuggestion {
  id: string;
  author: { id: string; name: string };
  field: ArticleField;
  kind: SuggestionKind;
  inserted: string;
  deleted: string;
}

export interface Comparison {
  added: number;
  removed: number;
  headline: DiffOp[];
  standfirst: DiffOp[];
  body: (ComparedBlock | FoldedBlocks)[];
  /** The newer state's open suggestions, in reading order. */
  suggestions: ComparedSuggestion[];
}

/** Unchanged blocks kept on each side of a change, for context. */
const contextBlocks = 2;

const countOps = (ops: DiffOp[], op: DiffOp["op"]) => ops.filter((o) => o.op === op).reduce((sum, o) => sum + countWords(o.text), 0);

/** A block that is only added or only removed. */
const wholeBlock = (block: ReadBlock, op: "insert" | "delete"): ComparedBlock => ({ type: block.type, dir: block.dir, ops: [{ op, text: block.text }] });

/**
 * Pairs the blocks of a changed stretch (removed ones against added ones,
 * in order) as edited blocks with a word diff inside, when they share words
 * or at least their type; the rest stand as whole insertions or deletions.
 */
function compareStretch(removed: ReadBlock[], added: ReadBlock[]): ComparedBlock[] {
  const out: ComparedBlock[] = [];
  const paired = Math.min(removed.length, added.length);
  for (let i = 0; i < paired; i++) {
    const [before, after] = [removed[i]!, added[i]!];
    const ops = wordDiff(before.text, after.text);
    const kept = countOps(ops, "equal");
    if (kept === 0 && before.type !== after.type) {
      out.push(wholeBlock(before, "delete"), wholeBlock(after, "insert"));
      continue;
    }
    // A changed type or direction shows as the new one: the words say what changed inside.
    out.push({ type: after.type, dir: after.dir, ops });
  }
  for (const block of removed.slice(paired)) out.push(wholeBlock(block, "delete"));
  for (const block of added.slice(paired)) out.push(wholeBlock(block, "insert"));
  return out;
}

/** Keeps a few unchanged blocks around each change; longer runs of unchanged blocks fold to a count. */
function fold(blocks: ComparedBlock[]): (ComparedBlock | FoldedBlocks)[] {
  const isChanged = blocks.map((block) => block.ops.some((op) => op.op !== "equal"));
  const isShown = blocks.map((_, i) => {
    for (let d = -contextBlocks; d <= contextBlocks; d++) if (isChanged[i + d]) return true;
    return false;
  });
  const out: (ComparedBlock | FoldedBlocks)[] = [];
  for (let i = 0; i < blocks.length; i++) {
    if (isShown[i]) {
      out.push(blocks[i]!);
      continue;
    }
    const last = out.at(-1);
    if (last && last.type === "unchanged" && !("ops" in last)) last.count++;
    else out.push({ type: "unchanged", count: 1 });
  }
  return out;
}

/**
 * What changed from one state of an article to another: word diffs of the
 * headline and the standfirst, and the body block by block: blocks are
 * aligned by their text (a block moved or edited keeps its place in the
 * reading order), edited blocks carry a word diff, and long runs of
 * unchanged blocks are folded unless `isFolded` is false. Accepted text
 * only: the newer state's open suggestions are listed apart, with the
 * author's name from `nameOf`.
 */
export function compareDocuments(from: Y.Doc, to: Y.Doc, options: { isFolded?: boolean; nameOf?: (userId: string) => string } = {}): Comparison {
  const field = (doc: Y.Doc, name: string) => acceptedText(doc.getText(name)).trim();
  const headline = wordDiff(field(from, articleFields.headline), field(to, articleFields.headline));
  const standfirst = wordDiff(field(from, articleFields.standfirst), field(to, articleFields.standfirst));
  const before = readBlocks(from);
  const after = readBlocks(to);
  const blocks: ComparedBlock[] = [];
  let removed: ReadBlock[] = [];
  let added: ReadBlock[] = [];
  let [i, j] = [0, 0];
  const flush = () => {
    blocks.push(...compareStretch(removed, added));
    removed = [];
    added = [];
  };
  // Blocks equal in type, direction and text are the same block; the rest is what changed.
  const key = (block: ReadBlock) => `${block.type}|${block.dir}|${block.text}`;
  for (const part of diffArrays(before.map(key), after.map(key))) {
    const count = part.count ?? part.value.length;
    if (part.removed) removed.push(...before.slice(i, (i += count)));
    else if (part.added) added.push(...after.slice(j, (j += count)));
    else {
      flush();
      for (let k = 0; k < count; k++, i++, j++) blocks.push({ type: after[j]!.type, dir: after[j]!.dir, ops: [{ op: "equal", text: after[j]!.text }] });
    }
  }
  flush();
  const allOps = [...headline, ...standfirst, ...blocks.flatMap((block) => block.ops)];
  return {
    added: countOps(allOps, "insert"),
    removed: countOps(allOps, "delete"),
    headline,
    standfirst,
    body: options.isFolded === false ? blocks : fold(blocks),
    suggestions: readSuggestions(to).map(({ id, by, field: where, kind, inserted, deleted }) => ({
      id,
      author: { id: by, name: options.nameOf?.(by) ?? "Someone" },
      field: where,
      kind,
      inserted,
      deleted,
    })),
  };
}
