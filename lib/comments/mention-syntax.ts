/**
 * Mentions are written `@[Display Name](userId)`: the composer inserts them,
 * the id makes them unambiguous (two people may share a name), and a
 * renderer shows "@Display Name". Anything else starting with "@" is plain
 * text. The server keeps the markup only for people who may be mentioned on
 * the article (lib/comments/mentions.ts).
 */
const mentionPattern = /@\[([^\]\n]{1,120})\]\(([A-Za-z0-9_-]{1,64})\)/g;

/** The mentions in a body, in order, with where each one's markup stands. */
export function findMentions(body: string): { index: number; length: number; name: string; id: string }[] {
  return [...body.matchAll(mentionPattern)].map((match) => ({ index: match.index, length: match[0].length, name: match[1]!, id: match[2]! }));
}

/** The distinct user ids mentioned in a body, in order of first mention. */
export function parseMentionIds(body: string): string[] {
  return [...new Set(findMentions(body).map((mention) => mention.id))];
}

/** A name as a mention may hold it: brackets and line breaks would end the markup early. */
export const mentionName = (name: string): string => name.replace(/[[\]\n]/g, " ").replace(/\s+/g, " ").trim().slice(0, 120);

/** The markup of a mention of this person. */
export const mentionMarkup = (person: { id: string; name: string }): string => `@[${mentionName(person.name)}](${person.id})`;

/** Each mention in the body replaced by what `replace` answers for its name and id. */
export const replaceMentions = (body: string, replace: (name: string, id: string) => string): string =>
  body.replace(mentionPattern, (_all, name: string, id: string) => replace(name, id));

/** The body as a reader sees it: each mention as "@Display Name". */
export const mentionsAsNames = (body: string): string => replaceMentions(body, (name) => `@${name}`);
