import type { Mark, Node as ProseMirrorNode } from "@tiptap/pm/model";
import { detectDirection, directionOfLanguage } from "../direction";
import { foreignLanguageOf } from "../foreign-language";
import { paragraphBreak, paragraphJoin } from "../../suggestions/marks";
import { isAllowedHref } from "../links";
import {
  directionOfBlock,
  documentDirection,
  isDirectionWritten,
  isEmptyBlock,
  type ArticleContent,
  type BlockDirection,
} from "./article-content";
import { renderCommentsHtml, type ExportedThread } from "./comments";

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Outermost first, so a link's words can be bold inside it and a phrase's language wraps its formatting. */
const markOrder = ["suggestInsert", "suggestDelete", "link", "foreignLanguage", "bold", "italic"];

/** A text node's marks that export keeps, outermost first (links with a refused scheme are dropped). */
export function exportedMarks(marks: readonly Mark[]): Mark[] {
  return marks
    .filter((mark) => markOrder.includes(mark.type.name))
    .filter((mark) => mark.type.name !== "link" || isAllowedHref(mark.attrs.href))
    .filter((mark) => mark.type.name !== "foreignLanguage" || foreignLanguageOf(mark.attrs) !== null)
    .sort((a, b) => markOrder.indexOf(a.type.name) - markOrder.indexOf(b.type.name));
}

function openTag(mark: Mark): string {
  switch (mark.type.name) {
    case "link":
      return `<a href="${escapeHtml(String(mark.attrs.href).trim())}">`;
    case "foreignLanguage": {
      const lang = foreignLanguageOf(mark.attrs)!;
      return `<span lang="${escapeHtml(lang)}" dir="${directionOfLanguage(lang)}">`;
    }
    case "bold":
      return "<strong>";
    case "suggestInsert":
      return "<ins>";
    case "suggestDelete":
      return "<del>";
    default:
      return "<em>";
  }
}

const closeTags: Record<string, string> = { suggestInsert: "</ins>", suggestDelete: "</del>", link: "</a>", foreignLanguage: "</span>", bold: "</strong>", italic: "</em>" };

/** Suggested paragraph breaks and joins (lib/suggestions/marks.ts) as a reader sees them in the editor: a pilcrow that ends the line, a struck one. */
const showParagraphMarkers = (html: string) => html.replaceAll(paragraphBreak, "¶<br>").replaceAll(paragraphJoin, "<del>¶</del>");

/** A text block's content as HTML. */
export function renderInlineHtml(block: ProseMirrorNode): string {
  let html = "";
  block.forEach((child) => {
    if (child.type.name === "hardBreak") {
      html += "<br>";
      return;
    }
    if (!child.isText) return;
    const marks = exportedMarks(child.marks);
    html += marks.map(openTag).join("") + showParagraphMarkers(escapeHtml(child.text ?? ""));
    html += marks.map((mark) => closeTags[mark.type.name]).reverse().join("");
  });
  return html;
}

const dirAttribute = (node: ProseMirrorNode, own: BlockDirection, parent: BlockDirection) =>
  isDirectionWritten(node, own, parent) ? ` dir="${own.dir}"` : "";

/** One body block (and what it contains) as HTML, with `dir` wherever its direction differs from its parent's or was set by the writer. */
export function renderBlockHtml(node: ProseMirrorNode, parent: BlockDirection): string {
  if (isEmptyBlock(node)) return "";
  const own = directionOfBlock(node, parent);
  const dir = dirAttribute(node, own, parent);
  const children = () => {
    const parts: string[] = [];
    node.forEach((child) => parts.push(renderBlockHtml(child, own)));
    return parts.filter(Boolean).join("");
  };
  switch (node.type.name) {
    case "paragraph":
      return `<p${dir}>${renderInlineHtml(node)}</p>`;
    case "heading":
      return `<h${node.attrs.level}${dir}>${renderInlineHtml(node)}</h${node.attrs.level}>`;
    case "blockquote":
      return `<blockquote${dir}>${children()}</blockquote>`;
    case "bulletList":
      return `<ul${dir}>${children()}</ul>`;
    case "orderedList": {
      const start = Number(node.attrs.start ?? 1);
      return `<ol${dir}${start !== 1 ? ` start="${start}"` : ""}>${children()}</ol>`;
    }
    case "listItem":
      return `<li${dir}>${children()}</li>`;
    default:
      return children();
  }
}

/** A plain-text line (headline, standfirst) as an element with its own detected direction. */
function textElement(tag: string, text: string, attributes = ""): string {
  const dir = detectDirection(text) === "rtl" ? ' dir="rtl"' : "";
  return `<${tag}${attributes}${dir}>${escapeHtml(text)}</${tag}>`;
}

const stylesheet = [
  "body{font:1.125rem/1.6 Georgia,'Times New Roman',serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}",
  "h1{font-size:2rem;line-height:1.2}",
  ".standfirst{font-size:1.25rem;color:#444}",
  "blockquote{margin-inline:0;padding-inline-start:1rem;border-inline-start:3px solid #ccc}",
  ".comments{margin-top:3rem;padding-top:1rem;border-top:1px solid #ccc;font-size:1rem}",
  ".comments .meta{margin-bottom:0;color:#444}",
].join("");

/**
 * The article as a standalone HTML document: `<article>` with the headline
 * as `<h1>`, the standfirst as `<p class="standfirst">` and the body, right-to-left
 * blocks and language phrases marked with `dir` and `lang`. No scripts; one small stylesheet.
 * With `comments`, a "Comments" section follows the article.
 */
export function renderArticleHtml(content: ArticleContent, options: { comments?: ExportedThread[] } = {}): string {
  const comments = options.comments ? renderCommentsHtml(options.comments) : "";
  const parts: string[] = [];
  if (content.headline) parts.push(textElement("h1", content.headline));
  if (content.standfirst) parts.push(textElement("p", content.standfirst, ' class="standfirst"'));
  content.body.forEach((block) => {
    const html = renderBlockHtml(block, documentDirection);
    if (html) parts.push(html);
  });
  return [
    "<!doctype html>",
    "<html>",
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(content.headline || "Untitled article")}</title>`,
    `<style>${stylesheet}</style>`,
    "</head>",
    "<body>",
    "<article>",
    ...parts,
    "</article>",
    ...(comments ? [comments] : []),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
