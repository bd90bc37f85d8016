import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { renderPlainText } from "./text";

function paragraph(text: string, marks?: Record<string, unknown>): Y.XmlElement {
  const element = new Y.XmlElement("paragraph");
  const content = new Y.XmlText();
  content.insert(0, text, marks);
  element.insert(0, [content]);
  return element;
}

describe("renderPlainText", () => {
  it("renders headline, standfirst and each body block separated by blank lines", () => {
    const doc = new Y.Doc();
    doc.getText("headline").insert(0, "Council votes to close the bridge");
    doc.getText("standfirst").insert(0, "Repairs will take a year.");
    const body = doc.getXmlFragment("default");
    const heading = new Y.XmlElement("heading");
    heading.setAttribute("level", "2");
    const headingText = new Y.XmlText();
    headingText.insert(0, "What happens next");
    heading.insert(0, [headingText]);
    body.insert(0, [paragraph("The vote was 7 to 2."), heading]);

    expect(renderPlainText(doc)).toBe(
      "Council votes to close the bridge\n\nRepairs will take a year.\n\nThe vote was 7 to 2.\n\nWhat happens next",
    );
  });

  it("drops formatting and keeps the words of marked text", () => {
    const doc = new Y.Doc();
    const text = new Y.XmlText();
    const element = new Y.XmlElement("paragraph");
    element.insert(0, [text]);
    doc.getXmlFragment("default").insert(0, [element]);
    text.insert(0, "plain ");
    text.insert(6, "bold", { bold: true });
    text.insert(10, " end");

    expect(renderPlainText(doc)).toBe("plain bold end");
  });

  it("renders list items and quotes as their own blocks and hard breaks as new lines", () => {
    const doc = new Y.Doc();
    const list = new Y.XmlElement("bulletList");
    const first = new Y.XmlElement("listItem");
    const second = new Y.XmlElement("listItem");
    first.insert(0, [paragraph("first point")]);
    second.insert(0, [paragraph("second point")]);
    list.insert(0, [first, second]);
    const broken = new Y.XmlElement("paragraph");
    const before = new Y.XmlText();
    before.insert(0, "line one");
    const after = new Y.XmlText();
    after.insert(0, "line two");
    broken.insert(0, [before, new Y.XmlElement("hardBreak"), after]);
    doc.getXmlFragment("default").insert(0, [list, new Y.XmlElement("paragraph"), broken]);

    expect(renderPlainText(doc)).toBe("first point\n\nsecond point\n\nline one\nline two");
  });

  it("is empty for an empty document", () => {
    expect(renderPlainText(new Y.Doc())).toBe("");
  });
});
