import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { articleFields } from "../docs/text";
import { checkSuggestion } from "./check";
import { suggestionRanges, suggestSplice, type FieldSuggester } from "./text-suggestions";
import { buildArticle, updateFrom } from "./testing";

let ids = 0;
const rafa: FieldSuggester = { userId: "rafa", now: 1_765_000_000_000, newId: () => `field-suggestion-${++ids}` };
const plain = (text: Y.Text) => (text.toDelta() as { insert: string }[]).map((op) => op.insert).join("");

describe("suggestSplice on a headline", () => {
  it("replaces a word as a struck word and a suggested one after it, with one id, and the server lets it through", () => {
    const doc = buildArticle({ headline: "Forty dead in flood" });
    let caret = -1;
    const update = updateFrom(doc, (copy) => {
      caret = suggestSplice(copy.getText(articleFields.headline), { index: 0, remove: 5, insert: "40", isBackward: false }, rafa);
    });
    expect(checkSuggestion(doc, update, "rafa")).toBeNull();
    Y.applyUpdate(doc, update);
    const headline = doc.getText(articleFields.headline);
    expect(plain(headline)).toBe("Forty40 dead in flood");
    expect(suggestionRanges(headline)).toEqual([
      { from: 0, to: 5, kind: "delete", by: "rafa" },
      { from: 5, to: 7, kind: "insert", by: "rafa" },
    ]);
    expect(caret).toBe(7);
  });

  it("Backspace strikes and moves the caret before the struck letter; over one's own insertion it removes it", () => {
    const doc = buildArticle({ headline: "Flood" });
    const headline = doc.getText(articleFields.headline);
    expect(suggestSplice(headline, { index: 4, remove: 1, insert: "", isBackward: true }, rafa)).toBe(4);
    expect(suggestionRanges(headline)).toEqual([{ from: 4, to: 5, kind: "delete", by: "rafa" }]);
    suggestSplice(headline, { index: 5, remove: 0, insert: "s", isBackward: false }, rafa);
    expect(suggestSplice(headline, { index: 5, remove: 1, insert: "", isBackward: true }, rafa)).toBe(5);
    expect(plain(headline)).toBe("Flood");
  });

  it("leaves another suggester's insertion alone", () => {
    const doc = buildArticle({ standfirst: "Rescuers search" });
    const standfirst = doc.getText(articleFields.standfirst);
    suggestSplice(standfirst, { index: 8, remove: 0, insert: " still", isBackward: false }, { ...rafa, userId: "ana" });
    suggestSplice(standfirst, { index: 0, remove: 21, insert: "", isBackward: false }, rafa);
    expect(suggestionRanges(standfirst).map((r) => [plain(standfirst).slice(r.from, r.to), r.kind, r.by])).toEqual([
      ["Rescuers", "delete", "rafa"],
      [" still", "insert", "ana"],
      [" search", "delete", "rafa"],
    ]);
  });
});
