import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { articleFields } from "../docs/text";
import { suggestDelete, suggestInsert } from "./marks";
import { acceptedText } from "./accepted";
import { readSuggestions } from "./read";
import { resolveSuggestionsChange } from "./resolve";
import { bodyText, buildArticle, markBy } from "./testing";

const plain = (text: Y.Text) => (text.toDelta() as { insert: string }[]).map((op) => op.insert).join("");

/** "The river rose forty feet overnight." with "forty" → "40" suggested by ana, and "overnight" struck by ben. */
function suggested(): Y.Doc {
  const doc = buildArticle();
  const text = bodyText(doc);
  const replace = markBy("ana", "replace-forty");
  text.format(15, 5, { [suggestDelete]: replace });
  text.insert(20, "40", { [suggestInsert]: replace });
  text.format(27, 10, { [suggestDelete]: markBy("ben", "strike-overnight") });
  doc.getText(articleFields.headline).insert(0, "Breaking: ", { [suggestInsert]: markBy("ben", "headline-prefix") });
  return doc;
}

describe("readSuggestions", () => {
  it("lists each open suggestion once, in reading order, with what it inserts and deletes", () => {
    const found = readSuggestions(suggested());
    expect(found.map(({ id, by, field, kind, inserted, deleted }) => ({ id, by, field, kind, inserted, deleted }))).toEqual([
      { id: "headline-prefix", by: "ben", field: "headline", kind: "insert", inserted: "Breaking: ", deleted: "" },
      { id: "replace-forty", by: "ana", field: "body", kind: "replace", inserted: "40", deleted: "forty" },
      { id: "strike-overnight", by: "ben", field: "body", kind: "delete", inserted: "", deleted: " overnight" },
    ]);
  });

  it("ignores marks that are not well formed", () => {
    const doc = buildArticle();
    bodyText(doc).format(0, 3, { [suggestDelete]: { id: "short", by: "x" } });
    expect(readSuggestions(doc)).toEqual([]);
  });
});

describe("resolveSuggestionsChange", () => {
  const resolve = (doc: Y.Doc, ids: string[], resolution: "accept" | "reject") => {
    const change = resolveSuggestionsChange(doc, new Set(ids), resolution);
    expect(change).not.toBeNull();
    Y.applyUpdate(doc, change!);
    return doc;
  };

  it("accepting a replacement keeps the new words and drops the old", () => {
    const doc = resolve(suggested(), ["replace-forty"], "accept");
    expect(plain(bodyText(doc))).toBe("The river rose 40 feet overnight.");
    expect(readSuggestions(doc).map((s) => s.id)).toEqual(["headline-prefix", "strike-overnight"]);
  });

  it("rejecting a replacement keeps the old words and drops the new", () => {
    const doc = resolve(suggested(), ["replace-forty"], "reject");
    expect(plain(bodyText(doc))).toBe("The river rose forty feet overnight.");
    expect(acceptedText(bodyText(doc))).toBe("The river rose forty feet overnight.");
  });

  it("accepts a deletion and an insertion in the headline together", () => {
    const doc = resolve(suggested(), ["strike-overnight", "headline-prefix"], "accept");
    expect(plain(bodyText(doc))).toBe("The river rose forty40 feet.");
    expect(doc.getText(articleFields.headline).toString()).toBe("Breaking: Forty dead in flood");
  });

  it("changes nothing for a suggestion the document no longer holds", () => {
    expect(resolveSuggestionsChange(suggested(), new Set(["gone-gone-gone"]), "accept")).toBeNull();
  });
});

describe("acceptedText", () => {
  it("leaves suggested insertions out and keeps suggested deletions", () => {
    expect(acceptedText(bodyText(suggested()))).toBe("The river rose forty feet overnight.");
    expect(acceptedText(suggested().getText(articleFields.headline))).toBe("Forty dead in flood");
  });
});
