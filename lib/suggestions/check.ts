import * as Y from "yjs";
import { articleFields } from "../docs/text";
import { isSameValue, readCharacters, type Character } from "./characters";
import { paragraphBreak, paragraphJoin, parseSuggestionMark, suggestDelete, suggestInsert } from "./marks";

/** Why a suggester's update was refused, in words for the server's log. */
export type Refusal = string;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types its shared types' events as any
type AnyType = Y.AbstractType<any>;

const checkOrigin = Symbol("suggestion check");

/**
 * Applies `update` from `userId`, who may suggest but not edit, to
 * `shadow` (a copy of `current` holding exactly what it holds) and says
 * whether everything it changed is a suggestion of theirs: text they
 * insert carries their insertion mark; text they mark or unmark as deleted
 * is marked on their behalf only; what they remove is their own pending
 * insertion. Anything else (plain typing or deleting, formatting, links,
 * blocks and their attributes, someone else's suggestion, a mark naming
 * another user) is refused. Null when allowed. On a refusal `shadow` holds
 * the refused change and must be thrown away.
 */
export function applyAndCheckSuggestion(current: Y.Doc, shadow: Y.Doc, update: Uint8Array, userId: string): Refusal | null {
  const changed = new Map<AnyType, Set<string | null>>();
  const collect = (transaction: Y.Transaction) => {
    if (transaction.origin !== checkOrigin) return;
    for (const [type, keys] of transaction.changed) changed.set(type as AnyType, keys);
  };
  defineArticleTypes(shadow);
  const wasPending = hasPending(shadow);
  shadow.on("afterTransaction", collect);
  try {
    Y.applyUpdate(shadow, update, checkOrigin);
  } finally {
    shadow.off("afterTransaction", collect);
  }
  if (!wasPending && hasPending(shadow)) return "builds on changes the server does not have";
  for (const [type, keys] of changed) {
    if (!(type instanceof Y.Text)) return "changes the article's structure (blocks, lists or headings)";
    if ([...keys].some((key) => key !== null)) return "changes a text's attributes";
    if (!isArticleText(shadow, type)) return "changes something outside the headline, standfirst and body";
    const original = counterpart(current, type);
    if (!original) return "adds a text run outside a suggestion";
    const refusal = compareCharacters(readCharacters(original), readCharacters(type), userId, !type._item);
    if (refusal) return refusal;
  }
  return null;
}

/** The same check on a throwaway copy of `doc` (tests, benchmarks, one-off checks). */
export function checkSuggestion(doc: Y.Doc, update: Uint8Array, userId: string): Refusal | null {
  const shadow = copyDocument(doc);
  try {
    return applyAndCheckSuggestion(doc, shadow, update, userId);
  } finally {
    shadow.destroy();
  }
}

export function copyDocument(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc({ gc: doc.gc });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** Yjs types a root only once it is asked for by name: until then it would not read as a text. */
function defineArticleTypes(doc: Y.Doc): void {
  doc.getText(articleFields.headline);
  doc.getText(articleFields.standfirst);
  doc.getXmlFragment(articleFields.body);
}

const hasPending = (doc: Y.Doc) => doc.store.pendingStructs !== null || doc.store.pendingDs !== null;

/** The headline, the standfirst, or a text run inside the body. */
function isArticleText(doc: Y.Doc, type: Y.Text): boolean {
  let root = type as AnyType;
  while (root._item) {
    if (root._item.deleted) return false;
    root = root._item.parent as AnyType;
  }
  if (root === type) return root === doc.share.get(articleFields.headline) || root === doc.share.get(articleFields.standfirst);
  return root === doc.share.get(articleFields.body) && type instanceof Y.XmlText;
}

/** The same text in the other copy of the document (null when it does not exist there). */
function counterpart(doc: Y.Doc, type: Y.Text): Y.Text | null {
  if (!type._item) {
    const name = (type as AnyType) === type.doc?.share.get(articleFields.headline) ? articleFields.headline : articleFields.standfirst;
    return doc.getText(name);
  }
  const { client, clock } = type._item.id;
  if (Y.getState(doc.store, client) <= clock) return null;
  const item = Y.getItem(doc.store, type._item.id);
  if (!(item instanceof Y.Item) || item.deleted || !(item.content instanceof Y.ContentType)) return null;
  return item.content.type instanceof Y.Text ? item.content.type : null;
}

const mark = (character: Character, name: string) => parseSuggestionMark(character.attributes.get(name));

/** `isOneLine`: the headline or standfirst, where a paragraph marker (lib/suggestions/marks.ts) has no meaning. */
function compareCharacters(before: Character[], after: Character[], userId: string, isOneLine: boolean): Refusal | null {
  const earlier = new Map(before.map((character) => [character.key, character]));
  const kept = new Set<string>();
  for (const character of after) {
    const old = earlier.get(character.key);
    if (!old) {
      if (character.char === null) return "inserts something that is not text";
      if (mark(character, suggestInsert)?.by !== userId) return "inserts text that is not marked as their suggestion";
      if (character.attributes.has(suggestDelete)) return "inserts text marked as deleted";
      if (isOneLine && (character.char === paragraphBreak || character.char === paragraphJoin)) return "puts a paragraph break in the headline or standfirst";
      continue;
    }
    kept.add(character.key);
    if (old.attributes === character.attributes) continue;
    const refusal = compareAttributes(old, character, userId);
    if (refusal) return refusal;
  }
  for (const character of before) {
    if (kept.has(character.key)) continue;
    if (mark(character, suggestInsert)?.by !== userId) return "deletes text instead of marking it as deleted";
  }
  return null;
}

function compareAttributes(before: Character, after: Character, userId: string): Refusal | null {
  for (const name of new Set([...before.attributes.keys(), ...after.attributes.keys()])) {
    if (name === suggestDelete) continue;
    if (!isSameValue(before.attributes.get(name), after.attributes.get(name))) {
      return name === suggestInsert ? "changes a suggested insertion" : `changes formatting (${name})`;
    }
  }
  const was = before.attributes.get(suggestDelete);
  const is = after.attributes.get(suggestDelete);
  if (isSameValue(was, is)) return null;
  if (is !== undefined) {
    if (mark(after, suggestDelete)?.by !== userId) return "marks text as deleted on someone else's behalf";
    if (before.attributes.has(suggestInsert)) return "marks a suggested insertion as deleted";
  }
  if (was !== undefined && mark(before, suggestDelete)?.by !== userId) return "changes someone else's suggested deletion";
  return null;
}
