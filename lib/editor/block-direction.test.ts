import { Editor, getSchema } from "@tiptap/core";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { describe, expect, it } from "vitest";
import type { TextDirection } from "./direction";
import { articleExtensions } from "./extensions";
import { buildDirectionDecorations } from "./block-direction";

const schema = getSchema(articleExtensions());
const text = (value: string) => (value ? [{ type: "text", text: value }] : []);
const paragraph = (value: string, dir: TextDirection | null = null) => ({ type: "paragraph", attrs: { dir }, content: text(value) });
const doc = (...blocks: object[]) => schema.nodeFromJSON({ type: "doc", content: blocks });

/** Each decorated block as "type:dir", in document order. */
function directions(node: ProseMirrorNode): string[] {
  return buildDirectionDecorations(node, new WeakMap())
    .find()
    .sort((a, b) => a.from - b.from || b.to - a.to)
    .map((decoration) => `${node.nodeAt(decoration.from)!.type.name}:${(decoration.spec as { dir: string }).dir}`);
}

const arabicQuote = "قال المتحدث باسم الحكومة إن الاتفاق سيوقع غدا";

describe("direction decorations", () => {
  it("marks an Arabic quotation inside an English article right-to-left, quote bar included", () => {
    const article = doc(
      paragraph("The minister spoke to reporters on Tuesday."),
      { type: "blockquote", content: [paragraph(`Reuters: ${arabicQuote}`)] },
      paragraph("He left without taking questions."),
    );
    expect(directions(article)).toEqual(["paragraph:ltr", "blockquote:rtl", "paragraph:rtl", "paragraph:ltr"]);
  });

  it("gives each list item its own direction and the list the majority's", () => {
    const list = doc({
      type: "bulletList",
      content: [
        { type: "listItem", content: [paragraph(arabicQuote)] },
        { type: "listItem", content: [paragraph("An English item")] },
      ],
    });
    expect(directions(list)).toEqual([
      "bulletList:rtl",
      "listItem:rtl",
      "paragraph:rtl",
      "listItem:ltr",
      "paragraph:ltr",
    ]);
  });

  it("leaves a block with an override, and what it contains, to its dir attribute", () => {
    const article = doc(paragraph("English words", "rtl"), {
      type: "blockquote",
      attrs: { dir: "ltr" },
      content: [paragraph(arabicQuote)],
    });
    expect(directions(article)).toEqual([]);
    const overridden = schema.nodeFromJSON(paragraph("English words", "rtl"));
    expect(overridden.type.spec.toDOM!(overridden)).toEqual(["p", { dir: "rtl" }, 0]);
  });

  it("leaves empty and number-only blocks without a direction", () => {
    expect(directions(doc(paragraph(""), paragraph("2024")))).toEqual([]);
  });
});

describe("setBlockDirection", () => {
  function editorWith(content: object[]) {
    return new Editor({ extensions: articleExtensions(), content: { type: "doc", content } });
  }

  it("overrides the block holding the cursor and can return it to automatic", () => {
    const editor = editorWith([paragraph("one"), paragraph("two")]);
    editor.commands.setTextSelection(7);
    expect(editor.commands.setBlockDirection("rtl")).toBe(true);
    expect(editor.getJSON().content!.map((block) => block.attrs!.dir)).toEqual([null, "rtl"]);
    editor.commands.setBlockDirection(null);
    expect(editor.getJSON().content!.map((block) => block.attrs!.dir)).toEqual([null, null]);
    editor.destroy();
  });

  it("overrides a whole quote and clears the overrides inside it", () => {
    const editor = editorWith([{ type: "blockquote", content: [paragraph("a", "ltr"), paragraph("b")] }]);
    editor.commands.setTextSelection(3);
    editor.commands.setBlockDirection("rtl");
    const quote = editor.state.doc.child(0);
    expect(quote.attrs.dir).toBe("rtl");
    expect(quote.content.content.map((block) => block.attrs.dir)).toEqual([null, null]);
    editor.destroy();
  });

  it("reads a pasted dir attribute as an override and ignores values that are not directions", () => {
    const rule = schema.nodes.paragraph!.spec.parseDOM![0]!;
    const element = (dir: string) => ({ getAttribute: (name: string) => (name === "dir" ? dir : null) }) as unknown as HTMLElement;
    expect(rule.getAttrs!(element("rtl"))).toMatchObject({ dir: "rtl" });
    expect((rule.getAttrs!(element("sideways")) as { dir?: unknown }).dir ?? null).toBeNull();
  });
});
