import * as Y from "yjs";

/** One visible character of a Y.Text (a UTF-16 unit), with the attributes in effect on it. */
export interface Character {
  /** "client:clock": the same character has the same key in every copy of the document. */
  key: string;
  /** The character, or null for something that is not text (an embed). */
  char: string | null;
  attributes: ReadonlyMap<string, unknown>;
}

/**
 * The visible characters of a Y.Text in order, each with its Yjs identity
 * and attributes, read from Yjs's item list the way toDelta reads it. Two
 * copies of a text can then be compared character by character, whatever
 * edits happened around them.
 */
export function readCharacters(text: Y.Text): Character[] {
  const characters: Character[] = [];
  let attributes = new Map<string, unknown>();
  let isShared = false;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs's item list is internal API, untyped in its declarations
  for (let item = (text as any)._start as Y.Item | null; item !== null; item = item.right as Y.Item | null) {
    if (item.deleted) continue;
    const content = item.content;
    if (content instanceof Y.ContentFormat) {
      // Copy on write: characters before this format keep the attributes they had.
      if (isShared) attributes = new Map(attributes);
      isShared = false;
      if (content.value === null) attributes.delete(content.key);
      else attributes.set(content.key, content.value);
      continue;
    }
    if (!item.countable) continue;
    isShared = true;
    const { client, clock } = item.id;
    if (content instanceof Y.ContentString) {
      for (let i = 0; i < content.str.length; i++) characters.push({ key: `${client}:${clock + i}`, char: content.str[i]!, attributes });
    } else {
      for (let i = 0; i < item.length; i++) characters.push({ key: `${client}:${clock + i}`, char: null, attributes });
    }
  }
  return characters;
}

/** Attribute values compared as Yjs would store them (JSON), keys in any order. */
export function isSameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  return stableJson(a) === stableJson(b);
}

function stableJson(value: unknown): string {
  if (typeof value !== "object" || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([key, v]) => `${JSON.stringify(key)}:${stableJson(v)}`).join(",")}}`;
}
