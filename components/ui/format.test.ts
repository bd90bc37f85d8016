import { describe, expect, it } from "vitest";
import { formatExact, formatRelative, withIndefiniteArticle } from "./format";

const now = Date.parse("2026-03-10T12:00:00.000Z");
const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

describe("formatRelative", () => {
  it.each([
    [10, "just now"],
    [50, "1 minute ago"],
    [5 * 60, "5 minutes ago"],
    [3 * 3600, "3 hours ago"],
    [26 * 3600, "yesterday"],
    [4 * 24 * 3600, "4 days ago"],
    [15 * 24 * 3600, "2 weeks ago"],
    [400 * 24 * 3600, "last year"],
  ])("%i seconds ago reads %s", (seconds, expected) => {
    expect(formatRelative(ago(seconds), now)).toBe(expected);
  });

  it("leaves an unreadable timestamp as it is rather than inventing a time", () => {
    expect(formatRelative("not a date", now)).toBe("not a date");
  });
});

describe("formatExact", () => {
  it("names the clock it uses", () => {
    expect(formatExact("2026-03-10T09:05:00.000Z")).toBe("10 Mar 2026, 09:05 UTC");
  });
});

describe("withIndefiniteArticle", () => {
  it("says an editor, an admin, but a writer and a reviewer", () => {
    expect(["editor", "admin", "author", "writer", "reviewer"].map(withIndefiniteArticle)).toEqual([
      "an editor",
      "an admin",
      "an author",
      "a writer",
      "a reviewer",
    ]);
  });
});
