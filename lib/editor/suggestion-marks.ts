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

/**
 * The two marks share all but their tag: typing at a mark's edge is not
 * automatically part of it (suggesting mode marks what it inserts itself),
 * and a piece of text is either proposed or struck, never both.
 */
const suggestionMark = (name: string, tag: "ins" | "del", kind: "insert" | "delete") =>
  Mark.create<SuggestionMarkOptions>({
    name,
    inclusive: false,
    excludes: `${suggestInsert} ${suggestDelete}`,
    addOptions: () => ({ colorFor: null }),
    addAttributes: () => attributes,
    parseHTML: () => [],
    renderHTML({ mark }) {
      return renderSuggestion(tag, kind, mark.attrs, this.options) as unknown as [string, Record<string, string>, 0];
    },
  });

/** Text proposed for insertion (lib/suggestions/marks.ts says what the attributes hold); its paragraph markers drawn as pilcrows. */
export const SuggestInsert = suggestionMark(suggestInsert, "ins", "insert").extend({
  addProseMirrorPlugins() {
    return [paragraphMarkersPlugin(this.type)];
  },
});

/** Text proposed for deletion: still there, struck through, until the suggestion is accepted. */
export const SuggestDelete = suggestionMark(suggestDelete, "del", "delete");
