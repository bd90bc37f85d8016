/** A rectangle in CSS pixels; DOMRect has this shape. */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Where the overlay's own box starts, in the same (viewport) coordinates as the rectangles measured. */
export interface Origin {
  left: number;
  top: number;
}

/** How close two fragments on one line must be to count as touching (subpixel text layout leaves slivers). */
const touching = 0.5;

/**
 * The caret bar for a collapsed range's rectangle, in the overlay's
 * coordinates: `width` wide and centred on the caret's edge, as tall as the
 * line's letters. Null when the browser laid nothing out (a hidden field).
 */
export function caretBox(rects: readonly Box[], origin: Origin, width = 2): Box | null {
  const rect = rects[0];
  if (!rect) return null;
  return { left: rect.left - origin.left - width / 2, top: rect.top - origin.top, width, height: rect.height };
}

/**
 * The rectangles to tint for a selection, in the overlay's coordinates, from
 * the range's client rectangles: the empty fragments a range reports where a
 * line wraps are dropped, and fragments that touch on one line (left-to-right
 * and right-to-left runs of mixed text) become one, so translucent tints
 * never overlap into a darker stripe.
 */
export function selectionBoxes(rects: readonly Box[], origin: Origin): Box[] {
  const boxes: Box[] = [];
  const fragments = rects
    .filter((rect) => rect.width >= touching && rect.height > 0)
    .map((rect) => ({ left: rect.left - origin.left, top: rect.top - origin.top, width: rect.width, height: rect.height }))
    .sort((a, b) => a.top - b.top || a.left - b.left);
  for (const fragment of fragments) {
    const line = boxes.find((box) => isSameLine(box, fragment) && fragment.left <= box.left + box.width + touching);
    if (!line) {
      boxes.push(fragment);
      continue;
    }
    const right = Math.max(line.left + line.width, fragment.left + fragment.width);
    line.width = right - line.left;
  }
  return boxes;
}

const isSameLine = (a: Box, b: Box) => Math.abs(a.top - b.top) < touching && Math.abs(a.height - b.height) < touching;
