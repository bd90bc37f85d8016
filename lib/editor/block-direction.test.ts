// @vitest-environment happy-dom
import { Editor, getSchema } from "@tiptap/core";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { TextSelection } from "@tiptap/pm/state";
import type { DecorationSet } from "@tiptap/pm/view";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TextDirection } from "./direction";
import { articleExtensions } from "./extensions";
import { blockDirectionPluginKey, buildDirectionDecorations } from "./block-direction";

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

/** The direction each block element is shown in, as HTML inheritance gives it: "tag:dir", in document order. */
function shownDirections(editor: Editor): string[] {
  return [...editor.view.dom.querySelectorAll("p, h2, h3, blockquote, ul, ol, li")].map(
    (element) => `${element.tagName.toLowerCase()}:${element.closest("[dir]")?.getAttribute("dir") ?? "none"}`,
  );
}

const arabicQuote = "قال المتحدث باسم الحكومة إن الاتفاق سيوقع غدا";

describe("direction decorations", () => {
  it("marks an Arabic quotation inside an English article right-to-left, quote bar included", () => {
    const article = doc(
      paragraph("The minister spoke to reporters on Tuesday."),
      { type: "blockquote", content: [paragraph(`Reuters: ${arabicQuote}`)] },
      paragraph("He left without taking questions."),
    );
    // The English paragraphs are left-to-right like the editor itself: they need no decoration of their own.
    expect(directions(article)).toEqual(["blockquote:rtl", "paragraph:rtl"]);
    const editor = new Editor({ extensions: articleExtensions(), content: article.toJSON() });
    expect(editor.view.dom.getAttribute("dir")).toBe("ltr");
    expect(shownDirections(editor)).toEqual(["p:ltr", "blockquote:rtl", "p:rtl", "p:ltr"]);
    editor.destroy();
  });

  it("shows an English paragraph inside a right-to-left quote left-to-right", () => {
    const article = doc({ type: "blockquote", content: [paragraph(arabicQuote), paragraph(arabicQuote), paragraph("Translated by the desk")] });
    expect(directions(article)).toEqual(["blockquote:rtl", "paragraph:rtl", "paragraph:rtl", "paragraph:ltr"]);
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

describe("direction decorations kept up to date per transaction", () => {
  const english = ["The council met on Tuesday. ", "Costs rose again", "2024", " ", "Mr Haddad said "];
  const arabic = ["قال أحد السكان ", "المدينة تستحق خطة واضحة", "«نعم» "];
  const words = [...english, ...arabic];

  /** Each decoration as "from-to:dir", in document order. */
  const listed = (set: DecorationSet) =>
    set
      .find()
      .sort((a, b) => a.from - b.from || b.to - a.to)
      .map((decoration) => `${decoration.from}-${decoration.to}:${(decoration.spec as { dir: string }).dir}`);

  function startEditor() {
    return new Editor({
      extensions: articleExtensions(),
      content: {
        type: "doc",
        content: [
          paragraph("The minister spoke to reporters."),
          { type: "blockquote", content: [paragraph(arabicQuote)] },
          { type: "bulletList", content: [{ type: "listItem", content: [paragraph("An item")] }, { type: "listItem", content: [paragraph(arabicQuote)] }] },
          paragraph(""),
          paragraph("He left without taking questions."),
        ],
      },
    });
  }

  /**
   * What a remote change looks like to the plugin: y-prosemirror replaces the
   * whole document in one step, reusing the nodes of unchanged blocks.
   */
  function remoteChange(editor: Editor, index: number, kind: "replace" | "insert" | "remove", value: string) {
    const blocks = editor.state.doc.content.content.slice();
    const fresh = schema.nodeFromJSON(paragraph(value));
    if (kind === "replace") blocks[index] = fresh;
    if (kind === "insert") blocks.splice(index, 0, fresh);
    if (kind === "remove" && blocks.length > 1) blocks.splice(index, 1);
    const { tr } = editor.state;
    editor.view.dispatch(tr.replaceWith(0, tr.doc.content.size, blocks));
  }

  type Operation =
    | { kind: "type"; at: number; word: number }
    | { kind: "delete"; at: number; length: number }
    | { kind: "split" | "join" | "bullets" | "quote"; at: number }
    | { kind: "direction"; at: number; dir: TextDirection | null }
    | { kind: "remote"; at: number; change: "replace" | "insert" | "remove"; word: number };

  function run(editor: Editor, operation: Operation) {
    const size = editor.state.doc.content.size;
    const at = Math.max(1, Math.min(size - 1, Math.round(operation.at * size)));
    // Commands act where a writer's caret can be: in text, not between two blocks (splitBlock throws there).
    const chain = () => editor.chain().setTextSelection(TextSelection.near(editor.state.doc.resolve(at)).from);
    switch (operation.kind) {
      case "type": {
        const where = TextSelection.near(editor.state.doc.resolve(at)).from;
        editor.view.dispatch(editor.state.tr.insertText(words[operation.word % words.length]!, where));
        break;
      }
      case "delete":
        editor.view.dispatch(editor.state.tr.delete(at, Math.min(size, at + operation.length)));
        break;
      case "split":
        chain().splitBlock().run();
        break;
      case "join":
        chain().joinBackward().run();
        break;
      case "bullets":
        chain().toggleBulletList().run();
        break;
      case "quote":
        chain().toggleBlockquote().run();
        break;
      case "direction":
        chain().setBlockDirection(operation.dir).run();
        break;
      case "remote": {
        const index = Math.floor(operation.at * editor.state.doc.childCount) % editor.state.doc.childCount;
        remoteChange(editor, index, operation.change, words[operation.word % words.length]!);
        break;
      }
    }
  }

  const operation: fc.Arbitrary<Operation> = fc.oneof(
    fc.record({ kind: fc.constant("type" as const), at: fc.double({ min: 0, max: 1, noNaN: true }), word: fc.nat(20) }),
    fc.record({ kind: fc.constant("delete" as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 60 }) }),
    fc.record({ kind: fc.constantFrom("split" as const, "join" as const, "bullets" as const, "quote" as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
    fc.record({ kind: fc.constant("direction" as const), at: fc.double({ min: 0, max: 1, noNaN: true }), dir: fc.constantFrom<TextDirection | null>("rtl", "ltr", null) }),
    fc.record({
      kind: fc.constant("remote" as const),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      change: fc.constantFrom("replace" as const, "insert" as const, "remove" as const),
      word: fc.nat(20),
    }),
  );

  it("equals a full rebuild after typing, deleting, splitting, joining, wrapping, overrides and remote changes", () => {
    fc.assert(
      fc.property(fc.array(operation, { minLength: 1, maxLength: 25 }), (operations) => {
        const editor = startEditor();
        try {
          for (const step of operations) {
            run(editor, step);
            const kept = blockDirectionPluginKey.getState(editor.state)!;
            expect(listed(kept)).toEqual(listed(buildDirectionDecorations(editor.state.doc, new WeakMap())));
          }
        } finally {
          editor.destroy();
        }
      }),
      { numRuns: 150 },
    );
  });

  it("turns a paragraph right-to-left as Arabic is typed into it, and back when it is deleted", () => {
    const editor = startEditor();
    const last = editor.state.doc.content.size - 1;
    editor.view.dispatch(editor.state.tr.insertText(` ${arabicQuote} ${arabicQuote}`, last));
    const directionOfLast = () => shownDirections(editor).at(-1);
    expect(directionOfLast()).toBe("p:rtl");
    editor.view.dispatch(editor.state.tr.delete(last, editor.state.doc.content.size - 1));
    expect(directionOfLast()).toBe("p:ltr");
    editor.destroy();
  });
});
