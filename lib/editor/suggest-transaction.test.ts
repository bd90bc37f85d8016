import { getSchema } from "@tiptap/core";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { EditorState, TextSelection } from "@tiptap/pm/state";
import { prosemirrorToYXmlFragment, updateYFragment } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { articleFields } from "../docs/text";
import { checkSuggestion } from "../suggestions/check";
import { readSuggestions } from "../suggestions/read";
import { resolveSuggestionsChange } from "../suggestions/resolve";
import { readArticleContent } from "./export/article-content";
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

  it("retyping one's own pending insertion (an input method's composition) keeps its suggestion, under one id", () => {
    let state = stateAt(article, 21);
    state = state.apply(suggestTransaction(state, state.tr.insertText("に"), suggester())!);
    const first = state.doc.child(0).child(1).marks[0]!.attrs.id;
    state = state.apply(suggestTransaction(state, state.tr.insertText("にほ", 21, 22), suggester())!);
    state = state.apply(suggestTransaction(state, state.tr.insertText("日本", 21, 23), suggester())!);
    expect(runs(state.doc)[1]).toEqual(["日本", "+rafa"]);
    expect(state.doc.child(0).child(1).marks[0]!.attrs.id).toBe(first);
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

  it("pastes several paragraphs as one suggestion, with a suggested paragraph break between them", () => {
    const state = stateAt(article, 21);
    const pasted = paragraphs("one", "two").slice(1, 9);
    const result = suggestTransaction(state, state.tr.replaceSelection(pasted), suggester())!;
    expect(result.doc.childCount).toBe(1);
    expect(runs(result.doc)[1]).toEqual(["one\u2029two", "+rafa"]);
  });

  it("Enter suggests a paragraph break: a marked U+2029, the caret after it, and what is typed next joins the same suggestion", () => {
    let state = stateAt(article, 21);
    state = state.apply(suggestTransaction(state, state.tr.split(21), suggester())!);
    expect(state.doc.childCount).toBe(1);
    expect(state.selection.head).toBe(22);
    state = state.apply(suggestTransaction(state, state.tr.insertText("Forty"), suggester())!);
    expect(runs(state.doc)).toEqual([
      ["The river rose forty", ""],
      ["\u2029Forty", "+rafa"],
      [" feet.", ""],
    ]);
  });

  it("Backspace at a paragraph's start suggests joining it to the one before, once; the caret goes to the end of that one", () => {
    const doc = paragraphs("One.", "Two.");
    let state = stateAt(doc, 7);
    state = state.apply(suggestTransaction(state, state.tr.join(6), suggester())!);
    expect(state.doc.childCount).toBe(2);
    expect(runs(state.doc, 1)).toEqual([
      ["\u2060", "+rafa"],
      ["Two.", ""],
    ]);
    expect(state.selection.head).toBe(5);
    // Again from the same place: the join is there already; nothing is added.
    const again = stateAt(state.doc, 7);
    const result = suggestTransaction(again, again.tr.join(6), suggester())!;
    expect(runs(result.doc, 1)).toEqual(runs(state.doc, 1));
  });

  it("deleting a selection across paragraphs strikes the words and suggests the join", () => {
    const doc = paragraphs("One two.", "Three four.");
    const state = stateAt(doc, 5, 16);
    const result = suggestTransaction(state, state.tr.deleteSelection(), suggester())!;
    expect(runs(result.doc, 0)).toEqual([
      ["One ", ""],
      ["two.", "-rafa"],
    ]);
    expect(runs(result.doc, 1)).toEqual([
      ["\u2060", "+rafa"],
      ["Three", "-rafa"],
      [" four.", ""],
    ]);
  });

  it("deleting a whole empty paragraph suggests joining it", () => {
    const doc = paragraphs("One.", "", "Two.");
    const state = stateAt(doc, 7);
    const result = suggestTransaction(state, state.tr.delete(6, 8), suggester())!;
    expect(result.doc.childCount).toBe(3);
    expect(runs(result.doc, 2)[0]).toEqual(["\u2060", "+rafa"]);
  });

  it("a paragraph marker in pasted text is dropped, so none is forged", () => {
    const state = stateAt(article, 21);
    const result = suggestTransaction(state, state.tr.insertText("a\u2060b\u2029c"), suggester())!;
    expect(runs(result.doc)[1]).toEqual(["abc", "+rafa"]);
  });

  it("cannot suggest formatting, nor a join across a list or quotation", () => {
    const state = stateAt(paragraphs("One", "Two"), 3);
    expect(suggestTransaction(state, state.tr.addMark(1, 3, schema.marks.bold!.create()), suggester())).toBeNull();
    const quoted = schema.node("doc", null, [schema.node("paragraph", null, [schema.text("One")]), schema.node("blockquote", null, [schema.node("paragraph", null, [schema.text("Two")])])]);
    const inQuote = stateAt(quoted, 7);
    expect(suggestTransaction(inQuote, inQuote.tr.delete(4, 7), suggester())).toBeNull();
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

  describe("paragraph breaks and joins, through the server", () => {
    /** The body of `doc` after the suggestions made by `suggest` on its ProseMirror copy, as a suggester's update checked by the server. */
    function suggestOn(doc: Y.Doc, suggest: (state: EditorState) => EditorState): void {
      const before = readArticleContent(doc, { withSuggestions: true }).body;
      const after = suggest(stateAt(before, 1));
      const client = new Y.Doc();
      Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
      const vector = Y.encodeStateVector(client);
      updateYFragment(client, client.getXmlFragment(articleFields.body), after.doc, { mapping: new Map(), isOMark: new Map() });
      const update = Y.encodeStateAsUpdate(client, vector);
      expect(checkSuggestion(doc, update, "rafa")).toBeNull();
      Y.applyUpdate(doc, update);
    }
    const blocks = (doc: Y.Doc) => {
      const body = readArticleContent(doc, { withSuggestions: true }).body;
      const texts: string[] = [];
      body.forEach((block) => texts.push(block.textContent));
      return texts;
    };
    const resolve = (doc: Y.Doc, resolution: "accept" | "reject") => {
      Y.applyUpdate(doc, resolveSuggestionsChange(doc, new Set(readSuggestions(doc).map((s) => s.id)), resolution)!);
      return blocks(doc);
    };
    function article(): Y.Doc {
      const doc = new Y.Doc();
      prosemirrorToYXmlFragment(paragraphs("The river rose forty feet.", "Roads closed.", "Schools shut."), doc.getXmlFragment(articleFields.body));
      return doc;
    }
    /** A suggested new paragraph after "forty", and "Schools shut." suggested onto the end of "Roads closed.". */
    function suggested(): Y.Doc {
      const doc = article();
      suggestOn(doc, (state) => {
        let next = stateAt(state.doc, 21);
        next = next.apply(suggestTransaction(next, next.tr.split(21), suggester())!);
        next = next.apply(suggestTransaction(next, next.tr.insertText("Then"), suggester())!);
        const end = next.doc.child(0).nodeSize + next.doc.child(1).nodeSize;
        const atJoin = stateAt(next.doc, end + 1);
        return atJoin.apply(suggestTransaction(atJoin, atJoin.tr.join(end), suggester())!);
      });
      return doc;
    }

    it("the server takes them as the suggester's, and lists them as a paragraph break added and one removed", () => {
      const doc = suggested();
      expect(readSuggestions(doc).map((s) => [s.kind, s.inserted, s.deleted])).toEqual([
        ["insert", "\nThen", ""],
        ["delete", "", "\n"],
      ]);
      expect(blocks(doc)).toEqual(["The river rose forty\u2029Then feet.", "Roads closed.", "\u2060Schools shut."]);
      expect(readArticleContent(doc).body.textContent).toBe("The river rose forty feet.Roads closed.Schools shut.");
    });

    it("accepting splits and joins the paragraphs; rejecting leaves them as they were", () => {
      expect(resolve(suggested(), "accept")).toEqual(["The river rose forty", "Then feet.", "Roads closed.Schools shut."]);
      expect(resolve(suggested(), "reject")).toEqual(["The river rose forty feet.", "Roads closed.", "Schools shut."]);
    });

    it("accepting a break in a list item makes two items, as Enter would", () => {
      const doc = new Y.Doc();
      const item = (text: string) => schema.node("listItem", null, [schema.node("paragraph", null, [schema.text(text)])]);
      prosemirrorToYXmlFragment(schema.node("doc", null, [schema.node("bulletList", null, [item("Roads closed and schools shut.")])]), doc.getXmlFragment(articleFields.body));
      // After "Roads closed": the paragraph's text starts at 3, inside the list and its item.
      suggestOn(doc, (state) => {
        const at = stateAt(state.doc, 15);
        return at.apply(suggestTransaction(at, at.tr.split(15, 2), suggester())!);
      });
      expect(readArticleContent(doc, { withSuggestions: true }).body.child(0).childCount).toBe(1);
      resolve(doc, "accept");
      const list = readArticleContent(doc).body.child(0);
      expect(list.childCount).toBe(2);
      expect([list.child(0).textContent, list.child(1).textContent]).toEqual(["Roads closed", " and schools shut."]);
    });
  });
});
