/**
 * A download's file name from the article's headline or title: lower-case
 * ASCII words joined by hyphens ("Council votes: 5–4!" → "council-votes-5-4"),
 * so it is safe in a Content-Disposition header on every system. Text with
 * no Latin letters or digits (an Arabic headline) falls back to `fallback`.
 */
export function slugFilename(text: string, fallback: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return slug || fallback;
}
