import * as Y from "yjs";
import { acceptedText, isSuggestedInsertion } from "../suggestions/accepted";

/** Names of the shared types inside an article's Y.Doc (the editor binds the same names). */
export const articleFields = {
  headline: "headline",
  standfirst: "standfirst",
  /** Tiptap's Collaboration extension binds this XmlFragment by default. */
  body: "default",
} as const;

/** Inline nodes that stand for a line break inside a paragraph. */
const lineBreakNodes = new Set(["hardBreak", "hard_break", "br"]);

/**
 * The article as plain text, for search and export: headline, standfirst and
 * then each block of the body, separated by blank lines. Formatting is dropped.
 */
export function renderPlainText(doc: Y.Doc): string {
  const headline = acceptedText(doc.getText(articleFields.headline)).trim();
  const standfirst = acceptedText(doc.getText(articleFields.standfirst)).trim();
  const blocks: string[] = [];
  collectBlocks(doc.getXmlFragment(articleFields.body), blocks);
  return [headline, standfirst, ...blocks].filter((part) => part.length > 0).join("\n\n");
}

type XmlNode = Y.XmlElement | Y.XmlText | Y.XmlHook;

/**
 * Walks ProseMirror's tree as y-prosemirror stores it: a node holding text
 * (a paragraph, a heading) is one block; a node holding only nodes (a list,
 * a blockquote) contributes its children's blocks.
 */
function collectBlocks(parent: Y.XmlFragment | Y.XmlElement, blocks: string[]): void {
  const children = parent.toArray() as XmlNode[];
  const isTextBlock = children.some((child) => child instanceof Y.XmlText);
  if (isTextBlock) {
    const text = inlineText(children).trim();
    if (text) blocks.push(text);
    return;
  }
  for (const child of children) {
    if (child instanceof Y.XmlElement) collectBlocks(child, blocks);
  }
}

function inlineText(children: XmlNode[]): string {
  let text = "";
  for (const child of children) {
    if (child instanceof Y.XmlText) {
      // toDelta, not toString: toString renders marks as XML tags.
      for (const op of child.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[]) {
        // A suggested insertion is not part of the article until it is accepted.
        if (typeof op.insert === "string" && !isSuggestedInsertion(op.attributes)) text += op.insert;
      }
    } else if (child instanceof Y.XmlElement) {
      text += lineBreakNodes.has(child.nodeName) ? "\n" : inlineText(child.toArray() as XmlNode[]);
    }
  }
  return text;
}
