import { getSchema } from "@tiptap/core";
import { Fragment, type Node as ProseMirrorNode, type Schema } from "@tiptap/pm/model";
import { yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import type * as Y from "yjs";
import { articleFields } from "../../docs/text";
import { suggestDelete, suggestInsert } from "../../suggestions/marks";
import { acceptedText } from "../../suggestions/accepted";
import { directionalBlockTypes } from "../block-direction";
import { detectDirection, parseDirection, type TextDirection } from "../direction";
import { articleExtensions } from "../extensions";

let schema: Schema | undefined;

/** The article body's ProseMirror schema: the editor's own extensions, built once. */
export function articleSchema(): Schema {
  return (schema ??= getSchema(articleExtensions()));
}

/** An article as export renders it: plain headline and standfirst, and the body as a ProseMirror document. */
export interface ArticleContent {
  headline: string;
  standfirst: string;
  body: ProseMirrorNode;
}

/**
 * Reads the three parts of an article's Y.Doc (see lib/docs/text.ts for its
 * layout): the accepted text, or with `withSuggestions` the body as it
 * stands with its open suggestions marked (the headline and standfirst are
 * always their accepted text).
 */
export function readArticleContent(doc: Y.Doc, options: { withSuggestions?: boolean } = {}): ArticleContent {
  const body = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(articleFields.body), articleSchema());
  return {
    headline: acceptedText(doc.getText(articleFields.headline)).trim(),
    standfirst: acceptedText(doc.getText(articleFields.standfirst)).trim(),
    body: options.withSuggestions ? body : acceptedBody(body),
  };
}

/** The body without what is only suggested: proposed insertions left out, proposed deletions kept as plain text. */
export function acceptedBody(node: ProseMirrorNode): ProseMirrorNode {
  if (node.isText) {
    if (node.marks.some((mark) => mark.type.name === suggestInsert)) return null as unknown as ProseMirrorNode;
    return node.mark(node.marks.filter((mark) => mark.type.name !== suggestDelete));
  }
  if (node.isLeaf) return node;
  const children: ProseMirrorNode[] = [];
  node.forEach((child) => {
    const kept = acceptedBody(child);
    if (kept) children.push(kept);
  });
  return node.copy(Fragment.from(children));
}

/** A block's direction in the export, and whether a writer's override fixed it for everything inside. */
export interface BlockDirection {
  dir: TextDirection;
  isFixed: boolean;
}

export const documentDirection: BlockDirection = { dir: "ltr", isFixed: false };

/**
 * The direction a block is shown in, by the editor's rule (lib/editor/block-direction.ts):
 * a writer's override wins and holds for what the block contains; otherwise
 * the block's own text decides, and text without letters inherits.
 */
export function directionOfBlock(node: ProseMirrorNode, parent: BlockDirection): BlockDirection {
  if (parent.isFixed) return parent;
  const override = parseDirection(node.attrs.dir);
  if (override) return { dir: override, isFixed: true };
  if (!directionalBlockTypes.includes(node.type.name)) return { dir: parent.dir, isFixed: false };
  return { dir: detectDirection(node.textContent) ?? parent.dir, isFixed: false };
}

/**
 * Whether an export writes a block's `dir`: where it differs from its
 * parent's, and where the writer's override says what the block's text does
 * not (a mostly Arabic paragraph forced left-to-right), or an import would
 * read it the other way again. The paste sanitizer keeps `dir` by the same rule.
 */
export function isDirectionWritten(node: ProseMirrorNode, own: BlockDirection, parent: BlockDirection): boolean {
  if (own.dir !== parent.dir) return true;
  return own.isFixed && !parent.isFixed && (detectDirection(node.textContent) ?? parent.dir) !== own.dir;
}

/** Text blocks with nothing in them (the template's empty paragraph) are left out of exports. */
export const isEmptyBlock = (node: ProseMirrorNode) => node.isTextblock && node.childCount === 0;
