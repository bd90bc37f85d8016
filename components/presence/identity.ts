/**
 * Colours for people in an article: dark enough for white initials and
 * caret labels (WCAG AA against white text), distinct from one another, and
 * always six-digit hex (the caret extension refuses anything else).
 */
export const presenceColors = [
  "#b4232a",
  "#a34d00",
  "#7a6200",
  "#2d7a32",
  "#00736a",
  "#0369a1",
  "#1d4ed8",
  "#6d28d9",
  "#a21caf",
  "#9d174d",
  "#0e7490",
  "#7c2d12",
] as const;

/** The same person gets the same colour on every screen and every visit. */
export function colorForUser(userId: string): string {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (Math.imul(hash, 31) + userId.charCodeAt(i)) | 0;
  return presenceColors[Math.abs(hash) % presenceColors.length]!;
}

/** One or two letters for an avatar: first and last word of the name ("Ada Lovelace" → "AL"). */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  const first = Array.from(words[0]!)[0] ?? "";
  const last = words.length > 1 ? (Array.from(words.at(-1)!)[0] ?? "") : "";
  return (first + last).toLocaleUpperCase();
}
