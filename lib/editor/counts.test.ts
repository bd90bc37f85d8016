import { getSchema } from "@tiptap/core";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countDocument, countText, readingMinutes, type TextCounts } from "./counts";
import { articleExtensions } from "./extensions";

const schema = getSchema(articleExtensions());
const paragraph = (text: string) => ({ type: "paragraph", content: text ? [{ type: "text", text }] : [] });

describe("countText", () => {
  it("counts words and characters of an English sentence", () => {
    expect(countText("The council voted 7-2 on Tuesday.")).toEqual({ words: 7, characters: 33 });
  });

  it("counts Arabic and Hebrew words", () => {
    expect(countText("قال المتحدث إن الاتفاق سيوقع غدا").words).toBe(6);
    expect(countText("המועצה התכנסה ביום שלישי").words).toBe(4);
  });

  it("does not count punctuation, dashes or spaces as words", () => {
    expect(countText(" — “ ” … , ").words).toBe(0);
    expect(countText("well-known, state-of-the-art").words).toBe(6);
  });

  it("counts a character with combining marks or an emoji sequence once", () => {
    expect(countText("e\u0301").characters).toBe(1);
    expect(countText("👩‍💻").characters).toBe(1);
  });

  it("counts characters of Latin text with dashes, quotes and currency exactly as the grapheme rules do", () => {
    const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
    const alphabet = [..."aé Zß,.;:!?'-0129", "“", "”", "‘", "’", "—", "–", "…", "€", "£", "\u0301", "\u200d", "👍", "🏽", "ا"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }), (chars) => {
        const text = chars.join("");
        expect(countText(text).characters).toBe([...graphemes.segment(text)].length);
      }),
    );
  });

  it("is zero for nothing", () => {
    expect(countText("")).toEqual({ words: 0, characters: 0 });
  });
});

describe("readingMinutes", () => {
  it("rounds up to whole minutes and is zero only without words", () => {
    expect(readingMinutes(0)).toBe(0);
    expect(readingMinutes(1)).toBe(1);
    expect(readingMinutes(230)).toBe(1);
    expect(readingMinutes(231)).toBe(2);
    expect(readingMinutes(1200)).toBe(6);
  });
});

describe("countDocument", () => {
  const build = (...blocks: object[]) => schema.nodeFromJSON({ type: "doc", content: blocks });

  it("adds up every block, inside quotes and lists too", () => {
    const doc = build(
      { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "News" }] },
      paragraph("Two words"),
      { type: "blockquote", content: [paragraph("A quoted line")] },
      { type: "bulletList", content: [{ type: "listItem", content: [paragraph("first item")] }] },
    );
    expect(countDocument(doc, new WeakMap())).toEqual({ words: 8, characters: 4 + 9 + 13 + 10 });
  });

  it("does not glue the words around a line break together", () => {
    const doc = build({
      type: "paragraph",
      content: [{ type: "text", text: "end" }, { type: "hardBreak" }, { type: "text", text: "start" }],
    });
    expect(countDocument(doc, new WeakMap()).words).toBe(2);
  });

  it("recounts only blocks that changed", () => {
    const cache = new WeakMap<ProseMirrorNode, TextCounts>();
    const before = build(paragraph("one two"), paragraph("three"));
    expect(countDocument(before, cache).words).toBe(3);
    const kept = before.child(0);
    // Poison the cached entry of the unchanged block: the next count must reuse it.
    cache.set(kept, { words: 100, characters: 0 });
    const after = before.copy(before.content.replaceChild(1, schema.nodeFromJSON(paragraph("three four"))));
    expect(countDocument(after, cache).words).toBe(102);
  });
});
