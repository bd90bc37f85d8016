import { Mark } from "@tiptap/core";
import { parseSuggestionMark, suggestDelete, suggestInsert } from "../suggestions/marks";
import { paragraphMarkersPlugin } from "./paragraph-markers";

export interface SuggestionMarkOptions {
  /** The suggester's colour (the editor's presence colours); none on the server. */
  colorFor: ((userId: string) => string) | null;
}

const attributes = {
  id: { default: null },
  by: { default: null },
  at: { default: null },
};

/** `<ins>` / `<del>` with who suggested it; never parsed from pasted HTML, so a paste cannot forge one. */
function renderSuggestion(tag: "ins" | "del", kind: string, attrs: Record<string, unknown>, options: SuggestionMarkOptions) {
  const mark = parseSuggestionMark(attrs);
  const color = mark && options.colorFor ? { style: `--suggester-color: ${options.colorFor(mark.by)}` } : {};
  return [tag, { class: `suggestion suggestion--${kind}`, "data-suggestion-id": mark?.id ?? "", ...color }, 0] as const;
}

/** Text proposed for insertion (lib/suggestions/marks.ts says what the attributes hold). */
export const SuggestInsert = Mark.create<SuggestionMarkOptions>({
  name: suggestInsert,
  // Typing at its edge is not automatically part of it: the suggesting mode marks what it inserts itself.
  inclusive: false,
  excludes: `${suggestInsert} ${suggestDelete}`,
  addOptions: () => ({ colorFor: null }),
  addAttributes: () => attributes,
  parseHTML: () => [],
  renderHTML({ mark }) {
    return renderSuggestion("ins", "insert", mark.attrs, this.options) as unknown as [string, Record<string, string>, 0];
  },
  addProseMirrorPlugins() {
    return [paragraphMarkersPlugin(this.type)];
  },
});

/** Text proposed for deletion: still there, struck through, until the suggestion is accepted. */
export const SuggestDelete = Mark.create<SuggestionMarkOptions>({
  name: suggestDelete,
  inclusive: false,
  excludes: `${suggestInsert} ${suggestDelete}`,
  addOptions: () => ({ colorFor: null }),
  addAttributes: () => attributes,
  parseHTML: () => [],
  renderHTML({ mark }) {
    return renderSuggestion("del", "delete", mark.attrs, this.options) as unknown as [string, Record<string, string>, 0];
  },
});
