// @vitest-environment happy-dom
import { Editor } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { articleExtensions } from "./extensions";

describe("SelectionBeforeKeys", () => {
  it("a shortcut pressed before the browser reports the new selection applies to that selection", () => {
    const element = document.createElement("div");
    document.body.append(element);
    const editor = new Editor({ element, extensions: articleExtensions(), content: "<p>Breaking news</p>" });
    editor.view.dom.focus();
    editor.commands.setTextSelection(14);
    // Shift+Home as Chromium does it when the next key comes quickly: the selection moves, and the page hears
    // of it (selectionchange) only after that key.
    const unheard = (event: Event) => event.stopImmediatePropagation();
    window.addEventListener("selectionchange", unheard, true);
    const text = editor.view.dom.querySelector("p")!.firstChild!;
    document.getSelection()!.setBaseAndExtent(text, 13, text, 0);
    editor.view.dom.dispatchEvent(new KeyboardEvent("keydown", { key: "b", code: "KeyB", ctrlKey: true, bubbles: true, cancelable: true }));
    window.removeEventListener("selectionchange", unheard, true);
    expect(editor.getHTML()).toContain("<strong>Breaking news</strong>");
    editor.destroy();
    element.remove();
  });
});
