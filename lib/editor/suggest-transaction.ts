import type { Mark, MarkType, Node as ProseMirrorNode, Schema, Slice } from "@tiptap/pm/model";
import { TextSelection, type EditorState, type Transaction } from "@tiptap/pm/state";
import { ReplaceStep } from "@tiptap/pm/transform";
import { paragraphBreak, paragraphJoin, paragraphMarkers, suggestDelete, suggestInsert, type SuggestionMark } from "../suggestions/marks";

export interface Suggester {
  userId: string;
  /** Now, for a new suggestion's time. */
  now: number;
  newId: () => string;
}

/** Meta keys of the typed transaction that still describe the suggested one (how it was made, whether undo keeps it). */
const keptMeta = ["uiEvent", "paste", "addToHistory"];

/**
 * The transaction that suggests what `tr` would do: typed or pasted text is
 * inserted marked as this user's suggestion (after any text it replaces),
 * and text it would delete stays, marked as suggested for deletion, except
 * this user's own pending insertions, which simply go. A paragraph break
 * (Enter, or between pasted paragraphs) is suggested as a marked U+2029; a
 * break deleted (Backspace at a paragraph's start, a selection across
 * paragraphs) as a marked U+2060 at the start of the paragraph to join
 * (lib/suggestions/marks.ts). The result changes only what
 * lib/suggestions/check.ts lets a suggester change. Null for what cannot be
 * suggested: formatting, links, block types, and changes across blocks
 * that are not sibling paragraphs (list items, quotations).
 */
export function suggestTransaction(state: EditorState, tr: Transaction, suggester: Suggester): Transaction | null {
  if (tr.steps.length !== 1 || !(tr.steps[0] instanceof ReplaceStep)) return null;
  const step = tr.steps[0] as unknown as { from: number; to: number; slice: Slice };
  const doc = state.doc;
  const range = textRange(doc, step.from, step.to);
  if (!range) return null;
  const { from, to, joined } = range;
  const inserted = inlineText(step.slice, state.schema);
  if (from === to && inserted.length === 0 && joined.length === 0) return null;

  const types = { insert: state.schema.marks[suggestInsert]!, delete: state.schema.marks[suggestDelete]! };
  // Text that arrives marked as this user's already (composed with an input method: lib/editor/suggesting.ts) keeps its mark.
  const carried = inserted.map((node) => types.insert.isInSet(node.marks)).find((mark) => mark?.attrs.by === suggester.userId)?.attrs as SuggestionMark | undefined;
  const attrs = ownMarkAround(doc, from, to, types, suggester.userId) ?? ownInsertionWithin(doc, from, to, types, suggester.userId) ?? carried ?? { id: suggester.newId(), by: suggester.userId, at: suggester.now };
  const out = state.tr;
  markDeletion(out, doc, from, to, types, attrs, suggester.userId);
  // Each paragraph the change would join to the one before gets a join marker, unless it has one already.
  for (const start of joined.reverse()) {
    if (!startsWithJoin(out.doc, out.mapping.map(start), types)) out.insert(out.mapping.map(start), state.schema.text(paragraphJoin, [types.insert.create(attrs)]));
  }

  let caret: number;
  if (inserted.length > 0) {
    const at = out.mapping.map(to);
    const nodes = inserted.map((node) => node.mark(withSuggestion(node.marks, types, attrs)));
    out.insert(at, nodes);
    caret = at + nodes.reduce((size, node) => size + node.nodeSize, 0);
  } else {
    const isBackward = state.selection.empty && state.selection.head >= step.to;
    // Backspace moves before what it struck; Delete and a deleted selection leave the caret after it.
    caret = isBackward ? out.mapping.map(from, -1) : out.mapping.map(to);
  }
  out.setSelection(TextSelection.create(out.doc, caret));
  for (const key of keptMeta) if (tr.getMeta(key) !== undefined) out.setMeta(key, tr.getMeta(key));
  if (tr.scrolledIntoView) out.scrollIntoView();
  return out;
}

/**
 * The replaced range as positions inside text blocks, and the start of each
 * paragraph it would join to the one before. A range that begins or ends
 * between blocks (a whole empty paragraph deleted) is moved into the
 * neighbouring paragraph; one across blocks is allowed only between sibling
 * text blocks, whose joins can be suggested.
 */
function textRange(doc: ProseMirrorNode, stepFrom: number, stepTo: number): { from: number; to: number; joined: number[] } | null {
  let from = stepFrom;
  let to = stepTo;
  const $stepFrom = doc.resolve(from);
  if (!$stepFrom.parent.isTextblock && $stepFrom.nodeAfter?.isTextblock) from += 1;
  const $stepTo = doc.resolve(to);
  if (!$stepTo.parent.isTextblock) {
    if ($stepTo.nodeAfter?.isTextblock) to += 1;
    else if ($stepTo.nodeBefore?.isTextblock) to -= 1;
  }
  if (to < from) return null;
  const $from = doc.resolve(from);
  const $to = doc.resolve(to);
  if (!$from.parent.isTextblock || !$to.parent.isTextblock) return null;
  if ($from.sameParent($to)) return { from, to, joined: [] };
  const depth = $from.depth;
  if ($to.depth !== depth || $from.node(depth - 1) !== $to.node(depth - 1)) return null;
  const container = $from.node(depth - 1);
  const joined: number[] = [];
  let position = $from.start(depth - 1);
  for (let index = 0; index <= $to.index(depth - 1); index++) {
    const block = container.child(index);
    if (index > $from.index(depth - 1)) {
      if (!block.isTextblock) return null;
      joined.push(position + 1);
    }
    position += block.nodeSize;
  }
  return { from, to, joined };
}

function startsWithJoin(doc: ProseMirrorNode, start: number, types: SuggestionTypes): boolean {
  const first = doc.resolve(start).nodeAfter;
  return first?.isText === true && first.text!.startsWith(paragraphJoin) && types.insert.isInSet(first.marks) !== undefined;
}

/**
 * Strikes what lies in [from, to): plain text is marked deleted, this
 * user's own pending insertions are removed, and others' suggestions are
 * left as they are. Right to left, so removals do not move what is left.
 */
function markDeletion(out: Transaction, doc: ProseMirrorNode, from: number, to: number, types: SuggestionTypes, attrs: SuggestionMark, userId: string): void {
  const segments: { start: number; end: number; isRemoved: boolean }[] = [];
  doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isText) return true;
    const start = Math.max(pos, from);
    const end = Math.min(pos + node.nodeSize, to);
    const insertion = types.insert.isInSet(node.marks);
    if (insertion) {
      if (insertion.attrs.by === userId) segments.push({ start, end, isRemoved: true });
    } else if (!types.delete.isInSet(node.marks)) {
      segments.push({ start, end, isRemoved: false });
    }
    return false;
  });
  for (const { start, end, isRemoved } of segments.reverse()) {
    if (isRemoved) out.delete(start, end);
    else out.addMark(start, end, types.delete.create(attrs));
  }
}

export type SuggestionTypes = { insert: MarkType; delete: MarkType };

/**
 * This user's suggestion the change continues: typing on after their own
 * insertion or deletion (a replacement is a deletion and an insertion with
 * one id), or striking on next to their own deletion. Its attributes are
 * reused whole, so the text joins one run and one suggestion.
 */
export function ownMarkAround(doc: ProseMirrorNode, from: number, to: number, types: SuggestionTypes, userId: string): SuggestionMark | null {
  const before = doc.resolve(from).nodeBefore;
  const after = doc.resolve(to).nodeAfter;
  for (const mark of [...(before?.marks ?? []), ...(after?.marks ?? [])]) {
    if ((mark.type === types.insert || mark.type === types.delete) && mark.attrs.by === userId) return mark.attrs as SuggestionMark;
  }
  return null;
}

/**
 * This user's pending insertion that the change replaces: retyping it (an
 * input method rewrites its composed text on each key) keeps its suggestion,
 * so the mark the composition sits in is never redrawn.
 */
function ownInsertionWithin(doc: ProseMirrorNode, from: number, to: number, types: SuggestionTypes, userId: string): SuggestionMark | null {
  let found: SuggestionMark | null = null;
  doc.nodesBetween(from, to, (node) => {
    const mark = node.isText ? types.insert.isInSet(node.marks) : undefined;
    if (!found && mark?.attrs.by === userId) found = mark.attrs as SuggestionMark;
    return !found;
  });
  return found;
}

function withSuggestion(marks: readonly Mark[], types: SuggestionTypes, attrs: SuggestionMark): readonly Mark[] {
  const kept = marks.filter((mark) => mark.type !== types.insert && mark.type !== types.delete);
  return types.insert.create(attrs).addToSet(kept);
}

/**
 * What a slice would insert, as text: a paragraph break between its blocks
 * (Enter's slice is two empty blocks: one break), a line break as a space.
 * Paragraph markers already in pasted text are dropped, so none is forged.
 */
function inlineText(slice: Slice, schema: Schema): ProseMirrorNode[] {
  const nodes: ProseMirrorNode[] = [];
  let blocks = 0;
  const collect = (parent: ProseMirrorNode | Slice["content"]) => {
    parent.forEach((child) => {
      if (child.isText) {
        const text = child.text!.replace(paragraphMarkers, "");
        if (text) nodes.push(schema.text(text, child.marks));
      } else if (child.isInline) nodes.push(schema.text(" "));
      else if (child.isTextblock) {
        if (blocks++ > 0) nodes.push(schema.text(paragraphBreak));
        collect(child);
      } else collect(child);
    });
  };
  collect(slice.content);
  return nodes;
}
