import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { diffText, mapIndexThroughDelta, type TextDelta } from "./text-diff";

const applySplice = (text: string, splice: ReturnType<typeof diffText>) =>
  splice ? text.slice(0, splice.index) + splice.insert + text.slice(splice.index + splice.remove) : text;

describe("diffText", () => {
  it("finds a typed character, a deletion and a replaced selection", () => {
    expect(diffText("Council vote", "Council votes")).toEqual({ index: 12, remove: 0, insert: "s" });
    expect(diffText("Council votes", "Council vote")).toEqual({ index: 12, remove: 1, insert: "" });
    expect(diffText("The bridge closes", "The road closes")).toEqual({ index: 4, remove: 6, insert: "road" });
    expect(diffText("same", "same")).toBeNull();
  });

  it("never splits an emoji or a supplementary-plane letter", () => {
    expect(diffText("a😀b", "a😃b")).toEqual({ index: 1, remove: 2, insert: "😃" });
  });

  it("puts a letter typed into a run of equal letters where the caret says it was typed", () => {
    // "ab" → "abb": typed after the "a" (caret at 2) or after the "b" (caret at 3).
    expect(diffText("ab", "abb", 2)).toEqual({ index: 1, remove: 0, insert: "b" });
    expect(diffText("ab", "abb", 3)).toEqual({ index: 2, remove: 0, insert: "b" });
    // Backspace after the first of two spaces removes that one.
    expect(diffText("a  b", "a b", 1)).toEqual({ index: 1, remove: 1, insert: "" });
    expect(diffText("a😀😀", "a😀😀😀", 3)).toEqual({ index: 1, remove: 0, insert: "😀" });
  });

  it("turns any value into any other, whatever the caret", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string({ unit: "grapheme" }), fc.nat(), (before, after, caret) => {
        expect(applySplice(before, diffText(before, after, caret % (after.length + 1)))).toBe(after);
      }),
    );
  });

  it("turns any value into any other", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string({ unit: "grapheme" }), (before, after) => {
        expect(applySplice(before, diffText(before, after))).toBe(after);
      }),
    );
  });
});

describe("mapIndexThroughDelta", () => {
  /** The delta Yjs reports when `change` is applied to a Y.Text holding `initial`. */
  function deltaOf(initial: string, change: (text: Y.Text) => void): TextDelta {
    const doc = new Y.Doc();
    const text = doc.getText("headline");
    text.insert(0, initial);
    let delta: TextDelta = [];
    text.observe((event) => {
      delta = event.delta as TextDelta;
    });
    change(text);
    return delta;
  }

  it("moves a caret after a remote insertion and not before it", () => {
    const delta = deltaOf("Council votes", (text) => text.insert(0, "City "));
    expect(mapIndexThroughDelta(8, delta)).toBe(13);
    const later = deltaOf("Council votes", (text) => text.insert(13, " today"));
    expect(mapIndexThroughDelta(8, later)).toBe(8);
  });

  it("keeps a caret in front of text inserted exactly at it", () => {
    expect(mapIndexThroughDelta(7, deltaOf("Council votes", (text) => text.insert(7, " still")))).toBe(7);
  });

  it("pulls a caret left over deleted text, and into a deleted range's start", () => {
    expect(mapIndexThroughDelta(13, deltaOf("Council votes", (text) => text.delete(0, 8)))).toBe(5);
    expect(mapIndexThroughDelta(10, deltaOf("Council votes", (text) => text.delete(8, 5)))).toBe(8);
  });
});
