import { mentionsUser } from "./body-segments";
import type { Thread } from "./comments-store";

export const threadFilters = {
  open: "Open",
  resolved: "Resolved",
  mine: "Mine",
  mentions: "Mentioning me",
  all: "All",
} as const;
export type ThreadFilter = keyof typeof threadFilters;

/** Whether a thread shows under a filter; "mine" and "mentions" look at the thread's every comment. */
export function matchesFilter(thread: Thread, filter: ThreadFilter, userId: string): boolean {
  const comments = [thread, ...thread.replies].filter((comment) => !comment.deleted);
  switch (filter) {
    case "open":
      return !thread.resolved;
    case "resolved":
      return thread.resolved;
    case "mine":
      return [thread, ...thread.replies].some((comment) => comment.author.id === userId);
    case "mentions":
      return comments.some((comment) => mentionsUser(comment.body, userId));
    case "all":
      return true;
  }
}
