// @vitest-environment happy-dom
import { Editor } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { articleExtensions } from "./extensions";
import { IncrementalRemoteSync, isStructuralChange, keepMappingOnTextChanges, scrollOnlyForUndo } from "./incremental-remote-sync";

/** A body of two paragraphs with text, as y-prosemirror stores it. */
function articleDoc() {
  const doc = new Y.Doc();
  const body = doc.getXmlFragment("body");
  const paragraphs = [new Y.XmlElement("paragraph"), new Y.XmlElement("paragraph")];
  body.insert(0, paragraphs);
  for (const paragraph of paragraphs) paragraph.insert(0, [new Y.XmlText("Harbour costs rise")]);
  const text = (index: number) => (body.get(index) as Y.XmlElement).get(0) as Y.XmlText;
  return { doc, body, text };
}

function structuralOf(doc: Y.Doc, change: () => void): boolean {
  let result: boolean | undefined;
  const listen = (transaction: Y.Transaction) => (result = isStructuralChange(transaction));
  doc.on("afterTransaction", listen);
  doc.transact(change);
  doc.off("afterTransaction", listen);
  return result!;
}

describe("isStructuralChange", () => {
  it("typing, deleting or formatting text inside a block is not structural", () => {
    const { doc, text } = articleDoc();
    expect(structuralOf(doc, () => text(0).insert(3, "x"))).toBe(false);
    expect(structuralOf(doc, () => text(1).delete(0, 2))).toBe(false);
    expect(structuralOf(doc, () => text(0).format(0, 4, { bold: {} }))).toBe(false);
  });

  it("a block's attribute (its direction) is not structural", () => {
    const { doc, body } = articleDoc();
    expect(structuralOf(doc, () => (body.get(0) as Y.XmlElement).setAttribute("dir", "rtl"))).toBe(false);
  });

  it("adding, removing or moving blocks is structural", () => {
    const { doc, body } = articleDoc();
    expect(structuralOf(doc, () => body.insert(1, [new Y.XmlElement("paragraph")]))).toBe(true);
    expect(structuralOf(doc, () => body.delete(0, 1))).toBe(true);
    expect(structuralOf(doc, () => (body.get(0) as Y.XmlElement).insert(0, [new Y.XmlText("new run")]))).toBe(true);
  });
});

describe("keepMappingOnTextChanges", () => {
  it("skips the sync binding's clear for a text change and clears for a structural one", () => {
    const { doc, body, text } = articleDoc();
    const mapping = new Map<unknown, unknown>([["kept", 1]]);
    const undo = keepMappingOnTextChanges({ doc, mapping });
    // The binding clears from its deep observer, while the transaction's observers run.
    body.observeDeep(() => mapping.clear());

    text(0).insert(0, "Breaking: ");
    expect(mapping.size).toBe(1);

    body.insert(2, [new Y.XmlElement("paragraph")]);
    expect(mapping.size).toBe(0);
    undo();
  });

  it("leaves clears outside a transaction (snapshots, forced re-renders) alone, and undoes itself", () => {
    const { doc, text } = articleDoc();
    const mapping = new Map<unknown, unknown>([["a", 1]]);
    const undo = keepMappingOnTextChanges({ doc, mapping });
    text(0).insert(0, "x");
    mapping.clear();
    expect(mapping.size).toBe(0);

    undo();
    mapping.set("b", 2);
    doc.transact(() => text(0).insert(0, "y"));
    mapping.clear();
    expect(mapping.size).toBe(0);
  });
});

describe("scrolling on others' changes", () => {
  it("asks to scroll for this user's undo and redo only, without measuring the caret", () => {
    const { doc, text } = articleDoc();
    const measured: boolean[] = [];
    let measurements = 0;
    // As y-tiptap would measure it: the caret scrolled out of view.
    const binding = { doc, mapping: new Map(), _isLocalCursorInView: () => (measurements++, false) };
    const undo = scrollOnlyForUndo(binding);
    // y-tiptap asks from its deep observer, while the transaction's observers run.
    doc.getXmlFragment("body").observeDeep(() => measured.push(binding._isLocalCursorInView()));
    const undoManager = new Y.UndoManager(doc.getXmlFragment("body"), { trackedOrigins: new Set(["writer"]) });

    doc.transact(() => text(0).insert(0, "Breaking: "), "writer");
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    ((remote.getXmlFragment("body").get(1) as Y.XmlElement).get(0) as Y.XmlText).insert(0, "x");
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)), "provider");
    undoManager.undo();
    expect(measured).toEqual([false, false, true]);
    expect(measurements).toBe(0);

    undo();
    expect(binding._isLocalCursorInView()).toBe(false);
    expect(measurements).toBe(1);
  });

  it("keeps a colleague's keystroke from scrolling the page, and scrolls to the writer's caret after the paint if it is off screen", () => {
    const { doc, text } = articleDoc();
    const painted: (() => void)[] = [];
    const editor = new Editor({
      element: document.createElement("div"),
      extensions: [
        ...articleExtensions(),
        Collaboration.configure({ document: doc, field: "body" }),
        IncrementalRemoteSync.configure({ afterPaint: (task) => painted.push(task) }),
      ],
    });
    const isScrollHandled = () => editor.view.someProp("handleScrollToSelection", (handle) => handle(editor.view)) === true;
    const scrolls: boolean[] = [];
    editor.on("transaction", ({ transaction }) => {
      if (transaction.scrolledIntoView) scrolls.push(isScrollHandled());
    });

    const colleague = new Y.Doc();
    Y.applyUpdate(colleague, Y.encodeStateAsUpdate(doc));
    ((colleague.getXmlFragment("body").get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, "Update: ");
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(colleague, Y.encodeStateVector(doc)));
    expect(editor.getText()).toContain("Update: Harbour");
    expect(isScrollHandled()).toBe(true);
    expect(painted).toHaveLength(0);

    // The writer types (ProseMirror asks to scroll, as for typing) with the caret on screen: nothing is measured
    // before the paint, nothing scrolls after.
    const type = (at: number, typed: string) => editor.view.dispatch(editor.state.tr.insertText(typed, at).scrollIntoView());
    type(3, "ab");
    expect(text(0).toString()).toContain("ab");
    expect(painted).toHaveLength(1);
    const scrollsBefore = scrolls.length;
    painted.splice(0).forEach((task) => task());
    expect(scrolls).toHaveLength(scrollsBefore);

    // …and with the caret below the window: after the paint ProseMirror scrolls to it.
    editor.view.coordsAtPos = () => ({ top: window.innerHeight + 400, bottom: window.innerHeight + 420, left: 10, right: 11 });
    type(5, "c");
    painted.splice(0).forEach((task) => task());
    expect(scrolls.slice(scrollsBefore).at(-1)).toBe(false);
    editor.destroy();
  });

  it("autolinks a URL the writer types, not one that arrives from a colleague (their editor links it)", () => {
    // One paragraph: y-tiptap replaces the whole body for a remote change, and autolinking looks at the last
    // word of the first block it touched.
    const doc = new Y.Doc();
    const paragraph = new Y.XmlElement("paragraph");
    doc.getXmlFragment("body").insert(0, [paragraph]);
    paragraph.insert(0, [new Y.XmlText("Harbour costs rise")]);
    const editor = new Editor({
      element: document.createElement("div"),
      extensions: [...articleExtensions(), Collaboration.configure({ document: doc, field: "body" }), IncrementalRemoteSync],
    });
    const linked = () =>
      (editor.getJSON().content ?? []).flatMap((block) => block.content ?? []).filter((run) => run.marks?.some((mark) => mark.type === "link")).map((run) => ("text" in run ? run.text : null));

    const colleague = new Y.Doc();
    Y.applyUpdate(colleague, Y.encodeStateAsUpdate(doc));
    ((colleague.getXmlFragment("body").get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(18, " https://example.org/tides ");
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(colleague, Y.encodeStateVector(doc)));
    expect(editor.getText()).toContain("example.org/tides ");
    expect(linked()).toEqual([]);

    editor.chain().setTextSelection(editor.state.doc.content.size - 1).insertContent("see https://example.com/report ").run();
    expect(linked()).toEqual(["https://example.com/report"]);
    editor.destroy();
  });
});
