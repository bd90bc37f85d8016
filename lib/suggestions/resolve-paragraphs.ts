import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { canJoin, canSplit, Transform } from "@tiptap/pm/transform";
import { updateYFragment } from "@tiptap/y-tiptap";
import type * as Y from "yjs";
import { articleFields } from "../docs/text";
import { readArticleContent } from "../editor/export/article-content";
import { paragraphBreak, paragraphJoin, parseSuggestionMark, suggestInsert } from "./marks";
import { articleTexts } from "./read";

/** Whether any of the suggestions holds a paragraph marker in the body, read from the Yjs texts directly. */
function hasMarkers(doc: Y.Doc, ids: ReadonlySet<string>): boolean {
  return articleTexts(doc).some(
    ({ field, text }) =>
      field === "body" &&
      (text.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[]).some((op) => {
        const mark = parseSuggestionMark(op.attributes?.[suggestInsert]);
        return mark !== null && ids.has(mark.id) && typeof op.insert === "string" && (op.insert.includes(paragraphBreak) || op.insert.includes(paragraphJoin));
      }),
  );
}

interface Marker {
  position: number;
  kind: "break" | "join";
}

/** The paragraph markers (lib/suggestions/marks.ts) of the given suggestions, in document order. */
function markersOf(body: ProseMirrorNode, ids: ReadonlySet<string>): Marker[] {
  const markers: Marker[] = [];
  body.descendants((node, position) => {
    if (!node.isText) return true;
    const mark = parseSuggestionMark(node.marks.find((candidate) => candidate.type.name === suggestInsert)?.attrs);
    if (!mark || !ids.has(mark.id)) return false;
    const text = node.text!;
    for (let index = 0; index < text.length; index++) {
      if (text[index] === paragraphBreak) markers.push({ position: position + index, kind: "break" });
      else if (text[index] === paragraphJoin) markers.push({ position: position + index, kind: "join" });
    }
    return false;
  });
  return markers;
}

/**
 * Accepting suggested paragraph breaks and joins: each marker goes, and its
 * paragraph is split there (a list item into two items, as Enter would) or
 * joined to the one before. Made on the body as ProseMirror sees it and
 * written back by y-prosemirror's comparison, so blocks it does not touch
 * keep their identity. The suggestions' text is left for the caller to
 * accept. A join that is no longer possible (the paragraph before is gone
 * or is not a paragraph) only loses its marker.
 */
export function acceptParagraphMarkers(doc: Y.Doc, ids: ReadonlySet<string>): void {
  // Most suggestions are words: the body is built as ProseMirror sees it only when one of these holds a marker.
  if (!hasMarkers(doc, ids)) return;
  const body = readArticleContent(doc, { withSuggestions: true }).body;
  const markers = markersOf(body, ids);
  if (markers.length === 0) return;
  const tr = new Transform(body);
  // From the end back: a change moves only what follows it.
  for (const { position, kind } of markers.reverse()) {
    tr.delete(position, position + 1);
    const $at = tr.doc.resolve(position);
    if (kind === "break") {
      const depth = $at.depth >= 2 && $at.node(-1).type.name === "listItem" && $at.index(-1) === 0 ? 2 : 1;
      if (canSplit(tr.doc, position, depth)) tr.split(position, depth);
      else if (canSplit(tr.doc, position)) tr.split(position);
    } else {
      const boundary = $at.before();
      if ($at.index(-1) > 0 && $at.node(-1).child($at.index(-1) - 1).isTextblock && canJoin(tr.doc, boundary)) tr.join(boundary);
    }
  }
  updateYFragment(doc, doc.getXmlFragment(articleFields.body), tr.doc, { mapping: new Map(), isOMark: new Map() });
}
