import { Editor, getSchema } from "@tiptap/core";
import type { TagParseRule } from "@tiptap/pm/model";
import { describe, expect, it } from "vitest";
import { articleExtensions } from "./extensions";

const schema = getSchema(articleExtensions());
const fakeElement = (attributes: Record<string, string>) =>
  ({
    getAttribute: (name: string) => attributes[name] ?? null,
    hasAttribute: (name: string) => name in attributes,
  }) as unknown as HTMLElement;

describe("the article schema", () => {
  it("has what news copy needs and nothing else", () => {
    expect(Object.keys(schema.nodes).sort()).toEqual(
      ["blockquote", "bulletList", "doc", "hardBreak", "heading", "listItem", "orderedList", "paragraph", "text"].sort(),
    );
    expect(Object.keys(schema.marks).sort()).toEqual(["bold", "foreignLanguage", "italic", "link", "suggestDelete", "suggestInsert"]);
  });
});

describe("links", () => {
  const linkRule = schema.marks.link!.spec.parseDOM![0] as TagParseRule;

  it("drops a pasted javascript: link but keeps its text", () => {
    expect(linkRule.getAttrs!(fakeElement({ href: "javascript:alert(1)" }))).toBe(false);
    expect(linkRule.getAttrs!(fakeElement({ href: "https://example.com" }))).not.toBe(false);
  });

  it("renders a stored javascript: href (from a hostile client) as an empty href", () => {
    const mark = schema.marks.link!.create({ href: "javascript:alert(1)" });
    expect(schema.marks.link!.spec.toDOM!(mark, true)).toEqual(["a", expect.objectContaining({ href: "" }), 0]);
  });

  it("does not grow when someone types right after it", () => {
    expect(schema.marks.link!.spec.inclusive).toBe(false);
  });

  it("refuses setLink with any scheme but http, https and mailto", () => {
    const editor = new Editor({ element: null, extensions: articleExtensions(), content: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "report" }] }] } });
    editor.commands.setTextSelection({ from: 1, to: 7 });
    expect(editor.commands.setLink({ href: "javascript:alert(1)" })).toBe(false);
    expect(editor.commands.setLink({ href: "data:text/html,x" })).toBe(false);
    expect(editor.isActive("link")).toBe(false);
    expect(editor.commands.setLink({ href: "https://example.com/report" })).toBe(true);
    expect(editor.getJSON().content![0]!.content![0]!.marks).toEqual([
      { type: "link", attrs: expect.objectContaining({ href: "https://example.com/report" }) },
    ]);
    editor.destroy();
  });
});

describe("foreign-language phrases", () => {
  const rule = schema.marks.foreignLanguage!.spec.parseDOM![0] as TagParseRule;

  it("renders lang with the direction that language is written in", () => {
    const arabic = schema.marks.foreignLanguage!.create({ lang: "ar" });
    expect(schema.marks.foreignLanguage!.spec.toDOM!(arabic, true)).toEqual(["span", { lang: "ar", dir: "rtl" }, 0]);
    const french = schema.marks.foreignLanguage!.create({ lang: "fr" });
    expect(schema.marks.foreignLanguage!.spec.toDOM!(french, true)).toEqual(["span", { lang: "fr", dir: "ltr" }, 0]);
  });

  it("never renders a stored value that is not a language tag", () => {
    const hostile = schema.marks.foreignLanguage!.create({ lang: 'ar" onmouseover="x' });
    expect(schema.marks.foreignLanguage!.spec.toDOM!(hostile, true)).toEqual(["span", {}, 0]);
  });

  it("keeps pasted right-to-left or explicitly directed phrases, not every lang a word processor sprinkles", () => {
    expect(rule.getAttrs!(fakeElement({ lang: "AR-SA" }))).toEqual({ lang: "AR-SA" });
    expect(rule.getAttrs!(fakeElement({ lang: "fr", dir: "ltr" }))).toEqual({ lang: "fr" });
    expect(rule.getAttrs!(fakeElement({ lang: "EN-GB" }))).toBe(false);
    expect(rule.getAttrs!(fakeElement({ lang: "not a tag" }))).toBe(false);
  });
});
