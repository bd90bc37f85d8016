import * as Y from "yjs";

/**
 * Is this type still part of the document? Not when it, or any element
 * around it, was deleted: y-prosemirror deletes a paragraph's Y.XmlText when
 * the paragraph is merged into the one before, split, or turned into a
 * heading or quote, and writes its text anew elsewhere. A relative position
 * into the old text still "resolves" (to where it was), but to nothing a
 * reader can see.
 */
export function isLiveType(type: Y.AbstractType<unknown>): boolean {
  for (let item = type._item; item !== null; item = (item.parent as Y.AbstractType<unknown>)._item) {
    if (item.deleted) return false;
  }
  return true;
}

/** Where a relative position points now, or null when that text is no longer in the document. */
export function resolveLivePosition(doc: Y.Doc, position: Y.RelativePosition): Y.AbsolutePosition | null {
  const absolute = Y.createAbsolutePositionFromRelativePosition(position, doc);
  return absolute && isLiveType(absolute.type as Y.AbstractType<unknown>) ? absolute : null;
}
