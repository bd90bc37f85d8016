import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { articleFields } from "../docs/text";
import { buildArticle } from "../editor/export/fixtures";
import { projectArticle } from "./projection";
import { restoreChange } from "./restore";

const text = (value: string) => ({ type: "text", text: value });
const p = (value: string) => ({ type: "paragraph", content: [text(value)] });

describe("restoreChange", () => {
  it("turns the article back into the version, touching only what changed", () => {
    const version = buildArticle([p("Fares rise on Monday."), p("The council agreed."), p("Unions object.")]);
    // Since then: a word changed, a paragraph added, the headline edited.
    const now = new Y.Doc();
    Y.applyUpdate(now, Y.encodeStateAsUpdate(version));
    const body = now.getXmlFragment(articleFields.body);
    ((body.get(1) as Y.XmlElement).get(0) as Y.XmlText).insert(4, "full ");
    const added = new Y.XmlElement("paragraph");
    body.insert(3, [added]);
    added.insert(0, [new Y.XmlText("A late paragraph.")]);
    now.getText(articleFields.headline).insert(16, " again");
    // A comment's anchor on a paragraph that did not change.
    const third = (body.get(2) as Y.XmlElement).get(0) as Y.XmlText;
    const anchor = Y.createRelativePositionFromTypeIndex(third, 7);

    const change = restoreChange(now, version)!;
    Y.applyUpdate(now, change);
    expect(projectArticle(now).contentHash).toBe(projectArticle(version).contentHash);
    const resolved = Y.createAbsolutePositionFromRelativePosition(anchor, now);
    expect(resolved?.type).toBe(third);
    expect(resolved?.index).toBe(7);
    // Small: far less than the whole document again.
    expect(change.length).toBeLessThan(Y.encodeStateAsUpdate(version).length);
  });

  it("is null when the article already says what the version says", () => {
    const version = buildArticle([p("Fares rise on Monday.")]);
    const now = new Y.Doc();
    Y.applyUpdate(now, Y.encodeStateAsUpdate(version));
    expect(restoreChange(now, version)).toBeNull();
  });
});
