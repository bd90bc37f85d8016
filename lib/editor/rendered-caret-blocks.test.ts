// @vitest-environment happy-dom
import { Editor } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { articleExtensions } from "./extensions";
import { RenderedCaretBlocks } from "./rendered-caret-blocks";

function editorWith(html: string) {
  return new Editor({ element: document.createElement("div"), extensions: [...articleExtensions(), RenderedCaretBlocks], content: html });
}

const markedBlocks = (editor: Editor) => [...editor.view.dom.querySelectorAll("[data-caret-block]")].map((element) => element.textContent);

describe("RenderedCaretBlocks", () => {
  it("marks the top-level blocks holding the selection's ends, and only those", () => {
    const editor = editorWith("<p>One</p><blockquote><p>Two</p></blockquote><p>Three</p><p>Four</p>");
    editor.commands.setTextSelection(8);
    expect(markedBlocks(editor)).toEqual(["Two"]);
    editor.commands.setTextSelection({ from: 2, to: editor.state.doc.content.size - 2 });
    expect(markedBlocks(editor)).toEqual(["One", "Four"]);
    editor.destroy();
  });

  it("Ctrl+End goes to the very end of the last block and Ctrl+Shift+Home selects back to the start", () => {
    const editor = editorWith("<p>One</p><p>Two</p><p>Three</p>");
    editor.commands.setTextSelection(5);
    const press = (key: string, modifiers: KeyboardEventInit) =>
      editor.view.someProp("handleKeyDown", (handle) => handle(editor.view, new KeyboardEvent("keydown", { key, ...modifiers })));
    press("End", { ctrlKey: true });
    expect(editor.state.selection.head).toBe(editor.state.doc.content.size - 1);
    expect(markedBlocks(editor)).toEqual(["Three"]);
    press("Home", { ctrlKey: true, shiftKey: true });
    expect([editor.state.selection.from, editor.state.selection.to]).toEqual([1, editor.state.doc.content.size - 1]);
    editor.destroy();
  });
});
