import type { Node as ProseMirrorNode } from "@tiptap/pm/model";

export interface TextCounts {
  words: number;
  /** Every user-perceived character (grapheme), spaces and punctuation included. */
  characters: number;
}

export const noCounts: TextCounts = { words: 0, characters: 0 };

/** A newsroom average for reading news copy aloud in the head. */
export const wordsPerMinute = 230;

// Segmenters are costly to create and stateless to use: one of each per process.
let wordSegmenter: Intl.Segmenter | undefined;
let graphemeSegmenter: Intl.Segmenter | undefined;

/**
 * Words and characters of a text. Words are found by the Unicode word rules
 * (Intl.Segmenter), so Arabic, Hebrew and scripts without spaces count
 * properly and punctuation or numbers glued to a word do not count twice.
 */
export function countText(text: string): TextCounts {
  if (!text) return noCounts;
  return { words: countWords(text), characters: countCharacters(text) };
}

/** The words of countText alone. */
export function countWords(text: string): number {
  if (!text) return 0;
  wordSegmenter ??= new Intl.Segmenter(undefined, { granularity: "word" });
  let words = 0;
  for (const segment of wordSegmenter.segment(text)) if (segment.isWordLike) words++;
  return words;
}

/**
 * Code points that never join their neighbours into one grapheme: Latin
 * (with precomposed accents), general punctuation (dashes, curly quotes,
 * ellipsis; not the zero-width joiners) and currency signs. Text made only of
 * these has as many characters as code units, and skips the costly segmenter.
 */
const simpleText = /^[\u0000-\u02ff\u2010-\u2027\u2030-\u205e\u20a0-\u20cf]*$/;

function countCharacters(text: string): number {
  const lineBreaks = text.split("\n").length - 1;
  if (simpleText.test(text)) return text.length - lineBreaks;
  graphemeSegmenter ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
  let characters = 0;
  for (const segment of graphemeSegmenter.segment(text)) if (segment.segment !== "\n") characters++;
  return characters;
}

/** Whole minutes to read, rounded up; zero only for no words. */
export function readingMinutes(words: number): number {
  return words === 0 ? 0 : Math.ceil(words / wordsPerMinute);
}

/**
 * Counts of a ProseMirror document, block by block. Unchanged blocks keep
 * their node object across transactions (ProseMirror and y-prosemirror reuse
 * them), so the cache makes a recount cost only the blocks that changed.
 */
export function countDocument(doc: ProseMirrorNode, cache: WeakMap<ProseMirrorNode, TextCounts>): TextCounts {
  let words = 0;
  let characters = 0;
  doc.descendants((node) => {
    if (!node.isTextblock) return true;
    let counts = cache.get(node);
    if (!counts) {
      // A line break inside a block separates words like a space does.
      counts = countText(node.textBetween(0, node.content.size, undefined, "\n"));
      cache.set(node, counts);
    }
    words += counts.words;
    characters += counts.characters;
    return false;
  });
  return { words, characters };
}
