import { getSchema } from "@tiptap/core";
import { yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { articleExtensions } from "./extensions";
import { anchorEmptyTextblocks } from "./text-anchors";

const schema = getSchema(articleExtensions());
const isTextblock = (name: string) => schema.nodes[name]?.isTextblock === true;

/** Inserts elements into the body the way y-prosemirror does, anchoring in the same transaction when asked. */
function insertBlocks(doc: Y.Doc, build: () => Y.XmlElement[], { anchor }: { anchor: boolean }) {
  let anchored = 0;
  doc.transact((transaction) => {
    const body = doc.getXmlFragment("default");
    body.insert(body.length, build());
    if (anchor) anchored = anchorEmptyTextblocks(transaction, isTextblock);
  });
  return anchored;
}

const element = (name: string, children: (Y.XmlElement | Y.XmlText)[] = []) => {
  const el = new Y.XmlElement(name);
  el.insert(0, children);
  return el;
};

function exchange(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

/** Both people type their first characters into the one empty paragraph "at the same instant". */
function typeConcurrently(anchor: boolean) {
  const a = new Y.Doc();
  insertBlocks(a, () => [element("paragraph")], { anchor });
  const b = new Y.Doc();
  exchange(a, b);
  for (const [doc, text] of [[a, "alpha"], [b, "BRAVO"]] as const) {
    const paragraph = doc.getXmlFragment("default").get(0) as Y.XmlElement;
    const first = paragraph.get(0);
    if (first instanceof Y.XmlText) first.insert(0, text);
    else paragraph.insert(0, [new Y.XmlText(text)]);
  }
  exchange(a, b);
  return { a, b, paragraph: a.getXmlFragment("default").get(0) as Y.XmlElement };
}

describe("anchorEmptyTextblocks", () => {
  it("gives new empty paragraphs and headings, nested ones too, an empty text", () => {
    const doc = new Y.Doc();
    const anchored = insertBlocks(
      doc,
      () => [
        element("paragraph"),
        element("heading"),
        element("blockquote", [element("paragraph")]),
        element("bulletList", [element("listItem", [element("paragraph")])]),
        element("paragraph", [new Y.XmlText("has text")]),
      ],
      { anchor: true },
    );
    expect(anchored).toBe(4);
    const body = doc.getXmlFragment("default");
    expect(body.toString()).toBe(
      "<paragraph></paragraph><heading></heading><blockquote><paragraph></paragraph></blockquote>" +
        "<bulletlist><listitem><paragraph></paragraph></listitem></bulletlist><paragraph>has text</paragraph>",
    );
    expect((body.get(0) as Y.XmlElement).get(0)).toBeInstanceOf(Y.XmlText);
    expect(((body.get(2) as Y.XmlElement).get(0) as Y.XmlElement).get(0)).toBeInstanceOf(Y.XmlText);
  });

  it("re-anchors a paragraph whose text was removed", () => {
    const doc = new Y.Doc();
    insertBlocks(doc, () => [element("paragraph", [new Y.XmlText("x")])], { anchor: true });
    const paragraph = doc.getXmlFragment("default").get(0) as Y.XmlElement;
    doc.transact((transaction) => {
      paragraph.delete(0, 1);
      anchorEmptyTextblocks(transaction, isTextblock);
    });
    expect(paragraph.get(0)).toBeInstanceOf(Y.XmlText);
  });

  it("without an anchor, two first typists split one paragraph into two texts (the hazard)", () => {
    const { paragraph } = typeConcurrently(false);
    expect(paragraph.length).toBe(2);
  });

  it("with the anchor, two first typists share one text and both words survive whole", () => {
    const { a, b, paragraph } = typeConcurrently(true);
    expect(paragraph.length).toBe(1);
    const text = yXmlFragmentToProseMirrorRootNode(a.getXmlFragment("default"), schema).textContent;
    expect(["alphaBRAVO", "BRAVOalpha"]).toContain(text);
    expect(yXmlFragmentToProseMirrorRootNode(b.getXmlFragment("default"), schema).textContent).toBe(text);
  });
});
