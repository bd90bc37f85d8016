import { describe, expect, it } from "vitest";
import { countWordChanges, wordDiff } from "./word-diff";

describe("countWordChanges", () => {
  it("counts words typed into and deleted from a line", () => {
    expect(countWordChanges("Ships return on Monday.", "Ships return early on Monday.")).toEqual({ added: 1, removed: 0 });
    expect(countWordChanges("Ships return early on Monday.", "Ships return on Monday.")).toEqual({ added: 0, removed: 1 });
    expect(countWordChanges("Fares rise.", "Fares fall.")).toEqual({ added: 1, removed: 1 });
  });

  it("counts whole lines added and removed, and leaves unchanged lines out", () => {
    const before = "Headline\n\nOne two three.\nFour five.";
    expect(countWordChanges(before, "Headline\n\nOne two three.\nNew line here.\nFour five.")).toEqual({ added: 3, removed: 0 });
    expect(countWordChanges(before, "Headline\n\nFour five.")).toEqual({ added: 0, removed: 3 });
    expect(countWordChanges("", "A new article")).toEqual({ added: 3, removed: 0 });
    expect(countWordChanges(before, before)).toEqual({ added: 0, removed: 0 });
  });

  it("pairs the edited lines of a stretch in order, like the compare pairs blocks", () => {
    const before = ["Alpha beta gamma.", "Delta epsilon zeta.", "Eta theta."].join("\n");
    const after = ["Alpha beta gamma delta.", "Delta zeta.", "Eta theta."].join("\n");
    expect(countWordChanges(before, after)).toEqual({ added: 1, removed: 1 });
  });

  it("counts Arabic words like any others", () => {
    expect(countWordChanges("قال أحد السكان", "قال أحد السكان اليوم")).toEqual({ added: 1, removed: 0 });
  });

  it("stays quick on a long text edited all over", () => {
    const paragraphs = Array.from({ length: 400 }, (_, i) => `Paragraph ${i} says the council will meet again on Tuesday to discuss the harbour.`);
    const edited = paragraphs.map((p, i) => (i % 2 ? p.replace("council", "new council") : p));
    expect(countWordChanges(paragraphs.join("\n"), edited.join("\n"))).toEqual({ added: 200, removed: 0 });
  });
});

describe("wordDiff", () => {
  it("answers pieces in reading order that rebuild both texts", () => {
    const ops = wordDiff("The ferry leaves at six.", "The last ferry leaves at seven.");
    expect(ops.filter((o) => o.op !== "insert").map((o) => o.text).join("")).toBe("The ferry leaves at six.");
    expect(ops.filter((o) => o.op !== "delete").map((o) => o.text).join("")).toBe("The last ferry leaves at seven.");
  });
});
