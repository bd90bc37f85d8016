import type { Mark, Node as ProseMirrorNode } from "@tiptap/pm/model";
import { detectDirection, directionOfLanguage } from "../direction";
import { foreignLanguageOf } from "../foreign-language";
import {
  directionOfBlock,
  documentDirection,
  isDirectionWritten,
  isEmptyBlock,
  type ArticleContent,
  type BlockDirection,
} from "./article-content";
import { renderCommentsMarkdown, type ExportedThread } from "./comments";
import { paragraphMarkers } from "../../suggestions/marks";
import { escapeHtml, exportedMarks, renderBlockHtml } from "./html";

/** Characters Markdown would read as syntax anywhere in a line. */
const inlineSyntax = /[\\*_`[\]<~]/g;

/** Plain text as Markdown that reads back as the same text. */
export function escapeMarkdown(text: string): string {
  return text.replace(inlineSyntax, "\\$&").replace(/&(?=#?[a-z0-9]+;)/gi, "\\&");
}

/** What would start a heading, quote, list or rule at the start of a line. */
export function escapeLineStarts(text: string): string {
  return text.replace(/^([ \t]*)([#>+=-]|\d+(?=[.)]))/gm, (_all, space: string, syntax: string) =>
    /^\d/.test(syntax) ? `${space}${syntax}\\` : `${space}\\${syntax}`,
  );
}

function linkTarget(href: string): string {
  return href.trim().replace(/[ ()<>]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

function opener(mark: Mark): string {
  switch (mark.type.name) {
    case "link":
      return "[";
    case "foreignLanguage": {
      // Markdown has no syntax for a language: inline HTML, which Markdown allows and keeps.
      const lang = foreignLanguageOf(mark.attrs)!;
      return `<span lang="${escapeHtml(lang)}" dir="${directionOfLanguage(lang)}">`;
    }
    case "bold":
      return "**";
    // CriticMarkup, the plain-text convention for suggested changes.
    case "suggestInsert":
      return "{++";
    case "suggestDelete":
      return "{--";
    default:
      return "*";
  }
}

function closer(mark: Mark): string {
  switch (mark.type.name) {
    case "link":
      return `](${linkTarget(String(mark.attrs.href))})`;
    case "foreignLanguage":
      return "</span>";
    case "bold":
      return "**";
    case "suggestInsert":
      return "++}";
    case "suggestDelete":
      return "--}";
    default:
      return "*";
  }
}

/**
 * A text block's content as Markdown. Marks are opened and closed as a
 * stack across neighbouring text nodes (so "bold, then bold italic" is
 * `**a *b***`), and spaces are kept outside the delimiters, where
 * Markdown needs them to see emphasis.
 */
export function renderInlineMarkdown(block: ProseMirrorNode, options: { isHeading?: boolean } = {}): string {
  let out = "";
  const open: Mark[] = [];
  const closeTo = (depth: number) => {
    if (open.length <= depth) return;
    const trailing = /\s*$/.exec(out)![0];
    out = out.slice(0, out.length - trailing.length);
    while (open.length > depth) out += closer(open.pop()!);
    out += trailing;
  };
  block.forEach((child) => {
    const marks = child.isText ? exportedMarks(child.marks) : [];
    let common = 0;
    while (common < open.length && common < marks.length && open[common]!.eq(marks[common]!)) common++;
    if (child.type.name === "hardBreak") {
      closeTo(0);
      out += options.isHeading ? " " : "\\\n";
      return;
    }
    if (!child.isText) return;
    // A suggested paragraph break or join (lib/suggestions/marks.ts) shows as a pilcrow inside its CriticMarkup.
    let text = escapeMarkdown((child.text ?? "").replace(paragraphMarkers, "¶"));
    if (!text.trim()) {
      out += text;
      return;
    }
    closeTo(common);
    if (marks.length > common) {
      const leading = /^\s*/.exec(text)![0];
      out += leading;
      text = text.slice(leading.length);
      for (const mark of marks.slice(common)) {
        out += opener(mark);
        open.push(mark);
      }
    }
    out += text;
  });
  closeTo(0);
  return escapeLineStarts(out.trim());
}

const indent = (text: string, by: string, first: string) =>
  text
    .split("\n")
    .map((line, i) => (i === 0 ? first + line : line ? by + line : line))
    .join("\n");

/** The blocks of a container, joined; a list right after a paragraph in an item stays tight. */
function renderBlocks(parent: ProseMirrorNode, direction: BlockDirection): string {
  let out = "";
  parent.forEach((child) => {
    const block = renderBlockMarkdown(child, direction);
    if (!block) return;
    const isTightList = child.type.name.endsWith("List") && parent.type.name === "listItem";
    out += out ? (isTightList ? "\n" : "\n\n") + block : block;
  });
  return out;
}

/**
 * One body block as Markdown. A block whose direction differs from its
 * parent's (an Arabic quotation in an English article) is written as inline
 * HTML with `dir`, which Markdown passes through, so direction survives;
 * so is a block whose direction the writer set against its text.
 */
export function renderBlockMarkdown(node: ProseMirrorNode, parent: BlockDirection): string {
  if (isEmptyBlock(node)) return "";
  const own = directionOfBlock(node, parent);
  if (isDirectionWritten(node, own, parent)) return renderBlockHtml(node, parent);
  switch (node.type.name) {
    case "paragraph":
      return renderInlineMarkdown(node);
    case "heading":
      return `${"#".repeat(Number(node.attrs.level))} ${renderInlineMarkdown(node, { isHeading: true })}`;
    case "blockquote":
      return renderBlocks(node, own)
        .split("\n")
        .map((line) => (line ? `> ${line}` : ">"))
        .join("\n");
    case "bulletList":
    case "orderedList": {
      const start = Number(node.attrs.start ?? 1);
      const items: string[] = [];
      let isLoose = false;
      node.forEach((item, _offset, index) => {
        const marker = node.type.name === "bulletList" ? "- " : `${start + index}. `;
        const content = renderBlocks(item, directionOfBlock(item, own));
        isLoose ||= content.includes("\n\n");
        items.push(indent(content, " ".repeat(marker.length), marker));
      });
      return items.join(isLoose ? "\n\n" : "\n");
    }
    default:
      return renderBlocks(node, own);
  }
}

/**
 * The article as Markdown: the headline as `# `, the standfirst as an
 * emphasized paragraph (not `> `, which the body's quotations use), then
 * the body. Right-to-left headline, standfirst or blocks become inline HTML
 * with `dir="rtl"`; language phrases become `<span lang dir>`. With
 * `comments`, a "Comments" section follows the article.
 */
export function renderArticleMarkdown(content: ArticleContent, options: { comments?: ExportedThread[] } = {}): string {
  const parts: string[] = [];
  const { headline, standfirst } = content;
  if (headline) {
    parts.push(detectDirection(headline) === "rtl" ? `<h1 dir="rtl">${escapeHtml(headline)}</h1>` : `# ${escapeMarkdown(headline)}`);
  }
  if (standfirst) {
    parts.push(
      detectDirection(standfirst) === "rtl"
        ? `<p dir="rtl"><em>${escapeHtml(standfirst)}</em></p>`
        : `*${escapeLineStarts(escapeMarkdown(standfirst))}*`,
    );
  }
  content.body.forEach((block) => {
    const markdown = renderBlockMarkdown(block, documentDirection);
    if (markdown) parts.push(markdown);
  });
  const comments = options.comments ? renderCommentsMarkdown(options.comments) : "";
  if (comments) parts.push(comments.trimEnd());
  return `${parts.join("\n\n")}\n`;
}
