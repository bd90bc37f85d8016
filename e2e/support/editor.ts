import { expect, type Page } from "@playwright/test";

/** The article body's editable element (Tiptap puts its editor on it as `.editor`). */
export const body = (page: Page) => page.locator(".article-body");

/** The body's text as the editor holds it, one line a block (carets' name labels are not part of it). */
export const bodyText = (page: Page) =>
  body(page).evaluate((element) =>
    (element as unknown as { editor: { getText(options: object): string } }).editor.getText({ blockSeparator: "\n" }),
  );

/** Puts the caret at the end of the body and waits for the focus (Tiptap moves it on the next frame). */
export async function caretAtEnd(page: Page) {
  await body(page).evaluate((element) => (element as unknown as { editor: { commands: { focus(at: string): void } } }).editor.commands.focus("end"));
  await expect(body(page)).toBeFocused();
}

/** Waits for the web fonts the page has started to load (the Arabic face appears with Arabic text), before a picture. */
export const fontsLoaded = (page: Page) => page.evaluate(async () => void (await document.fonts.ready));

/** Selects the first occurrence of `text` in the body, as a person dragging over it would. */
export async function selectInBody(page: Page, text: string) {
  await body(page).evaluate((element, wanted) => {
    const editor = (element as unknown as { editor: { state: { doc: { descendants(f: (node: { isText: boolean; text?: string }, pos: number) => boolean | void): void } }; commands: { setTextSelection(range: { from: number; to: number }): void; focus(): void } } }).editor;
    let found: { from: number; to: number } | null = null;
    editor.state.doc.descendants((node, pos) => {
      if (found || !node.isText || !node.text) return;
      const at = node.text.indexOf(wanted);
      if (at >= 0) found = { from: pos + at, to: pos + at + wanted.length };
    });
    if (!found) throw new Error(`"${wanted}" is not in the body`);
    editor.commands.focus();
    editor.commands.setTextSelection(found);
  }, text);
  await expect(body(page)).toBeFocused();
}
