/**
 * A comment body is plain text with two kinds of live parts: links
 * (http, https and mailto only) and mentions written `@[Display Name](userId)`.
 * This splits a body into segments the renderer turns into React elements,
 * so no part of a body ever reaches the page as HTML.
 */
export type BodySegment =
  | { kind: "text"; text: string }
  | { kind: "link"; text: string; href: string }
  | { kind: "mention"; name: string; userId: string };

// The same shape lib/comments/mentions.ts parses on the server.
const mentionSource = String.raw`@\[([^\]\n]{1,120})\]\(([A-Za-z0-9_-]{1,64})\)`;
const linkSource = String.raw`(?:https?:\/\/|mailto:)[^\s<>"]+`;
const partPattern = new RegExp(`${mentionSource}|${linkSource}`, "gi");

/** Punctuation that ends a sentence rather than the link ("see https://x.org."). */
const trailingPunctuation = /[.,;:!?'"»)\]]+$/;

/** A URL the page may link to: only these schemes, and a well-formed URL. */
export function safeHref(candidate: string): string | null {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:" && url.protocol !== "mailto:") return null;
  if (url.protocol !== "mailto:" && !url.hostname) return null;
  return url.href;
}

export function parseCommentBody(body: string): BodySegment[] {
  const segments: BodySegment[] = [];
  const pushText = (text: string) => {
    if (!text) return;
    const last = segments.at(-1);
    if (last?.kind === "text") last.text += text;
    else segments.push({ kind: "text", text });
  };
  let cursor = 0;
  for (const match of body.matchAll(partPattern)) {
    const index = match.index;
    pushText(body.slice(cursor, index));
    cursor = index + match[0].length;
    if (match[1] !== undefined && match[2] !== undefined) {
      segments.push({ kind: "mention", name: match[1], userId: match[2] });
      continue;
    }
    // Punctuation right after a link almost always ends the sentence or the bracket around it.
    let text = match[0];
    const trailing = trailingPunctuation.exec(text)?.[0] ?? "";
    if (trailing) {
      text = text.slice(0, -trailing.length);
      cursor -= trailing.length;
    }
    const href = safeHref(text);
    if (href && !/^(?:mailto:|https?:\/\/)$/i.test(text)) segments.push({ kind: "link", text, href });
    else pushText(text);
  }
  pushText(body.slice(cursor));
  return segments;
}

/** The body as someone reads it aloud or in a notification: mentions as "@Name". */
export function commentBodyText(body: string): string {
  return parseCommentBody(body)
    .map((segment) => (segment.kind === "mention" ? `@${segment.name}` : segment.text))
    .join("");
}

/** Whether this body mentions the user. */
export const mentionsUser = (body: string, userId: string): boolean =>
  parseCommentBody(body).some((segment) => segment.kind === "mention" && segment.userId === userId);
