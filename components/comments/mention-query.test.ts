import { describe, expect, it } from "vitest";
import { findMentionQuery, insertMention } from "./mention-query";

describe("mention autocomplete", () => {
  it("notices an @name being typed at the caret, and only there", () => {
    expect(findMentionQuery("Ask @Tom", 8)).toEqual({ start: 4, query: "Tom" });
    expect(findMentionQuery("@", 1)).toEqual({ start: 0, query: "" });
    // An email address is not a mention, nor is an @word the caret has left.
    expect(findMentionQuery("mail desk@example.org", 21)).toBeNull();
    expect(findMentionQuery("Ask @Tom now", 12)).toBeNull();
  });

  it("replaces the typed @name with the mention and puts the caret after it", () => {
    const result = insertMention("Ask @To please", { start: 4, end: 7 }, { id: "u1", name: "Tomas Reyes" });
    expect(result.text).toBe("Ask @[Tomas Reyes](u1)  please");
    expect(result.caret).toBe("Ask @[Tomas Reyes](u1) ".length);
  });

  it("keeps brackets in a name from ending the mention early", () => {
    expect(insertMention("@", { start: 0, end: 1 }, { id: "u2", name: "Ana [desk]" }).text).toBe("@[Ana desk](u2) ");
  });
});
