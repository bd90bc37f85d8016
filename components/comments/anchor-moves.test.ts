// @vitest-environment happy-dom
import { Editor } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createAnchorResolver, encodeAnchorPosition, type StoredAnchor } from "@/lib/comments/anchors";
import { articleFields } from "@/lib/docs/text";
import { articleExtensions } from "@/lib/editor/extensions";
import { CommentHighlights, findHighlight, setCommentHighlights, type AnchorMove } from "./comment-highlights";

/**
 * Two people in one article, each with a real Tiptap editor bound to their
 * own Y.Doc (y-prosemirror, as in the browser). The thread is on "fire
 * started" in the second paragraph; `merger` rebuilds that paragraph.
 */
const passage = "fire started";
const second = `The ${passage} at dawn.`;

const editors: Editor[] = [];
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy();
});

function openEditor(doc: Y.Doc) {
  const editor = new Editor({
    element: document.createElement("div"),
    extensions: [...articleExtensions(), Collaboration.configure({ document: doc, field: articleFields.body }), CommentHighlights],
  });
  editors.push(editor);
  const moves: AnchorMove[] = [];
  editor.on("commentAnchorsMoved", (event) => moves.push(...event.moves));
  return { editor, moves };
}

function exchange(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function setUp() {
  const merger = new Y.Doc();
  const body = merger.getXmlFragment(articleFields.body);
  const paragraphs = ["First paragraph.", second, "Last one."].map((words) => {
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText(words)]);
    return paragraph;
  });
  body.insert(0, paragraphs);
  const text = paragraphs[1]!.get(0) as Y.XmlText;
  const at = second.indexOf(passage);
  const stored: StoredAnchor = {
    start: encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(text, at, 0)),
    end: encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(text, at + passage.length, -1)),
  };
  const other = new Y.Doc();
  exchange(merger, other);
  const a = openEditor(merger);
  const b = openEditor(other);
  for (const { editor } of [a, b]) showThread(editor, stored);
  return { merger, other, a, b, stored };
}

function showThread(editor: Editor, anchor: StoredAnchor, isShown = true) {
  editor.view.dispatch(setCommentHighlights(editor.state.tr, { anchors: [{ threadId: "t1", ...anchor, isResolved: false, isShown }] }));
}

const highlighted = (editor: Editor) => {
  const range = findHighlight(editor.state, "t1");
  return range && editor.state.doc.textBetween(range.from, range.to, "\n");
};

/** Where the second paragraph's text starts in ProseMirror, plus `offset`. */
const inSecond = (editor: Editor, offset: number) => editor.state.doc.child(0).nodeSize + 1 + offset;

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The move `a` made, as the server then stores it and everyone's sidebar passes it to their editor. */
async function storeMove(setup: ReturnType<typeof setUp>) {
  await settle();
  exchange(setup.merger, setup.other);
  expect(setup.a.moves).toHaveLength(1);
  const [move] = setup.a.moves;
  const anchor = { start: move!.start, end: move!.end };
  for (const { editor } of [setup.a, setup.b]) showThread(editor, anchor);
  return anchor;
}

describe("a thread follows its passage when this editor rebuilds the paragraph", () => {
  it("merged into the paragraph above with Backspace: the stored anchor breaks, the moved one holds for everyone", async () => {
    const setup = setUp();
    const { a, b, other, stored } = setup;
    expect(highlighted(b.editor)).toBe(passage);
    a.editor.chain().setTextSelection(inSecond(a.editor, 0)).joinBackward().run();
    expect(a.editor.state.doc.child(0).textContent).toBe(`First paragraph.${second}`);
    // The cause: y-prosemirror deleted the paragraph's Y.XmlText and wrote its words into the first one.
    exchange(setup.merger, other);
    expect(createAnchorResolver(other)(stored)).toEqual({ state: "deleted", text: "" });
    // This editor keeps the highlight on the words meanwhile.
    await settle();
    expect(highlighted(a.editor)).toBe(passage);

    const moved = await storeMove(setup);
    expect(createAnchorResolver(other)(moved)).toEqual({ state: "attached", text: passage });
    expect(highlighted(a.editor)).toBe(passage);
    expect(highlighted(b.editor)).toBe(passage);
  });

  it("merged by Delete at the end of the paragraph above", async () => {
    const setup = setUp();
    setup.a.editor.chain().setTextSelection(setup.a.editor.state.doc.child(0).nodeSize - 1).joinForward().run();
    expect(setup.a.editor.state.doc.childCount).toBe(2);
    const moved = await storeMove(setup);
    expect(createAnchorResolver(setup.other)(moved)).toEqual({ state: "attached", text: passage });
  });

  it("split with Enter inside the passage: the thread spans both halves", async () => {
    const setup = setUp();
    const inside = second.indexOf(passage) + "fire st".length;
    setup.a.editor.chain().setTextSelection(inSecond(setup.a.editor, inside)).splitBlock().run();
    expect(setup.a.editor.state.doc.childCount).toBe(4);
    const moved = await storeMove(setup);
    expect(createAnchorResolver(setup.other)(moved)).toEqual({ state: "attached", text: "fire st\narted" });
    expect(highlighted(setup.b.editor)).toBe("fire st\narted");
  });

  it("turned into a heading or a quote", async () => {
    for (const change of ["heading", "quote"] as const) {
      const setup = setUp();
      const chain = setup.a.editor.chain().setTextSelection(inSecond(setup.a.editor, 2));
      (change === "heading" ? chain.setHeading({ level: 2 }) : chain.setBlockquote()).run();
      const moved = await storeMove(setup);
      expect(createAnchorResolver(setup.other)(moved)).toEqual({ state: "attached", text: passage });
      for (const { editor } of [setup.a, setup.b]) editor.destroy();
    }
  });

  it("a thread filtered out of the sidebar follows its text too, still without a highlight", async () => {
    const setup = setUp();
    showThread(setup.a.editor, setup.stored, false);
    setup.a.editor.chain().setTextSelection(inSecond(setup.a.editor, 0)).joinBackward().run();
    const moved = await storeMove(setup);
    expect(createAnchorResolver(setup.other)(moved).state).toBe("attached");
  });

  it("undo brings the paragraph back and the thread back onto it; redo merges it again", async () => {
    const setup = setUp();
    const { a } = setup;
    a.editor.chain().setTextSelection(inSecond(a.editor, 0)).joinBackward().run();
    await settle();
    const [merged] = a.moves.splice(0);
    a.editor.commands.undo();
    expect(a.editor.state.doc.childCount).toBe(3);
    await settle();
    expect(a.moves).toEqual([{ threadId: "t1", start: setup.stored.start, end: setup.stored.end }]);
    expect(highlighted(a.editor)).toBe(passage);
    a.moves.length = 0;
    a.editor.commands.redo();
    await settle();
    expect(a.moves).toEqual([merged]);
    expect(highlighted(a.editor)).toBe(passage);
  });

  it("typing, new paragraphs elsewhere and deleting the whole passage move nothing", async () => {
    const setup = setUp();
    const { editor, moves } = setup.a;
    editor.chain().setTextSelection(inSecond(editor, 1)).insertContent("x").run();
    editor.chain().setTextSelection(editor.state.doc.content.size - 1).splitBlock().run();
    await settle();
    expect(moves).toEqual([]);
    // "x" went in before the passage.
    const from = inSecond(editor, second.indexOf(passage) + 1);
    expect(editor.state.doc.textBetween(from, from + passage.length)).toBe(passage);
    editor.chain().setTextSelection({ from, to: from + passage.length }).deleteSelection().run();
    editor.chain().setTextSelection(inSecond(editor, 0)).joinBackward().run();
    await settle();
    expect(moves).toEqual([]);
    expect(highlighted(editor)).toBeNull();
  });
});
