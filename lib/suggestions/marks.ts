/**
 * A suggestion lives in the document itself, as a formatting attribute on
 * the characters it concerns: `suggestInsert` on text someone proposes to
 * add, `suggestDelete` on text they propose to remove. A replacement is a
 * deletion and an insertion sharing one id. The same names are the body's
 * ProseMirror marks (y-tiptap stores a mark as an attribute of its name) and
 * the attributes of the headline's and standfirst's Y.Text.
 */
export const suggestInsert = "suggestInsert";
export const suggestDelete = "suggestDelete";
export const suggestionAttributes = [suggestInsert, suggestDelete] as const;
export type SuggestionAttribute = (typeof suggestionAttributes)[number];

/** What each suggestion mark says: which suggestion, whose, and since when. */
export interface SuggestionMark {
  /** Made by the suggester's browser; unique across articles. */
  id: string;
  /** The suggester's user id: the server refuses a mark that names anyone but the connection's user. */
  by: string;
  /** When it was made (ms since the epoch, the suggester's clock). */
  at: number;
}

const idPattern = /^[A-Za-z0-9_-]{8,64}$/;

/** The mark's value when it is well formed, or null (a forged or damaged value counts as no suggestion). */
export function parseSuggestionMark(value: unknown): SuggestionMark | null {
  if (typeof value !== "object" || value === null) return null;
  const { id, by, at } = value as Record<string, unknown>;
  if (typeof id !== "string" || !idPattern.test(id)) return null;
  if (typeof by !== "string" || by.length === 0 || by.length > 64) return null;
  if (typeof at !== "number" || !Number.isFinite(at)) return null;
  return { id, by, at };
}

/** A new suggestion id: 16 random characters from the URL-safe alphabet. */
export function newSuggestionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_");
}

/**
 * Paragraph breaks are suggested as characters, so the text never moves
 * between blocks until the suggestion is accepted (and the server's check
 * stays one of characters): a suggested break is U+2029 PARAGRAPH SEPARATOR
 * inside an insertion, a suggested join (a break struck out) is U+2060 WORD
 * JOINER inside an insertion at the start of the paragraph to join to the
 * one before. Accepting splits or joins the blocks; rejecting removes the
 * character like any suggested text.
 */
export const paragraphBreak = "\u2029";
export const paragraphJoin = "\u2060";
export const paragraphMarkers = /[\u2029\u2060]/g;
