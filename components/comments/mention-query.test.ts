import { describe, expect, it } from "vitest";
import { findMentionQuery } from "./mention-query";

describe("mention autocomplete", () => {
  it("notices an @name being typed at the caret, and only there", () => {
    expect(findMentionQuery("Ask @Tom", 8)).toEqual({ start: 4, query: "Tom" });
    expect(findMentionQuery("@", 1)).toEqual({ start: 0, query: "" });
    // An email address is not a mention, nor is an @word the caret has left.
    expect(findMentionQuery("mail desk@example.org", 21)).toBeNull();
    expect(findMentionQuery("Ask @Tom now", 12)).toBeNull();
  });
});
