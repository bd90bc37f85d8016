import { describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { articleFields } from "../docs/text";
import { buildArticle as article } from "../editor/export/fixtures";
import { compareDocuments, type ComparedBlock } from "./compare";

const text = (value: string) => ({ type: "text", text: value });
const p = (value: string, attrs: Record<string, unknown> = {}) => ({ type: "paragraph", attrs, content: [text(value)] });
const h = (value: string, level = 2) => ({ type: "heading", attrs: { level }, content: [text(value)] });
const quote = (value: string) => ({ type: "blockquote", content: [p(value)] });


/** A block as "type dir: text with [+inserted] and [-deleted] words", for reading in a test. */
const show = (block: ComparedBlock | { type: "unchanged"; count: number }) =>
  "ops" in block
    ? `${block.type} ${block.dir}: ${block.ops.map((op) => (op.op === "equal" ? op.text : `[${op.op === "insert" ? "+" : "-"}${op.text}]`)).join("")}`
    : `(${block.count} unchanged)`;

describe("compareDocuments", () => {
  it("diffs headline and standfirst by words, and counts the words added and removed", () => {
    const result = compareDocuments(article([p("Fares rise.")]), article([p("Fares rise.")], "Ferry fares rise again", "Operators blame fuel and wages."));
    expect(result.headline).toEqual([
      { op: "equal", text: "Ferry fares rise " },
      { op: "insert", text: "again" },
    ]);
    expect(result.standfirst.filter((op) => op.op !== "equal").map((op) => [op.op, op.text.trim()])).toEqual([["insert", "and wages"]]);
    expect([result.added, result.removed]).toEqual([3, 0]);
  });

  it("aligns blocks: an inserted paragraph, a deleted one and an edited one, headings and quotes kept as such", () => {
    const before = article([h("News"), p("The council met."), p("It voted seven to two."), quote("We are pleased"), p("Work starts in May.")]);
    const after = article([h("News"), p("The council met on Tuesday."), p("A new paragraph."), quote("We are pleased"), p("Work starts in May.")]);
    expect(compareDocuments(before, after).body.map(show)).toEqual([
      "heading2 ltr: News",
      "paragraph ltr: The council met [+on Tuesday].",
      "paragraph ltr: [-It voted seven to two][+A new paragraph].",
      "quote ltr: We are pleased",
      "paragraph ltr: Work starts in May.",
    ]);
  });

  it("shows a moved paragraph as removed where it was and added where it is now", () => {
    const before = article([p("First."), p("Second."), p("Third.")]);
    const after = article([p("Second."), p("Third."), p("First.")]);
    const shown = compareDocuments(before, after).body.map(show);
    expect(shown).toContain("paragraph ltr: [-First.]");
    expect(shown).toContain("paragraph ltr: [+First.]");
    expect(shown.indexOf("paragraph ltr: [-First.]")).toBeLessThan(shown.indexOf("paragraph ltr: [+First.]"));
  });

  it("keeps right-to-left blocks right to left, whether detected or set by the writer", () => {
    const before = article([p("قال رئيس البلدية إن العمل سيبدأ"), p("Set right to left", { dir: "rtl" })]);
    const after = article([p("قال رئيس البلدية إن العمل سيبدأ غدا"), p("Set right to left", { dir: "rtl" })]);
    expect(compareDocuments(before, after).body.map(show)).toEqual([
      "paragraph rtl: قال رئيس البلدية إن العمل سيبدأ [+غدا]",
      "paragraph rtl: Set right to left",
    ]);
  });

  it("folds long runs of unchanged blocks, keeping two on each side of a change", () => {
    const many = (changed: boolean) => Array.from({ length: 12 }, (_, i) => p(i === 6 && changed ? "Paragraph six, edited." : `Paragraph ${i}.`));
    const body = compareDocuments(article(many(false)), article(many(true))).body;
    expect(body.map(show)).toEqual([
      "(4 unchanged)",
      "paragraph ltr: Paragraph 4.",
      "paragraph ltr: Paragraph 5.",
      "paragraph ltr: Paragraph [-6][+six, edited].",
      "paragraph ltr: Paragraph 7.",
      "paragraph ltr: Paragraph 8.",
      "(3 unchanged)",
    ]);
    expect(compareDocuments(article(many(false)), article(many(true)), { isFolded: false }).body).toHaveLength(12);
  });

  it("compares accepted text only, and lists the newer state's open suggestions apart, with their authors", () => {
    const before = article([p("The river rose forty feet.")], "River floods");
    const after = article([p("The river rose forty feet.")], "River floods");
    const mark = (id: string) => ({ id, by: "user-ana", at: 1_765_000_000_000 });
    after.getText(articleFields.headline).insert(12, " again", { suggestInsert: mark("headline-again") });
    const paragraph = (after.getXmlFragment(articleFields.body).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    paragraph.format(15, 5, { suggestDelete: mark("replace-forty") });
    paragraph.insert(20, "40", { suggestInsert: mark("replace-forty") });

    const result = compareDocuments(before, after, { nameOf: (id) => (id === "user-ana" ? "Ana Ruiz" : "?") });
    expect([result.added, result.removed]).toEqual([0, 0]);
    expect(result.headline).toEqual([{ op: "equal", text: "River floods" }]);
    expect(result.suggestions).toEqual([
      { id: "headline-again", author: { id: "user-ana", name: "Ana Ruiz" }, field: "headline", kind: "insert", inserted: " again", deleted: "" },
      { id: "replace-forty", author: { id: "user-ana", name: "Ana Ruiz" }, field: "body", kind: "replace", inserted: "40", deleted: "forty" },
    ]);
  });
});
