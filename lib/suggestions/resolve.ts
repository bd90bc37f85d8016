import * as Y from "yjs";
import { copyDocument } from "./check";
import { parseSuggestionMark, suggestDelete, suggestInsert } from "./marks";
import { articleTexts } from "./read";
import { acceptParagraphMarkers } from "./resolve-paragraphs";

export type Resolution = "accept" | "reject";

interface Range {
  index: number;
  length: number;
  action: "delete" | "unmark";
  attribute: string;
}

/**
 * The change that accepts or rejects suggestions, as one Yjs update made
 * against `current` (stored and broadcast like anyone's edit). Accepting
 * keeps the suggested text and removes what was suggested for deletion;
 * rejecting (and withdrawing) does the opposite. Suggested paragraph
 * breaks and joins split and join blocks when accepted. Null when the document no
 * longer holds any of them.
 */
export function resolveSuggestionsChange(current: Y.Doc, ids: ReadonlySet<string>, resolution: Resolution): Uint8Array | null {
  const scratch = copyDocument(current);
  try {
    const updates: Uint8Array[] = [];
    scratch.on("update", (update: Uint8Array) => updates.push(update));
    scratch.transact(() => {
      // Blocks first (their markers go with them), then the words; rejecting a marker only removes it, as words.
      if (resolution === "accept") acceptParagraphMarkers(scratch, ids);
      for (const { text } of articleTexts(scratch)) resolveInText(text, ids, resolution);
    });
    return updates.length > 0 ? Y.mergeUpdates(updates) : null;
  } finally {
    scratch.destroy();
  }
}

function resolveInText(text: Y.Text, ids: ReadonlySet<string>, resolution: Resolution): void {
  const ranges: Range[] = [];
  let index = 0;
  for (const op of text.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[]) {
    const length = typeof op.insert === "string" ? op.insert.length : 1;
    for (const attribute of [suggestInsert, suggestDelete]) {
      const mark = parseSuggestionMark(op.attributes?.[attribute]);
      if (!mark || !ids.has(mark.id)) continue;
      const isKept = (attribute === suggestInsert) === (resolution === "accept");
      ranges.push({ index, length, action: isKept ? "unmark" : "delete", attribute });
    }
    index += length;
  }
  // From the end back: a deletion moves what follows it.
  for (const range of ranges.reverse()) {
    if (range.action === "delete") text.delete(range.index, range.length);
    else text.format(range.index, range.length, { [range.attribute]: null });
  }
}
