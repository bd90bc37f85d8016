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
