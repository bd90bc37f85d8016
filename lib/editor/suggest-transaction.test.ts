import { getSchema } from "@tiptap/core";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { EditorState, TextSelection } from "@tiptap/pm/state";
import { prosemirrorToYXmlFragment, updateYFragment } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { articleFields } from "../docs/text";
import { checkSuggestion } from "../suggestions/check";
import { readSuggestions } from "../suggestions/read";
import { articleExtensions } from "./extensions";
import { suggestTransaction, type Suggester } from "./suggest-transaction";

const schema = getSchema(articleExtensions());
const paragraphs = (...texts: string[]) => schema.node("doc", null, texts.map((text) => schema.node("paragraph", null, text ? [schema.text(text)] : [])));

let ids = 0;
const suggester = (userId = "rafa"): Suggester => ({ userId, now: 1_765_000_000_000, newId: () => `suggestion-${++ids}` });

/** The state with the caret or selection at the given document positions. */
function stateAt(doc: ProseMirrorNode, anchor: number, head = anchor) {
  return EditorState.create({ doc, selection: TextSelection.create(doc, anchor, head) });
}

/** Text of the first paragraph as runs: [text, "+id" | "-id" | ""]. */
function runs(doc: ProseMirrorNode, index = 0): [string, string][] {
  const result: [string, string][] = [];
  doc.child(index).forEach((node) => {
    const mark = node.marks.find((m) => m.type.name === "suggestInsert" || m.type.name === "suggestDelete");
    result.push([node.text ?? "", mark ? `${mark.type.name === "suggestInsert" ? "+" : "-"}${String(mark.attrs.by)}` : ""]);
  });
  return result;
}

/** "The river rose forty feet." with "forty" at 16–21 (positions count the paragraph's opening). */
const article = paragraphs("The river rose forty feet.");

describe("suggestTransaction", () => {
  it("types a replacement after the struck words, under one suggestion id", () => {
    const state = stateAt(article, 16, 21);
    const result = suggestTransaction(state, state.tr.insertText("40"), suggester())!;
    expect(runs(result.doc)).toEqual([
      ["The river rose ", ""],
      ["forty", "-rafa"],
      ["40", "+rafa"],
      [" feet.", ""],
    ]);
    const marks = new Set<unknown>();
    result.doc.descendants((node) => void node.marks.forEach((m) => marks.add(m.attrs.id)));
    expect(marks.size).toBe(1);
    expect(result.selection.head).toBe(23);
  });

  it("typing on continues the same suggestion", () => {
    let state = stateAt(article, 21);
    state = state.apply(suggestTransaction(state, state.tr.insertText("-two"), suggester())!);
    state = state.apply(suggestTransaction(state, state.tr.insertText("!"), suggester())!);
    expect(runs(state.doc)).toEqual([
      ["The river rose forty", ""],
      ["-two!", "+rafa"],
      [" feet.", ""],
    ]);
  });

  it("Backspace strikes the letter before the caret and moves before it; over one's own insertion it removes it", () => {
    let state = stateAt(article, 21);
    state = state.apply(suggestTransaction(state, state.tr.delete(20, 21), suggester())!);
    expect(runs(state.doc)).toEqual([
      ["The river rose fort", ""],
      ["y", "-rafa"],
      [" feet.", ""],
    ]);
    expect(state.selection.head).toBe(20);

    state = stateAt(article, 21);
    state = state.apply(suggestTransaction(state, state.tr.insertText("s"), suggester())!);
    state = state.apply(suggestTransaction(state, state.tr.delete(21, 22), suggester())!);
    expect(runs(state.doc)).toEqual([["The river rose forty feet.", ""]]);
  });

  it("leaves others' suggestions as they are", () => {
    let state = stateAt(article, 21);
    state = state.apply(suggestTransaction(state, state.tr.insertText("X"), suggester("other"))!);
    const selected = stateAt(state.doc, 16, 22);
    const result = suggestTransaction(selected, selected.tr.delete(16, 22), suggester())!;
    expect(runs(result.doc)).toEqual([
      ["The river rose ", ""],
      ["forty", "-rafa"],
      ["X", "+other"],
      [" feet.", ""],
    ]);
  });

  it("pastes several paragraphs as one run of suggested text", () => {
    const state = stateAt(article, 21);
    const pasted = paragraphs("one", "two").slice(1, 9);
    const result = suggestTransaction(state, state.tr.replaceSelection(pasted), suggester())!;
    expect(result.doc.childCount).toBe(1);
    expect(runs(result.doc)[1]).toEqual(["one two", "+rafa"]);
  });

  it("cannot suggest a paragraph break, a join of paragraphs or formatting", () => {
    const state = stateAt(paragraphs("One", "Two"), 3);
    expect(suggestTransaction(state, state.tr.split(3), suggester())).toBeNull();
    expect(suggestTransaction(state, state.tr.join(5), suggester())).toBeNull();
    expect(suggestTransaction(state, state.tr.addMark(1, 3, schema.marks.bold!.create()), suggester())).toBeNull();
  });

  it("makes changes the server's check lets a suggester send", () => {
    const before = paragraphs("The river rose forty feet.", "Second paragraph.");
    const doc = new Y.Doc();
    prosemirrorToYXmlFragment(before, doc.getXmlFragment(articleFields.body));
    let state = stateAt(before, 16, 21);
    state = state.apply(suggestTransaction(state, state.tr.insertText("40"), suggester())!);
    const selected = stateAt(state.doc, 24, 29);
    state = selected.apply(suggestTransaction(selected, selected.tr.delete(24, 29), suggester())!);

    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
    const vector = Y.encodeStateVector(client);
    updateYFragment(client, client.getXmlFragment(articleFields.body), state.doc, { mapping: new Map(), isOMark: new Map() });
    const update = Y.encodeStateAsUpdate(client, vector);

    expect(checkSuggestion(doc, update, "rafa")).toBeNull();
    expect(checkSuggestion(doc, update, "someone-else")).not.toBeNull();
    Y.applyUpdate(doc, update);
    expect(readSuggestions(doc).map((s) => [s.kind, s.inserted, s.deleted])).toEqual([
      ["replace", "40", "forty"],
      ["delete", "", "feet."],
    ]);
  });
});
