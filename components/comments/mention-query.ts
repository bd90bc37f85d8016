/** The "@partial name" being typed just before the caret, if any: where it starts and what is typed. */
export function findMentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([^\s@[\]()]{0,40})$/.exec(before);
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]! };
}

/** The body with the typed "@query" replaced by the mention, and where the caret goes after it. */
export function insertMention(
  text: string,
  range: { start: number; end: number },
  person: { id: string; name: string },
): { text: string; caret: number } {
  // Brackets in a name would end the mention early; the id still identifies the person.
  const name = person.name.replace(/[[\]\n]/g, " ").replace(/\s+/g, " ").trim();
  const mention = `@[${name}](${person.id}) `;
  return { text: text.slice(0, range.start) + mention + text.slice(range.end), caret: range.start + mention.length };
}
