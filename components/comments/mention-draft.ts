import { findMentions, mentionMarkup, mentionName } from "@/lib/comments/mention-syntax";
import { diffText } from "@/lib/editor/text-diff";

/** A mention in the composer's text: "@Name" from `start` to `end`, standing for the user `id`. */
export interface DraftMention {
  start: number;
  end: number;
  id: string;
  name: string;
}

/**
 * A comment being written as the writer sees it: mentions show as "@Name";
 * which person each stands for is kept beside the text, and goes into the
 * stored markup `@[Name](id)` only when the comment is sent.
 */
export interface MentionDraft {
  text: string;
  mentions: readonly DraftMention[];
}

/** A stored body (a comment being edited) as the composer shows it. */
export function draftFromBody(body: string): MentionDraft {
  const mentions: DraftMention[] = [];
  let text = "";
  let cursor = 0;
  for (const { index, length, name, id } of findMentions(body)) {
    text += body.slice(cursor, index);
    mentions.push({ start: text.length, end: text.length + 1 + name.length, id, name });
    text += `@${name}`;
    cursor = index + length;
  }
  return { text: text + body.slice(cursor), mentions };
}

/**
 * The draft after the writer changed the field's text to `text` (the caret
 * at `caret` after the change): mentions the change touched become plain
 * text (a half-deleted name is not a mention), the others move with it.
 */
export function editDraft(draft: MentionDraft, text: string, caret: number): MentionDraft {
  const splice = diffText(draft.text, text, caret);
  if (!splice) return draft;
  const changedEnd = splice.index + splice.remove;
  const shift = splice.insert.length - splice.remove;
  const mentions = draft.mentions.flatMap((mention) => {
    if (mention.end <= splice.index) return [mention];
    if (mention.start >= changedEnd) return [{ ...mention, start: mention.start + shift, end: mention.end + shift }];
    return [];
  });
  return { text, mentions };
}

/** The typed "@query" from `range.start` to `range.end` replaced by a mention of the person, and the caret after it. */
export function insertMention(
  draft: MentionDraft,
  range: { start: number; end: number },
  person: { id: string; name: string },
): { draft: MentionDraft; caret: number } {
  const shown = `@${mentionName(person.name)}`;
  const inserted = `${shown} `;
  const text = draft.text.slice(0, range.start) + inserted + draft.text.slice(range.end);
  const moved = editDraft(draft, text, range.start + inserted.length);
  const mention = { start: range.start, end: range.start + shown.length, id: person.id, name: mentionName(person.name) };
  const mentions = [...moved.mentions, mention].sort((a, b) => a.start - b.start);
  return { draft: { text, mentions }, caret: range.start + inserted.length };
}

/** The body to send: the text with each mention in its markup. */
export function draftToBody(draft: MentionDraft): string {
  let body = "";
  let cursor = 0;
  for (const mention of draft.mentions) {
    body += draft.text.slice(cursor, mention.start) + mentionMarkup(mention);
    cursor = mention.end;
  }
  return body + draft.text.slice(cursor);
}
