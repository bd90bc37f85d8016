/** A thread card as the sidebar places it: where its passage is, and how tall the card is. */
export interface LayoutItem {
  id: string;
  /** The passage's top relative to the sidebar, or null for a thread with no passage in the text (placed last). */
  desiredTop: number | null;
  height: number;
}

/**
 * Places thread cards beside their passages without overlap: in passage
 * order, each card as near its passage as the one above allows. The focused
 * card, when given, sits exactly beside its passage and pushes the cards
 * above it upwards (never above 0) instead of being pushed down itself.
 */
export function layoutThreads(items: LayoutItem[], gap: number, focusedId: string | null = null): Map<string, number> {
  const ordered = items
    .map((item, index) => ({ ...item, index }))
    .sort((a, b) => {
      if (a.desiredTop === null || b.desiredTop === null) {
        return a.desiredTop === b.desiredTop ? a.index - b.index : a.desiredTop === null ? 1 : -1;
      }
      return a.desiredTop - b.desiredTop || a.index - b.index;
    });
  const tops = ordered.map((item) => Math.max(0, item.desiredTop ?? 0));

  const anchorIndex = ordered.findIndex((item) => item.id === focusedId && item.desiredTop !== null);
  // Upwards from the focused card: each card above ends a gap before the next one starts.
  if (anchorIndex > 0) {
    for (let i = anchorIndex - 1; i >= 0; i--) {
      tops[i] = Math.min(tops[i]!, tops[i + 1]! - gap - ordered[i]!.height);
    }
    const overshoot = -Math.min(0, tops[0]!);
    for (let i = 0; i <= anchorIndex; i++) tops[i]! += overshoot;
  }
  // Downwards: nothing overlaps the card above it.
  for (let i = 1; i < ordered.length; i++) {
    const below = tops[i - 1]! + ordered[i - 1]!.height + gap;
    if (ordered[i]!.desiredTop === null || tops[i]! < below) tops[i] = below;
  }
  return new Map(ordered.map((item, i) => [item.id, tops[i]!]));
}
