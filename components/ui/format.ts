import type { ArticleStatus, MemberRole, Role } from "@/lib/db/schema";

export const statusLabels: Record<ArticleStatus, string> = {
  draft: "Draft",
  in_review: "In review",
  changes_requested: "Changes requested",
  approved: "Approved",
  published: "Published",
  archived: "Archived",
};

export const roleLabels: Record<Role, string> = {
  admin: "Admin",
  editor: "Editor",
  writer: "Writer",
  reviewer: "Reviewer",
};

export const memberRoleLabels: Record<MemberRole | "owner", string> = {
  owner: "Owner",
  author: "Author",
  reviewer: "Reviewer",
};

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "just now", "5 minutes ago", "yesterday", "3 weeks ago". */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  if (Number.isNaN(seconds)) return iso;
  if (Math.abs(seconds) < 45) return "just now";
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  // 45–59 seconds: closer to a minute than to "just now".
  return relative.format(seconds < 0 ? -1 : 1, "minute");
}

// The server renders times; UTC says plainly which clock it is.
const exact = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

/** "26 Nov 2025, 14:03 UTC" */
export function formatExact(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${exact.format(date)} UTC`;
}

/** "an editor", "a writer": the article English wants before a role word. */
export function withIndefiniteArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? "an" : "a"} ${word}`;
}
