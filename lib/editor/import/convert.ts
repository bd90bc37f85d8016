import { DOMParser as ProseMirrorDOMParser, type Node as ProseMirrorNode } from "@tiptap/pm/model";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import mammoth from "mammoth";
import { marked } from "marked";
import * as Y from "yjs";
import { articleFields } from "../../docs/text";
import { articleSchema } from "../export/article-content";
import { sanitizeHtmlToElement } from "../paste";
import { withServerDom } from "../server-dom";
import type { ImportFormat } from "./limits";

export type { ImportFormat };

/**
 * An imported file as an article: the first h1 (or, without one, the first heading of any level) is the
 * headline, the paragraph right after it the standfirst.
 */
export interface ImportedArticle {
  headline: string;
  standfirst: string;
  /** ProseMirror JSON of the body in the article schema. */
  body: Record<string, unknown>;
}

// Word's "Title" is a headline and its quote styles are quotations; mammoth maps headings by itself.
const docxStyleMap = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
];

/** A Markdown (CommonMark + GFM) or .docx file as HTML; untrusted HTML, for sanitizePastedHtml. */
export async function fileToHtml(format: ImportFormat, bytes: Uint8Array): Promise<string> {
  if (format === "markdown") {
    const text = new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, "");
    return marked.parse(text, { async: false, gfm: true });
  }
  const result = await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
    // Images are dropped by the sanitizer: never read their bytes; never follow links to files outside.
    { styleMap: docxStyleMap, externalFileAccess: false, convertImage: mammoth.images.imgElement(async () => ({ src: "" })) },
  );
  return result.value;
}

const lineText = (element: Element) => (element.textContent ?? "").replace(/\s+/g, " ").trim();

/**
 * Cleans converted HTML with the paste sanitizer (so an import holds exactly
 * what a paste may), takes the headline and standfirst out, and parses the
 * rest with the editor's schema, further h1s becoming sections.
 */
export function htmlToArticle(html: string): ImportedArticle {
  return withServerDom((parser) => {
    const body = sanitizeHtmlToElement(html, { parser, topHeading: 1 });
    let headline = "";
    let standfirst = "";
    // The first h1; failing that the first heading of any level (many exports keep # for the site's name).
    const headings = [...body.children].filter((element) => /^H[1-6]$/.test(element.tagName));
    const title = headings.find((element) => element.tagName === "H1") ?? headings[0];
    if (title) {
      headline = lineText(title);
      const next = title.nextElementSibling;
      if (next?.tagName === "P") {
        standfirst = lineText(next);
        next.remove();
      }
      title.remove();
    }
    for (const extra of [...body.querySelectorAll("h1")]) {
      const section = body.ownerDocument.createElement("h2");
      section.append(...extra.childNodes);
      extra.replaceWith(section);
    }
    const doc: ProseMirrorNode = ProseMirrorDOMParser.fromSchema(articleSchema()).parse(body as unknown as globalThis.Node);
    // Nothing but the empty paragraph the schema insists on: leave the body empty so the article gets its template.
    const isEmpty = doc.childCount === 1 && doc.firstChild!.isTextblock && doc.firstChild!.childCount === 0;
    return { headline, standfirst, body: isEmpty ? { type: "doc", content: [] } : doc.toJSON() };
  });
}

/** Every empty text block gets an empty Y.XmlText, as the editor gives its own (see lib/editor/text-anchors.ts). */
function anchorEmptyTextblocks(parent: Y.XmlFragment | Y.XmlElement): void {
  for (const child of parent.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    if (articleSchema().nodes[child.nodeName]?.isTextblock) {
      if (child.length === 0) child.insert(0, [new Y.XmlText()]);
    } else {
      anchorEmptyTextblocks(child);
    }
  }
}

/** The imported article as one Yjs update of a whole new article document (lib/docs/text.ts's layout). */
export function buildArticleUpdate(article: ImportedArticle): Uint8Array {
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      doc.getText(articleFields.headline).insert(0, article.headline);
      doc.getText(articleFields.standfirst).insert(0, article.standfirst);
      const body = doc.getXmlFragment(articleFields.body);
      prosemirrorJSONToYXmlFragment(articleSchema(), article.body, body);
      anchorEmptyTextblocks(body);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
