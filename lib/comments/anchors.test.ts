import fc from "fast-check";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { articleFields } from "../docs";
import { createAnchorResolver, encodeAnchorPosition, type StoredAnchor } from "./anchors";

/**
 * The passage is in capitals, the text around it in lower case, and
 * everything typed later in digits, so after any edits we know which
 * characters are the passage's: the anchors must cover exactly the capitals
 * that survive (plus whatever was typed between them), and no lower case.
 */
const before = "the harbour ";
const passage = "FIRESTARTED";
const after = " at dawn.";

function buildArticle(): { doc: Y.Doc; anchor: StoredAnchor } {
  const doc = new Y.Doc();
  doc.getText(articleFields.headline).insert(0, "Harbour fire");
  const first = new Y.XmlElement("paragraph");
  first.insert(0, [new Y.XmlText("An opening paragraph.")]);
  const second = new Y.XmlElement("paragraph");
  const text = new Y.XmlText(before + passage + after);
  second.insert(0, [text]);
  doc.getXmlFragment(articleFields.body).insert(0, [first, second]);
  const anchor = {
    // The start sticks to the passage's first character, the end to its last: typing at either edge stays outside.
    start: encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(text, before.length, 0)),
    end: encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(text, before.length + passage.length, -1)),
  };
  return { doc, anchor };
}

const passageText = (doc: Y.Doc) => {
  const paragraph = doc.getXmlFragment(articleFields.body).get(1) as Y.XmlElement;
  return paragraph.get(0) as Y.XmlText;
};

function sync(from: Y.Doc, to: Y.Doc) {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

type Edit = { site: 0 | 1; kind: "insert" | "delete"; at: number; length: number; exchange: boolean };

const editArb: fc.Arbitrary<Edit> = fc.record({
  site: fc.constantFrom(0 as const, 1 as const),
  kind: fc.constantFrom("insert" as const, "delete" as const),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.integer({ min: 1, max: 6 }),
  exchange: fc.boolean(),
});

function applyEdit(doc: Y.Doc, edit: Edit) {
  const text = passageText(doc);
  const index = Math.min(text.length, Math.floor(edit.at * (text.length + 1)));
  if (edit.kind === "insert") text.insert(index, "0123456789".slice(0, edit.length));
  else if (index < text.length) text.delete(index, Math.min(edit.length, text.length - index));
}

describe("comment anchors", () => {
  it("follow the passage through concurrent inserts and deletes on two replicas", () => {
    fc.assert(
      fc.property(fc.array(editArb, { minLength: 1, maxLength: 40 }), (edits) => {
        const { doc: a, anchor } = buildArticle();
        const b = new Y.Doc();
        sync(a, b);
        const sites = [a, b];
        for (const edit of edits) {
          applyEdit(sites[edit.site]!, edit);
          if (edit.exchange) {
            sync(a, b);
            sync(b, a);
          }
        }
        sync(a, b);
        sync(b, a);
        const current = passageText(a).toString();
        expect(passageText(b).toString()).toBe(current);
        const surviving = current.replace(/[^A-Z]/g, "");
        for (const doc of sites) {
          const view = createAnchorResolver(doc)(anchor);
          expect(view.text).not.toMatch(/[a-z]/);
          expect(view.text.replace(/[^A-Z]/g, "")).toBe(surviving);
          if (surviving) expect(view.state).toBe("attached");
          // With the passage's own characters all gone, only what was typed inside it may remain.
          else expect(view.state === "deleted" || /^[0-9]+$/.test(view.text)).toBe(true);
        }

        // Now delete everything of the passage and typed since: the thread is on deleted text.
        const text = passageText(b);
        for (let i = text.length - 1; i >= 0; i--) if (!/[a-z .]/.test(text.toString()[i]!)) text.delete(i, 1);
        sync(b, a);
        expect(createAnchorResolver(a)(anchor)).toEqual({ state: "deleted", text: "" });
      }),
      { numRuns: 300 },
    );
  });

  it("reports the passage across paragraphs, and 'none' without an anchor", () => {
    const { doc, anchor } = buildArticle();
    const resolve = createAnchorResolver(doc);
    expect(resolve(anchor)).toEqual({ state: "attached", text: passage });
    expect(resolve(null)).toEqual({ state: "none", text: "" });
    const first = (doc.getXmlFragment(articleFields.body).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const spanning = {
      start: encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(first, 3, 0)),
      end: anchor.end,
    };
    expect(createAnchorResolver(doc)(spanning).text).toBe(`opening paragraph.\n${before}${passage}`);
  });

  it("a passage whose whole paragraph is removed is on deleted text", () => {
    const { doc, anchor } = buildArticle();
    doc.getXmlFragment(articleFields.body).delete(1, 1);
    expect(createAnchorResolver(doc)(anchor)).toEqual({ state: "deleted", text: "" });
  });
});
