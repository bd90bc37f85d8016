import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { changesDocument, refusedText } from "./refused-changes";
import { articleFields } from "./text";

/** The stored article and a browser's copy of it that then went its own way. */
function storedAndCopy() {
  const stored = new Y.Doc();
  stored.getText(articleFields.headline).insert(0, "Ferry fares rise");
  const paragraph = new Y.XmlElement("paragraph");
  stored.getXmlFragment(articleFields.body).insert(0, [paragraph]);
  paragraph.insert(0, [new Y.XmlText("Operators blame fuel costs.")]);
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(stored));
  return { stored, copy, copyParagraph: copy.getXmlFragment(articleFields.body).get(0) as Y.XmlElement };
}

describe("changesDocument", () => {
  it("is false for an empty update and for one the document already holds", () => {
    const { stored, copy } = storedAndCopy();
    expect(changesDocument(stored, Y.encodeStateAsUpdate(copy, Y.encodeStateVector(stored)))).toBe(false);
    expect(changesDocument(stored, Y.encodeStateAsUpdate(copy))).toBe(false);
  });

  it("is true for typed text, and for deleting text the document still shows", () => {
    const typed = storedAndCopy();
    typed.copy.getText(articleFields.headline).insert(16, " again");
    expect(changesDocument(typed.stored, Y.encodeStateAsUpdate(typed.copy))).toBe(true);

    const deleted = storedAndCopy();
    (deleted.copyParagraph.get(0) as Y.XmlText).delete(0, 10);
    expect(changesDocument(deleted.stored, Y.encodeStateAsUpdate(deleted.copy))).toBe(true);
    // Once the store has that deletion too, sending it again changes nothing.
    Y.applyUpdate(deleted.stored, Y.encodeStateAsUpdate(deleted.copy));
    expect(changesDocument(deleted.stored, Y.encodeStateAsUpdate(deleted.copy))).toBe(false);
  });
});

describe("refusedText", () => {
  it("is what the copy typed that the store lacks: in the headline, inside a paragraph and as new paragraphs", () => {
    const { stored, copy, copyParagraph } = storedAndCopy();
    copy.getText(articleFields.headline).insert(16, " again");
    (copyParagraph.get(0) as Y.XmlText).insert(27, " Passengers are angry.");
    const added = new Y.XmlElement("paragraph");
    copy.getXmlFragment(articleFields.body).insert(1, [added]);
    added.insert(0, [new Y.XmlText("A second paragraph.")]);
    (copyParagraph.get(0) as Y.XmlText).delete(0, 10);
    const lines = refusedText(stored, Y.encodeStateAsUpdate(copy)).split("\n");
    expect(lines.sort()).toEqual(["A second paragraph.", "Passengers are angry.", "again"]);
    // The store itself is left as it was.
    expect(stored.getText(articleFields.headline).toString()).toBe("Ferry fares rise");
  });

  it("is empty when nothing was typed", () => {
    const { stored, copy } = storedAndCopy();
    expect(refusedText(stored, Y.encodeStateAsUpdate(copy))).toBe("");
  });
});
