import { getSchema } from "@tiptap/core";
import { EditorState } from "@tiptap/pm/state";
import type { DecorationSet } from "@tiptap/pm/view";
import { describe, expect, it } from "vitest";
import { paragraphBreak, paragraphJoin, suggestInsert } from "../suggestions/marks";
import { articleExtensions } from "./extensions";
import { paragraphMarkersPlugin } from "./paragraph-markers";

const schema = getSchema(articleExtensions());
const insertType = schema.marks[suggestInsert]!;
const plugin = paragraphMarkersPlugin(insertType);
const marked = (text: string) => schema.text(text, [insertType.create({ id: "suggestion-1", by: "rafa", at: 1 })]);

/** The decorated ranges and their classes. */
const markers = (state: EditorState) =>
  (plugin.getState(state) as DecorationSet).find().map((decoration) => [decoration.from, decoration.to, (decoration as unknown as { type: { attrs: { class: string } } }).type.attrs.class]);

describe("paragraphMarkersPlugin", () => {
  const start = () =>
    EditorState.create({ doc: schema.node("doc", null, [schema.node("paragraph", null, [schema.text("One two.")])]), plugins: [plugin] });

  it("draws a suggested break and join, follows them as text is typed before them, and drops a deleted one", () => {
    let state = start();
    state = state.apply(state.tr.insert(4, marked(`${paragraphBreak}x`)));
    expect(markers(state)).toEqual([[4, 5, "suggestion-marker suggestion-marker--break"]]);
    state = state.apply(state.tr.insertText("AB", 1));
    expect(markers(state)).toEqual([[6, 7, "suggestion-marker suggestion-marker--break"]]);
    state = state.apply(state.tr.insert(1, marked(paragraphJoin)));
    expect(markers(state).map(([, , name]) => name)).toEqual(["suggestion-marker suggestion-marker--join", "suggestion-marker suggestion-marker--break"]);
    state = state.apply(state.tr.delete(7, 8));
    expect(markers(state)).toHaveLength(1);
  });

  it("draws nothing for the same characters outside a suggestion, or once their mark is gone", () => {
    let state = start();
    state = state.apply(state.tr.insertText(paragraphBreak, 2));
    expect(markers(state)).toEqual([]);
    state = state.apply(state.tr.insert(4, marked(paragraphBreak)));
    expect(markers(state)).toHaveLength(1);
    state = state.apply(state.tr.removeMark(1, state.doc.content.size - 1, insertType));
    expect(markers(state)).toEqual([]);
  });
});
