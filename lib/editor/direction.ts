/** A block's writing direction; null when its text has no strong characters (digits, punctuation, nothing). */
export type TextDirection = "ltr" | "rtl";

/**
 * Code point ranges of the right-to-left scripts: Hebrew, Arabic (with its
 * supplements and extensions, which also cover Urdu, Persian and Pashto),
 * Syriac, Thaana, N'Ko, Samaritan, Mandaic, the presentation forms, and the
 * historic and African right-to-left scripts of the supplementary planes.
 */
const rtlRanges: readonly (readonly [number, number])[] = [
  [0x0590, 0x08ff],
  [0xfb1d, 0xfdff],
  [0xfe70, 0xfeff],
  [0x10800, 0x10fff],
  [0x1e800, 0x1efff],
];

const letter = /\p{L}/u;
/** Any code point of those ranges (the same test as isRtlCodePoint, as one native scan of a string). */
const anyRtlCodePoint = new RegExp(`[${rtlRanges.map(([from, to]) => `\\u{${from.toString(16)}}-\\u{${to.toString(16)}}`).join("")}]`, "u");

export function isRtlCodePoint(codePoint: number): boolean {
  for (const [from, to] of rtlRanges) {
    if (codePoint >= from && codePoint <= to) return true;
  }
  return false;
}

/**
 * The direction of a block judged from its text as a whole: the majority of
 * its strong (letter) characters decides, so an Arabic sentence that opens
 * with an English name or a number is still right-to-left — the "first strong
 * character" rule of `dir="auto"` gets that wrong (outline#8914). Digits,
 * punctuation, marks and spaces are neutral. A tie goes to the first strong
 * character; text without any is null (the block inherits).
 */
export function detectDirection(text: string): TextDirection | null {
  // Most blocks of an English article hold no right-to-left character at all: then any letter makes it
  // left-to-right. Two native scans instead of a test per character (the whole article is judged on load).
  if (!anyRtlCodePoint.test(text)) return letter.test(text) ? "ltr" : null;
  let rtl = 0;
  let ltr = 0;
  let first: TextDirection | null = null;
  for (const char of text) {
    if (!letter.test(char)) continue;
    const isRtl = isRtlCodePoint(char.codePointAt(0)!);
    if (isRtl) rtl++;
    else ltr++;
    first ??= isRtl ? "rtl" : "ltr";
  }
  if (rtl === ltr) return first;
  return rtl > ltr ? "rtl" : "ltr";
}

/** Primary language subtags written right to left. */
const rtlLanguages = new Set([
  "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku", "nqo", "ps", "sd", "syr", "ug", "ur", "yi", "ji",
]);
const rtlScripts = new Set(["arab", "hebr", "syrc", "thaa", "nkoo", "samr", "mand", "adlm", "rohg"]);

/** A BCP 47 tag of the shape we accept: a language, then optional script/region/variant subtags. */
const languageTag = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i;

export function isLanguageTag(value: string): boolean {
  return value.length <= 35 && languageTag.test(value);
}

/** The direction a language tag is written in: a script subtag wins over the language (ku-Latn is ltr). */
export function directionOfLanguage(tag: string): TextDirection {
  const [language = "", ...rest] = tag.toLowerCase().split("-");
  const script = rest.find((part) => part.length === 4);
  if (script) return rtlScripts.has(script) ? "rtl" : "ltr";
  return rtlLanguages.has(language) ? "rtl" : "ltr";
}

/** A block direction override as stored on a node: auto (null), or forced. */
export function parseDirection(value: unknown): TextDirection | null {
  return value === "ltr" || value === "rtl" ? value : null;
}
