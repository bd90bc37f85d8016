import { createHash } from "node:crypto";
import * as Y from "yjs";
import { articleFields } from "../docs/text";
import { directionalBlockTypes } from "../editor/block-direction";
import { countWords } from "../editor/counts";
import { acceptedText, isSuggestedInsertion } from "../suggestions/accepted";
import { detectDirection, parseDirection, type TextDirection } from "../editor/direction";

/**
 * What the article row shows of the document: derived by the server after
 * each commit (lib/versions/projector.ts), never sent by a client.
 */
export interface ArticleProjection {
  headline: string;
  standfirst: string;
  /** The body as plain text, a block a line. */
  bodyText: string;
  /** Words of the body, counted as the editor counts them. */
  words: number;
  /** SHA-256 (hex) of the canonical rendering: equal exactly when a reader would see the same article. */
  contentHash: string;
}

/** The plain text a version keeps for search and word counts: headline, standfirst, then the body. */
export const readerText = (projection: ArticleProjection) =>
  [projection.headline, projection.standfirst, projection.bodyText].filter(Boolean).join("\n\n");

/** Marks a reader sees, with the one attribute of each that changes what they see. */
const visibleMarks: Record<string, string | null> = { bold: null, italic: null, link: "href", foreignLanguage: "lang" };
const lineBreakNodes = new Set(["hardBreak", "hard_break", "br"]);
/** Node attributes that change what a reader sees (direction is handled on its own). */
const visibleAttributes: Record<string, string[]> = { heading: ["level"], orderedList: ["start"] };

/** y-tiptap names an overlapping mark "name--hash": the name is what counts. */
const markName = (attribute: string) => attribute.replace(/--[a-zA-Z0-9+/=]{8}$/, "");

export type Run = [text: string, marks: string];
type CanonicalBlock = { type: string; attrs: string; dir: TextDirection; runs: Run[] } | { type: string; attrs: string; dir: TextDirection; children: CanonicalBlock[] };

export function runsOf(children: (Y.XmlElement | Y.XmlText | Y.XmlHook)[]): Run[] {
  const runs: Run[] = [];
  const push = (text: string, marks: string) => {
    if (!text) return;
    const last = runs.at(-1);
    // Yjs may split equal text into several items: what a reader sees is one run.
    if (last && last[1] === marks) last[0] += text;
    else runs.push([text, marks]);
  };
  for (const child of children) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert?: unknown; attributes?: Record<string, Record<string, unknown> | null> }[]) {
        // Only accepted text: a pending suggested insertion is not part of the article yet (nor of what was approved).
        if (typeof op.insert !== "string" || isSuggestedInsertion(op.attributes ?? undefined)) continue;
        const marks = Object.entries(op.attributes ?? {})
          .map(([attribute, value]) => {
            const name = markName(attribute);
            if (!(name in visibleMarks) || value === null) return null;
            const key = visibleMarks[name];
            return key ? `${name}=${String(value?.[key] ?? "")}` : name;
          })
          .filter((mark): mark is string => mark !== null)
          .sort()
          .join(",");
        push(op.insert, marks);
      }
    } else if (child instanceof Y.XmlElement && lineBreakNodes.has(child.nodeName)) {
      push("\n", "");
    }
  }
  return runs;
}

export const textOfRuns = (runs: Run[]) => runs.map(([text]) => text).join("");

export interface Direction {
  dir: TextDirection;
  /** Set by a writer's override, which holds for everything inside (lib/editor/export/article-content.ts). */
  isFixed: boolean;
}

/** The editor's rule for a block's direction, as the export applies it (directionOfBlock). */
export function directionOf(type: string, override: TextDirection | null, text: () => string, parent: Direction): Direction {
  if (parent.isFixed) return parent;
  if (override) return { dir: override, isFixed: true };
  if (!directionalBlockTypes.includes(type)) return { dir: parent.dir, isFixed: false };
  return { dir: detectDirection(text()) ?? parent.dir, isFixed: false };
}

function canonicalBlock(element: Y.XmlElement, parent: Direction, texts: string[]): CanonicalBlock | null {
  const type = element.nodeName;
  const attributes = element.getAttributes() as Record<string, unknown>;
  const attrs = (visibleAttributes[type] ?? []).map((name) => `${name}=${String(attributes[name] ?? "")}`).join(",");
  const children = element.toArray();
  const override = parseDirection(attributes.dir);
  if (children.length === 0 || children.some((child) => child instanceof Y.XmlText)) {
    const runs = runsOf(children);
    const text = textOfRuns(runs);
    // An empty block is blank space, as in the export: not part of what the article says.
    if (!text.trim()) return null;
    texts.push(text);
    return { type, attrs, dir: directionOf(type, override, () => text, parent).dir, runs };
  }
  const own = directionOf(type, override, () => textOfElement(element), parent);
  const blocks = children
    .map((child) => (child instanceof Y.XmlElement ? canonicalBlock(child, own, texts) : null))
    .filter((block): block is CanonicalBlock => block !== null);
  return blocks.length > 0 ? { type, attrs, dir: own.dir, children: blocks } : null;
}

export function textOfElement(element: Y.XmlElement): string {
  return element
    .toArray()
    .map((child) => (child instanceof Y.XmlElement ? textOfElement(child) : child instanceof Y.XmlText ? textOfRuns(runsOf([child])) : ""))
    .join("");
}

/**
 * The article as a reader sees it, in one canonical form: headline,
 * standfirst and the body's blocks with their types, the attributes that
 * show (heading level, list start), their direction (the writer's override,
 * or as detected from their text) and their text runs with bold, italic,
 * links (their targets) and language phrases. Carets, comments, empty
 * blocks and how Yjs happens to split the text leave it unchanged.
 */
export function canonicalRendering(doc: Y.Doc): { rendering: string; headline: string; standfirst: string; blockTexts: string[] } {
  const headline = acceptedText(doc.getText(articleFields.headline)).trim();
  const standfirst = acceptedText(doc.getText(articleFields.standfirst)).trim();
  const blockTexts: string[] = [];
  const body = doc
    .getXmlFragment(articleFields.body)
    .toArray()
    .map((child) => (child instanceof Y.XmlElement ? canonicalBlock(child, { dir: "ltr", isFixed: false }, blockTexts) : null))
    .filter((block) => block !== null);
  return { rendering: JSON.stringify({ headline, standfirst, body }), headline, standfirst, blockTexts };
}

/** Words per block text, kept from one projection of an article to its next. */
export type WordCountCache = Map<string, number>;

/**
 * Headline, standfirst, body text, words and content hash of an article's
 * document. Counting words by the Unicode rules is most of the cost (≈ 28 ms
 * of ≈ 33 for 20,000 words): with the previous projection's `cache`, only
 * the blocks whose text changed are counted, and the cache is left holding
 * the current blocks only.
 */
export function projectArticle(doc: Y.Doc, cache: WordCountCache = new Map()): ArticleProjection {
  const { rendering, headline, standfirst, blockTexts } = canonicalRendering(doc);
  const counted: WordCountCache = new Map();
  let words = 0;
  for (const text of blockTexts) {
    const count = counted.get(text) ?? cache.get(text) ?? countWords(text);
    counted.set(text, count);
    words += count;
  }
  cache.clear();
  for (const [text, count] of counted) cache.set(text, count);
  return {
    headline,
    standfirst,
    bodyText: blockTexts.join("\n"),
    words,
    contentHash: createHash("sha256").update(rendering).digest("hex"),
  };
}
