/** A paragraph break shows as a pilcrow inside a quote. */
const quote = (text: string) => {
  const shown = text.replace(/\n/g, "¶");
  return `“${shown.length > 80 ? `${shown.slice(0, 79)}…` : shown}”`;
};

/** "Replace “forty” with “40”", "Add “…”", "Delete “…”", "Add a paragraph break". A "\n" is a paragraph break (lib/suggestions/read.ts). */
export function describeSuggestion(suggestion: { kind: string; inserted: string; deleted: string }): string {
  if (suggestion.kind === "replace") return `Replace ${quote(suggestion.deleted)} with ${quote(suggestion.inserted)}`;
  if (suggestion.kind === "delete") return suggestion.deleted === "\n" ? "Remove a paragraph break" : `Delete ${quote(suggestion.deleted)}`;
  return suggestion.inserted === "\n" ? "Add a paragraph break" : `Add ${quote(suggestion.inserted)}`;
}
