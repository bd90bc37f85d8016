/**
 * Mentions are written `@[Display Name](userId)`: the composer's autocomplete
 * inserts them, the id makes them unambiguous (two people may share a name),
 * and a renderer shows "@Display Name". Anything else starting with "@" is
 * plain text.
 */
const mentionPattern = /@\[([^\]\n]{1,120})\]\(([A-Za-z0-9_-]{1,64})\)/g;

/** The distinct user ids mentioned in a body, in order of first mention. */
export function parseMentionIds(body: string): string[] {
  const ids: string[] = [];
  for (const match of body.matchAll(mentionPattern)) {
    const id = match[2]!;
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** The body as a reader sees it: each mention as "@Display Name". */
export const mentionsAsNames = (body: string): string => body.replace(mentionPattern, "@$1");
