import * as Y from "yjs";
import { articleFields } from "../docs/text";
import { paragraphBreak, paragraphJoin, parseSuggestionMark, suggestDelete, suggestInsert, type SuggestionMark } from "./marks";

export type ArticleField = "headline" | "standfirst" | "body";
export type SuggestionKind = "insert" | "delete" | "replace";

/** A suggestion as the document holds it now: still open, its text in place. */
export interface OpenSuggestion {
  id: string;
  by: string;
  /** When its first part was made (ms since the epoch). */
  at: number;
  field: ArticleField;
  kind: SuggestionKind;
  /** The suggested text; "\n" is a suggested paragraph break. */
  inserted: string;
  /** The text suggested for deletion; "\n" is a paragraph break suggested away (the paragraphs joined). */
  deleted: string;
}

interface DeltaOp {
  insert?: unknown;
  attributes?: Record<string, unknown>;
}

/** Every Y.Text of the article in reading order: headline, standfirst, then the body's text runs. */
export function articleTexts(doc: Y.Doc): { field: ArticleField; text: Y.Text }[] {
  const texts: { field: ArticleField; text: Y.Text }[] = [
    { field: "headline", text: doc.getText(articleFields.headline) },
    { field: "standfirst", text: doc.getText(articleFields.standfirst) },
  ];
  const walk = (parent: Y.XmlFragment | Y.XmlElement) => {
    for (const child of parent.toArray()) {
      if (child instanceof Y.XmlText) texts.push({ field: "body", text: child });
      else if (child instanceof Y.XmlElement) walk(child);
    }
  };
  walk(doc.getXmlFragment(articleFields.body));
  return texts;
}

/** The open suggestions of an article's document, in the order they first appear in it. */
export function readSuggestions(doc: Y.Doc): OpenSuggestion[] {
  const found = new Map<string, OpenSuggestion>();
  const note = (mark: SuggestionMark | null, field: ArticleField, text: string, part: "inserted" | "deleted") => {
    if (!mark) return;
    let suggestion = found.get(mark.id);
    if (!suggestion) {
      suggestion = { id: mark.id, by: mark.by, at: mark.at, field, kind: "insert", inserted: "", deleted: "" };
      found.set(mark.id, suggestion);
    }
    suggestion[part] += text;
    suggestion.at = Math.min(suggestion.at, mark.at);
  };
  for (const { field, text } of articleTexts(doc)) {
    for (const op of text.toDelta() as DeltaOp[]) {
      if (typeof op.insert !== "string" || !op.attributes) continue;
      // Paragraph markers (lib/suggestions/marks.ts) read as line breaks: a join is a break deleted.
      const insertion = parseSuggestionMark(op.attributes[suggestInsert]);
      for (const piece of op.insert.split(new RegExp(`(${paragraphJoin})`))) {
        if (piece === paragraphJoin) note(insertion, field, "\n", "deleted");
        else if (piece) note(insertion, field, piece.replaceAll(paragraphBreak, "\n"), "inserted");
      }
      note(parseSuggestionMark(op.attributes[suggestDelete]), field, op.insert, "deleted");
    }
  }
  for (const suggestion of found.values()) {
    suggestion.kind = suggestion.inserted && suggestion.deleted ? "replace" : suggestion.deleted ? "delete" : "insert";
  }
  return [...found.values()];
}
