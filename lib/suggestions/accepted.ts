import type * as Y from "yjs";
import { suggestInsert } from "./marks";

/** A Y.Text as readers see it while suggestions wait: proposed insertions left out, proposed deletions still in. */
export function acceptedText(text: Y.Text): string {
  let result = "";
  for (const op of text.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[]) {
    if (typeof op.insert === "string" && !op.attributes?.[suggestInsert]) result += op.insert;
  }
  return result;
}

/** Whether a run of text is only proposed, not yet part of the article. */
export const isSuggestedInsertion = (attributes: Record<string, unknown> | undefined) => Boolean(attributes?.[suggestInsert]);
