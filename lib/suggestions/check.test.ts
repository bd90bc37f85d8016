import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { articleFields } from "../docs/text";
import { applyAndCheckSuggestion, checkSuggestion, copyDocument } from "./check";
import { paragraphBreak, paragraphJoin, suggestDelete, suggestInsert } from "./marks";
import { bodyText, buildArticle, markBy, updateFrom } from "./testing";

const reviewer = "user-reviewer";
const other = "user-other";

type Field = "headline" | "standfirst" | "body";
const textOf = (doc: Y.Doc, field: Field): Y.Text =>
  field === "body" ? bodyText(doc) : doc.getText(articleFields[field]);

/** An article that already holds one suggestion of each kind by `reviewer` and by `other`, in every field. */
function articleWithSuggestions(): Y.Doc {
  const doc = buildArticle();
  doc.transact(() => {
    for (const field of ["headline", "standfirst", "body"] as const) {
      const text = textOf(doc, field);
      // "Forty dead…" / "Rescuers…" / "The river…": mark the first two characters as deleted by other,
      text.format(0, 2, { [suggestDelete]: markBy(other, `other-del-${field}`) });
      // and append one insertion by each.
      text.insert(text.length, " mine", { [suggestInsert]: markBy(reviewer, `mine-ins-${field}`) });
      text.insert(text.length, " theirs", { [suggestInsert]: markBy(other, `other-ins-${field}`) });
      text.format(4, 2, { [suggestDelete]: markBy(reviewer, `mine-del-${field}`) });
    }
  });
  return doc;
}

/** A text's characters (an XmlText's toString writes its formatting as tags). */
const plain = (text: Y.Text) => (text.toDelta() as { insert: string }[]).map((op) => op.insert).join("");

type Change = (text: Y.Text, doc: Y.Doc) => void;

const allowed: [string, Change][] = [
  ["inserts text marked as their suggestion", (t) => t.insert(3, "xyz", { [suggestInsert]: markBy(reviewer) })],
  ["marks text as deleted on their own behalf", (t) => t.format(7, 3, { [suggestDelete]: markBy(reviewer) })],
  [
    "replaces text (a deletion and an insertion with one id)",
    (t) => {
      const mark = markBy(reviewer);
      t.format(7, 3, { [suggestDelete]: mark });
      t.insert(10, "new", { [suggestInsert]: mark });
    },
  ],
  ["takes back their own suggested deletion", (t) => t.format(4, 2, { [suggestDelete]: null })],
  ["removes their own pending insertion", (t) => t.delete(plain(t).indexOf(" mine"), 5)],
  ["types inside their own pending insertion", (t) => t.insert(plain(t).indexOf(" mine") + 2, "ore", { [suggestInsert]: markBy(reviewer, "mine-ins-x") })],
  ["sends nothing new", () => {}],
];

const refused: [string, Change][] = [
  ["inserts plain text", (t) => t.insert(3, "xyz")],
  ["deletes text", (t) => t.delete(7, 3)],
  ["makes text bold", (t) => t.format(7, 3, { bold: {} })],
  ["adds a link", (t) => t.format(7, 3, { link: { href: "https://example.com" } })],
  ["inserts text attributed to another user", (t) => t.insert(3, "xyz", { [suggestInsert]: markBy(other) })],
  ["inserts text with a malformed mark", (t) => t.insert(3, "xyz", { [suggestInsert]: { id: "x", by: reviewer } })],
  ["inserts bold text marked as theirs and deleted", (t) => t.insert(3, "xyz", { [suggestInsert]: markBy(reviewer), [suggestDelete]: markBy(reviewer) })],
  ["marks text as deleted on another user's behalf", (t) => t.format(7, 3, { [suggestDelete]: markBy(other) })],
  ["removes another user's pending insertion", (t) => t.delete(plain(t).indexOf(" theirs"), 7)],
  ["takes back another user's suggested deletion", (t) => t.format(0, 2, { [suggestDelete]: null })],
  ["takes over another user's suggested deletion", (t) => t.format(0, 2, { [suggestDelete]: markBy(reviewer) })],
  ["accepts their own insertion (removes its mark)", (t) => t.format(plain(t).indexOf(" mine"), 5, { [suggestInsert]: null })],
  ["marks another user's insertion as deleted", (t) => t.format(plain(t).indexOf(" theirs"), 7, { [suggestDelete]: markBy(reviewer) })],
];

describe.each(["headline", "standfirst", "body"] as const)("a suggester's change to the %s", (field) => {
  it.each(allowed)("is allowed when it %s", (_, change) => {
    const doc = articleWithSuggestions();
    const update = updateFrom(doc, (copy) => change(textOf(copy, field), copy));
    expect(checkSuggestion(doc, update, reviewer)).toBeNull();
  });

  it.each(refused)("is refused when it %s", (_, change) => {
    const doc = articleWithSuggestions();
    const update = updateFrom(doc, (copy) => change(textOf(copy, field), copy));
    expect(checkSuggestion(doc, update, reviewer)).toEqual(expect.any(String));
  });
});

describe("a suggested paragraph break or join (lib/suggestions/marks.ts)", () => {
  const marker: [string, string][] = [
    ["break", paragraphBreak],
    ["join", paragraphJoin],
  ];
  it.each(marker)("is allowed in the body as the suggester's insertion (%s)", (_, char) => {
    const doc = articleWithSuggestions();
    const update = updateFrom(doc, (copy) => textOf(copy, "body").insert(3, char, { [suggestInsert]: markBy(reviewer) }));
    expect(checkSuggestion(doc, update, reviewer)).toBeNull();
  });
  it.each(["headline", "standfirst"] as const)("is refused in the %s, which is one line", (field) => {
    const doc = articleWithSuggestions();
    for (const [, char] of marker) {
      const update = updateFrom(doc, (copy) => textOf(copy, field).insert(3, char, { [suggestInsert]: markBy(reviewer) }));
      expect(checkSuggestion(doc, update, reviewer)).toBe("puts a paragraph break in the headline or standfirst");
    }
  });
});

describe("a suggester's change to the body's structure", () => {
  const structural: [string, (doc: Y.Doc) => void][] = [
    ["adds a paragraph", (doc) => doc.getXmlFragment(articleFields.body).insert(1, [new Y.XmlElement("paragraph")])],
    ["removes a paragraph", (doc) => doc.getXmlFragment(articleFields.body).delete(0, 1)],
    ["turns a paragraph right-to-left", (doc) => (doc.getXmlFragment(articleFields.body).get(0) as Y.XmlElement).setAttribute("dir", "rtl")],
    ["adds a text run to a paragraph", (doc) => (doc.getXmlFragment(articleFields.body).get(0) as Y.XmlElement).insert(0, [new Y.XmlText("x")])],
    ["writes to a shared type the article does not have", (doc) => doc.getMap("settings").set("x", 1)],
    ["writes to another root text", (doc) => doc.getText("notes").insert(0, "hello")],
  ];
  it.each(structural)("is refused when it %s", (_, change) => {
    const doc = articleWithSuggestions();
    expect(checkSuggestion(doc, updateFrom(doc, change), reviewer)).toEqual(expect.any(String));
  });
});

describe("applyAndCheckSuggestion", () => {
  it("leaves the checked change in the shadow copy, so the next check builds on it", () => {
    const doc = buildArticle();
    const shadow = copyDocument(doc);
    const first = updateFrom(doc, (copy) => bodyText(copy).insert(0, "A", { [suggestInsert]: markBy(reviewer, "first-one") }));
    expect(applyAndCheckSuggestion(doc, shadow, first, reviewer)).toBeNull();
    Y.applyUpdate(doc, first);
    const second = updateFrom(doc, (copy) => bodyText(copy).insert(1, "B", { [suggestInsert]: markBy(reviewer, "first-one") }));
    expect(applyAndCheckSuggestion(doc, shadow, second, reviewer)).toBeNull();
    expect(plain(bodyText(shadow))).toContain("AB");
  });

  it("refuses an update that builds on changes the server lacks", () => {
    const doc = buildArticle();
    const ahead = copyDocument(doc);
    bodyText(ahead).insert(0, "X", { [suggestInsert]: markBy(reviewer) });
    const later = updateFrom(ahead, (copy) => bodyText(copy).insert(1, "Y", { [suggestInsert]: markBy(reviewer) }));
    expect(checkSuggestion(doc, later, reviewer)).toMatch(/does not have/);
  });
});
