import { getSchema } from "@tiptap/core";
import { yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { articleFields, renderPlainText } from "../docs/text";
import { articleExtensions } from "./extensions";
import { seedArticleTemplate } from "./template";

function exchange(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe("seedArticleTemplate", () => {
  it("gives an empty article a News section and an empty paragraph", () => {
    const doc = new Y.Doc();
    expect(seedArticleTemplate(doc)).toBe(true);
    const schema = getSchema(articleExtensions());
    const body = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(articleFields.body), schema);
    body.check();
    expect(body.toJSON().content).toEqual([
      { type: "heading", attrs: { level: 2, dir: null }, content: [{ type: "text", text: "News" }] },
      { type: "paragraph", attrs: { dir: null } },
    ]);
    expect(renderPlainText(doc)).toBe("News");
  });

  it("two clients seeding the same empty article at once end with one template", () => {
    const first = new Y.Doc();
    const second = new Y.Doc();
    expect(seedArticleTemplate(first)).toBe(true);
    expect(seedArticleTemplate(second)).toBe(true);
    const third = new Y.Doc();
    exchange(first, second);
    exchange(second, third);
    for (const doc of [first, second, third]) {
      expect(doc.getXmlFragment(articleFields.body).length).toBe(2);
      expect(renderPlainText(doc)).toBe("News");
    }
  });

  it("a late copy of the template does not come back after the writer deleted it", () => {
    const writer = new Y.Doc();
    seedArticleTemplate(writer);
    const latecomer = new Y.Doc();
    seedArticleTemplate(latecomer);
    const body = writer.getXmlFragment(articleFields.body);
    body.delete(0, body.length);
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("Breaking: the bridge is closed.")]);
    body.insert(0, [paragraph]);
    exchange(writer, latecomer);
    expect(renderPlainText(latecomer)).toBe("Breaking: the bridge is closed.");
    expect(renderPlainText(writer)).toBe("Breaking: the bridge is closed.");
  });

  it("leaves an article that already has a body alone", () => {
    const doc = new Y.Doc();
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("Imported copy")]);
    doc.getXmlFragment(articleFields.body).insert(0, [paragraph]);
    expect(seedArticleTemplate(doc)).toBe(false);
    expect(renderPlainText(doc)).toBe("Imported copy");
  });

  it("does not touch the headline or standfirst", () => {
    const doc = new Y.Doc();
    seedArticleTemplate(doc);
    expect(doc.getText(articleFields.headline).length).toBe(0);
    expect(doc.getText(articleFields.standfirst).length).toBe(0);
  });
});
