import { getSchema } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { findTextblockSplice } from "./exact-local-splice";
import { articleExtensions } from "./extensions";

const schema = getSchema(articleExtensions());
const doc = (...paragraphs: string[]) =>
  schema.node("doc", null, paragraphs.map((text) => schema.node("paragraph", null, text ? [schema.text(text)] : [])));

describe("findTextblockSplice", () => {
  it("places a letter typed into a run of equal letters by the caret after it", () => {
    // "R9:k" → "R9:kk": typed before the existing k (caret 5) or after it (caret 6).
    expect(findTextblockSplice(doc("R9:k"), doc("R9:kk"), 5)).toEqual({ path: [0], before: "R9:k", index: 3, remove: 0, insert: "k" });
    expect(findTextblockSplice(doc("R9:k"), doc("R9:kk"), 6)).toMatchObject({ index: 4, insert: "k" });
  });

  it("places a deletion in a run by the caret left behind", () => {
    expect(findTextblockSplice(doc("a  b"), doc("a b"), 2)).toMatchObject({ index: 1, remove: 1, insert: "" });
  });

  it("finds a replaced word in the second paragraph", () => {
    expect(findTextblockSplice(doc("One", "forty ships"), doc("One", "40 ships"), 8)).toEqual({
      path: [1],
      before: "forty ships",
      index: 0,
      remove: 5,
      insert: "40",
    });
  });

  it("leaves changes across blocks, new blocks and formatting-only changes to y-tiptap", () => {
    expect(findTextblockSplice(doc("One two"), doc("One", " two"), 6)).toBeNull();
    expect(findTextblockSplice(doc("One", "two"), doc("Onetwo"), 4)).toBeNull();
    const bold = schema.node("doc", null, [schema.node("paragraph", null, [schema.text("One", [schema.mark("bold")])])]);
    expect(findTextblockSplice(doc("One"), bold, 4)).toBeNull();
  });
});
