import { commentBodyText } from "../comments/body-segments";

const actionLabels: Record<string, string> = {
  "user.create": "Added user",
  "user.set-role": "Changed role",
  "user.disable": "Disabled user",
  "user.enable": "Enabled user",
  "user.reset-password": "Reset password",
  "article.create": "Created article",
  "article.share": "Shared article",
  "article.import": "Imported article",
  "article.word_target": "Set word target",
  "comment.create": "Commented",
  "comment.reply": "Replied to a comment",
  "comment.edit": "Edited comment",
  "comment.delete": "Deleted comment",
  "comment.reanchor": "Moved comment",
  "comment.resolve": "Resolved thread",
  "comment.reopen": "Reopened thread",
};

/** Words for an audit action; an action this version does not know shows as recorded. */
export function actionLabel(action: string): string {
  return actionLabels[action] ?? action;
}

export interface ChangeLine {
  key: string;
  before?: string;
  after?: string;
}

const show = (value: unknown): string =>
  typeof value === "string" ? value : value === null ? "none" : JSON.stringify(value);

// A comment body stores mentions as @[Name](userId); the log shows them as a reader saw them.
const showField = (key: string, value: unknown): string =>
  key === "body" && typeof value === "string" ? commentBodyText(value) : show(value);

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/**
 * before/after JSON as one line per field: "role writer → reviewer", or just
 * the value for a creation or a field that stayed the same (it says who or
 * what the change was about, e.g. the member of a share).
 */
export function describeChange(before: unknown, after: unknown): ChangeLine[] {
  const was = asRecord(before);
  const now = asRecord(after);
  if (!was && !now) {
    if (before === null && after === null) return [];
    return [{ key: "value", before: before == null ? undefined : show(before), after: after == null ? undefined : show(after) }];
  }
  const keys = [...new Set([...Object.keys(was ?? {}), ...Object.keys(now ?? {})])];
  return keys.map((key) => {
    const beforeValue = was && key in was ? showField(key, was[key]) : undefined;
    const afterValue = now && key in now ? showField(key, now[key]) : undefined;
    if (beforeValue !== undefined && beforeValue === afterValue) return { key, after: afterValue };
    return { key, before: beforeValue, after: afterValue };
  });
}
