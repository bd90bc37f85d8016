import { detectDirection, directionOfLanguage, isLanguageTag, parseDirection } from "./direction";
import { isAllowedHref } from "./links";

/** Parses an HTML string: the browser's DOMParser, or happy-dom's in Node (lib/editor/server-dom.ts). */
export interface HtmlParser {
  parseFromString(html: string, type: "text/html"): Document;
}

export interface SanitizeOptions {
  /** Defaults to the global DOMParser (the browser). */
  parser?: HtmlParser;
  /** The highest heading kept: 2 for the body (h1 becomes h2), 1 for an import whose h1 is the headline. */
  topHeading?: 1 | 2;
}

/** Elements dropped with everything inside them. */
const droppedTags = new Set([
  "script", "style", "template", "noscript", "head", "title", "meta", "link", "base", "iframe", "frame", "object",
  "embed", "applet", "svg", "math", "img", "picture", "video", "audio", "source", "track", "canvas", "map", "input",
  "button", "select", "textarea", "option", "form", "xml", "colgroup", "col",
]);
/** Elements whose content starts a new paragraph (tables are flattened: each cell its own paragraphs). */
const blockTags = new Set([
  "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "figure", "figcaption", "address",
  "pre", "center", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "details",
  "summary", "hr", "li",
]);
const directionalTags = ["p", "h1", "h2", "h3", "blockquote", "ul", "ol", "li"];

interface Marks {
  bold: boolean;
  italic: boolean;
  href: string | null;
  lang: string | null;
}

interface Sink {
  /** Where blocks go: the root, a blockquote or a list item. */
  container: Element;
  /** The open paragraph (or heading) receiving inline content, if any. */
  inline: Element | null;
  /** Inside a heading: nested blocks add to it instead of splitting it. */
  isInlineOnly: boolean;
  /** Word's list paragraphs, grouped into real lists: the open lists by nesting level. */
  wordLists: { id: string; level: number; list: Element }[];
}

/** `style="font-weight:700; mso-list:l0 level1 lfo1"` → a lower-cased property map. */
function readStyle(element: Element): Map<string, string> {
  const styles = new Map<string, string>();
  for (const declaration of (element.getAttribute("style") ?? "").split(";")) {
    const colon = declaration.indexOf(":");
    if (colon > 0) styles.set(declaration.slice(0, colon).trim().toLowerCase(), declaration.slice(colon + 1).trim().toLowerCase());
  }
  return styles;
}

function isBoldWeight(weight: string): boolean | null {
  if (weight === "bold" || weight === "bolder") return true;
  if (weight === "normal" || weight === "lighter") return false;
  const numeric = Number.parseInt(weight, 10);
  return Number.isNaN(numeric) ? null : numeric >= 600;
}

/** The marks in force inside `element`: tags, inline styles (Google Docs, Word) and `lang`. */
function marksInside(element: Element, tag: string, outer: Marks): Marks {
  const style = readStyle(element);
  const marks = { ...outer };
  if (tag === "b" || tag === "strong") marks.bold = true;
  if (tag === "i" || tag === "em" || tag === "cite") marks.italic = true;
  // Google Docs wraps the whole clipboard in <b style="font-weight:normal" id="docs-internal-guid-…">: not bold.
  const weight = style.get("font-weight");
  const isBold = weight === undefined ? null : isBoldWeight(weight);
  if (isBold !== null) marks.bold = isBold;
  const fontStyle = style.get("font-style");
  if (fontStyle) marks.italic = fontStyle === "italic" || fontStyle === "oblique";
  if (tag === "a" && element.hasAttribute("href")) {
    const href = element.getAttribute("href")!.trim();
    marks.href = isAllowedHref(href) ? href : null;
  }
  const lang = element.getAttribute("lang");
  // As the foreignLanguage mark parses: a right-to-left language, or any with an explicit dir (Galley's own copy).
  // Word tags every run with the document's language and no dir: that is not a phrase in another language.
  if (lang !== null) {
    const isPhrase = isLanguageTag(lang) && (directionOfLanguage(lang) === "rtl" || element.hasAttribute("dir"));
    marks.lang = isPhrase ? lang : null;
  }
  return marks;
}

/** Word's list paragraph (`mso-list:l0 level2 lfo1`): which list and the nesting level, or null. */
function wordListPosition(element: Element): { id: string; level: number } | null {
  const msoList = readStyle(element).get("mso-list");
  if (!msoList || msoList === "ignore") return null;
  const level = /level(\d+)/.exec(msoList);
  return { id: /^l\d+/.exec(msoList)?.[0] ?? "", level: level ? Number(level[1]) : 1 };
}

const isWordListMarker = (element: Element) => readStyle(element).get("mso-list") === "ignore";

/** Content a page hides (off-screen labels, Word's "display:none" fields) is not part of what was copied. */
const isHidden = (element: Element) => element.hasAttribute("hidden") || readStyle(element).get("display") === "none";

/** A Word list paragraph's marker ("1.", "a)", "·") says whether the list is numbered. */
function isNumberedWordList(paragraph: Element): boolean {
  const marker = [...paragraph.querySelectorAll("span")].find(isWordListMarker)?.textContent?.trim() ?? "";
  return /^\(?[0-9a-z]{1,4}[.)]/i.test(marker);
}

class Sanitizer {
  constructor(
    private readonly out: Document,
    private readonly topHeading: 1 | 2,
  ) {}

  private closeInline(sink: Sink): void {
    if (!sink.isInlineOnly) sink.inline = null;
  }

  private openInline(sink: Sink): Element {
    if (!sink.inline) {
      sink.inline = this.out.createElement("p");
      sink.container.append(sink.inline);
      sink.wordLists = [];
    }
    return sink.inline;
  }

  private appendText(text: string, sink: Sink, marks: Marks): void {
    const collapsed = text.replace(/[\t\n\r\f ]+/g, " ");
    if (!collapsed.trim() && !sink.inline) return;
    let node: Node = this.out.createTextNode(collapsed);
    const wrap = (tag: string, attributes: Record<string, string> = {}) => {
      const element = this.out.createElement(tag);
      for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
      element.append(node);
      node = element;
    };
    if (marks.italic) wrap("em");
    if (marks.bold) wrap("strong");
    if (marks.href) wrap("a", { href: marks.href });
    if (marks.lang) wrap("span", { lang: marks.lang, dir: directionOfLanguage(marks.lang) });
    this.openInline(sink).append(node);
  }

  private block(tag: string, source: Element, sink: Sink): Element {
    this.closeInline(sink);
    const element = this.out.createElement(tag);
    const dir = parseDirection(source.getAttribute("dir")?.toLowerCase());
    if (dir) element.setAttribute("dir", dir);
    sink.container.append(element);
    sink.wordLists = [];
    return element;
  }

  /** Walks `node`'s children into `sink` with `marks` in force. */
  walkChildren(node: Node, sink: Sink, marks: Marks): void {
    for (const child of [...node.childNodes]) this.walk(child, sink, marks);
  }

  private walk(node: Node, sink: Sink, marks: Marks): void {
    if (node.nodeType === 3) return this.appendText(node.nodeValue ?? "", sink, marks);
    if (node.nodeType !== 1) return; // comments (Word's <![if !supportLists]>), processing instructions
    const element = node as Element;
    // tagName, not localName: happy-dom gives Word's <o:p> the localName "p".
    const tag = element.tagName.toLowerCase();
    if (droppedTags.has(tag) || isWordListMarker(element) || isHidden(element)) return;
    const inner = marksInside(element, tag, marks);
    if (sink.isInlineOnly) {
      if (tag === "br") sink.inline!.append(this.out.createElement("br"));
      else this.walkChildren(element, sink, inner);
      return;
    }
    const heading = /^h([1-6])$/.exec(tag);
    if (heading) {
      const level = Math.min(Math.max(Number(heading[1]), this.topHeading), 3);
      const target = this.block(`h${level}`, element, sink);
      this.walkChildren(element, { container: sink.container, inline: target, isInlineOnly: true, wordLists: [] }, inner);
      return;
    }
    if (tag === "br") {
      if (sink.inline) sink.inline.append(this.out.createElement("br"));
      return;
    }
    if (tag === "blockquote") {
      const quote = this.block("blockquote", element, sink);
      this.walkChildren(element, { container: quote, inline: null, isInlineOnly: false, wordLists: [] }, inner);
      return;
    }
    if (tag === "ul" || tag === "ol") return this.list(tag, element, sink, inner);
    const wordList = tag === "p" ? wordListPosition(element) : null;
    if (wordList) return this.wordListItem(element, wordList, sink, inner);
    if (blockTags.has(tag)) {
      const dir = parseDirection(element.getAttribute("dir")?.toLowerCase());
      this.closeInline(sink);
      sink.wordLists = [];
      if (tag === "p" && dir) sink.inline = this.block("p", element, sink);
      this.walkChildren(element, sink, inner);
      this.closeInline(sink);
      return;
    }
    // Inline wrappers (span, font, u, sup, o:p, a without an allowed href…): their text stays, they go.
    this.walkChildren(element, sink, inner);
  }

  private list(tag: "ul" | "ol", element: Element, sink: Sink, marks: Marks): void {
    const list = this.block(tag, element, sink);
    const start = Number.parseInt(element.getAttribute("start") ?? "", 10);
    if (tag === "ol" && Number.isInteger(start) && start !== 1) list.setAttribute("start", String(start));
    let item: Sink | null = null;
    for (const child of [...element.childNodes]) {
      const childTag = child.nodeType === 1 ? (child as Element).tagName.toLowerCase() : "";
      if (childTag === "li" || !item) {
        const li = this.out.createElement("li");
        const dir = childTag === "li" ? parseDirection((child as Element).getAttribute("dir")?.toLowerCase()) : null;
        if (dir) li.setAttribute("dir", dir);
        list.append(li);
        item = { container: li, inline: null, isInlineOnly: false, wordLists: [] };
      }
      // Google Docs nests a sub-list as a sibling of the items: it joins the item before it.
      if (childTag === "li") this.walkChildren(child, item, marksInside(child as Element, "li", marks));
      else this.walk(child, item, marks);
    }
  }

  private wordListItem(paragraph: Element, { id, level }: { id: string; level: number }, sink: Sink, marks: Marks): void {
    this.closeInline(sink);
    if (sink.wordLists[0]?.id !== id) sink.wordLists = [];
    const stack = sink.wordLists;
    while (stack.length > 0 && stack.at(-1)!.level > level) stack.pop();
    if (stack.length === 0 || stack.at(-1)!.level < level) {
      const list = this.out.createElement(isNumberedWordList(paragraph) ? "ol" : "ul");
      const parentItem = stack.at(-1)?.list.lastElementChild;
      (parentItem ?? sink.container).append(list);
      stack.push({ id, level, list });
    }
    const li = this.out.createElement("li");
    stack.at(-1)!.list.append(li);
    this.walkChildren(paragraph, { container: li, inline: null, isInlineOnly: false, wordLists: [] }, marks);
  }
}

/** Removes empty blocks and `dir` attributes that only repeat what the text itself says. */
function tidy(root: Element): void {
  for (const element of [...root.querySelectorAll("p, h1, h2, h3, li, blockquote, ul, ol")].reverse()) {
    const isEmpty = !element.textContent?.replace(/\u00a0/g, " ").trim() && !element.querySelector("br");
    if (isEmpty && element.localName !== "li") {
      element.remove();
      continue;
    }
    const dir = element.getAttribute("dir");
    const detected = detectDirection(element.textContent ?? "") ?? "ltr";
    if (dir && directionalTags.includes(element.localName) && detected === dir) {
      element.removeAttribute("dir");
    }
  }
  for (const li of [...root.querySelectorAll("li")]) if (!li.textContent?.trim()) li.remove();
  for (const list of [...root.querySelectorAll("ul, ol")]) if (!list.querySelector("li")) list.remove();
}

/** sanitizePastedHtml, answering the cleaned content as a detached `<div>` (imports work on it further). */
export function sanitizeHtmlToElement(html: string, options: SanitizeOptions = {}): Element {
  const parser = options.parser ?? (typeof DOMParser === "undefined" ? null : new DOMParser());
  if (!parser) throw new Error("sanitizePastedHtml needs a DOMParser: pass options.parser outside the browser");
  const source = parser.parseFromString(html, "text/html");
  const out = source.createElement("div");
  const sanitizer = new Sanitizer(source, options.topHeading ?? 2);
  const noMarks: Marks = { bold: false, italic: false, href: null, lang: null };
  sanitizer.walkChildren(source.body, { container: out, inline: null, isInlineOnly: false, wordLists: [] }, noMarks);
  tidy(out);
  return out;
}

/**
 * Cleans HTML pasted from Google Docs, Word or a web page (or converted from
 * an imported file) down to what an article holds: paragraphs, headings,
 * block quotes, lists, line breaks, bold, italic, http/https/mailto links and
 * language phrases. Everything else goes: scripts, styles, event handlers,
 * classes, colours, fonts, images (the article has none; pictures from
 * other hosts would leak readers to them); tables become paragraphs.
 * A `dir` survives only where it says something the text does not.
 */
export function sanitizePastedHtml(html: string, options: SanitizeOptions = {}): string {
  return sanitizeHtmlToElement(html, options).innerHTML;
}
