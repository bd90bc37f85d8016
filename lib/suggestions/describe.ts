const quote = (text: string) => `“${text.length > 80 ? `${text.slice(0, 79)}…` : text}”`;

/** "Replace “forty” with “40”", "Add “…”", "Delete “…”". */
export function describeSuggestion(suggestion: { kind: string; inserted: string; deleted: string }): string {
  if (suggestion.kind === "replace") return `Replace ${quote(suggestion.deleted)} with ${quote(suggestion.inserted)}`;
  if (suggestion.kind === "delete") return `Delete ${quote(suggestion.deleted)}`;
  return `Add ${quote(suggestion.inserted)}`;
}
