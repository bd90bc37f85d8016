import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { articleFields } from "../docs/text";
import { readArticleContent } from "../editor/export/article-content";
import { buildArticle as article, buildSampleArticle } from "../editor/export/fixtures";
import { countDocument } from "../editor/counts";
import { projectArticle } from "./projection";

const text = (value: string, marks: { type: string; attrs?: Record<string, unknown> }[] = []) => ({ type: "text", text: value, marks });

/** An article built from ProseMirror JSON, as the editor stores it. */

const paragraph = (...content: object[]) => ({ type: "paragraph", content });
const base = () => [
  { type: "heading", attrs: { level: 2 }, content: [text("News")] },
  paragraph(text("Fares rise by "), text("a fifth", [{ type: "bold" }]), text(" from "), text("Monday", [{ type: "link", attrs: { href: "https://example.com/a" } }])),
];

describe("projectArticle", () => {
  it("reads headline, standfirst, body text and words the way the editor counts them", () => {
    const doc = buildSampleArticle();
    const projection = projectArticle(doc);
    expect(projection.headline).toBe("Mayor opens the new harbour");
    expect(projection.standfirst).toBe("Ships can dock from Monday, the council said.");
    expect(projection.bodyText.split("\n")[0]).toBe("News");
    expect(projection.words).toBe(countDocument(readArticleContent(doc).body, new WeakMap()).words);
    expect(projection.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("gives the same hash to the same article however it was typed, and ignores empty blocks and surrounding spaces", () => {
    const once = article(base());
    // The same text typed in pieces: Yjs keeps other items, a reader sees the same thing.
    const pieces = article([base()[0]!, paragraph(text("Fares rise by "))]);
    const runs = (pieces.getXmlFragment(articleFields.body).get(1) as Y.XmlElement).get(0) as Y.XmlText;
    runs.insert(runs.length, "a fif", { bold: {} });
    runs.insert(runs.length, "th", { bold: {} });
    runs.insert(runs.length, " from ", {});
    runs.insert(runs.length, "Monday", { link: { href: "https://example.com/a" } });
    const padded = article([...base(), { type: "paragraph" }], "  Ferry fares rise ");
    expect(projectArticle(pieces).contentHash).toBe(projectArticle(once).contentHash);
    expect(projectArticle(padded).contentHash).toBe(projectArticle(once).contentHash);
  });

  it("changes the hash for a word, a format, a link target, a block type or a direction", () => {
    const hash = (body: object[], headline?: string) => projectArticle(article(body, headline)).contentHash;
    const original = hash(base());
    const [heading, body] = base() as [object, { content: object[] }];
    expect(hash(base(), "Ferry fares fall")).not.toBe(original);
    expect(hash([heading, paragraph(text("Fares rise by a fifth from "), text("Monday", [{ type: "link", attrs: { href: "https://example.com/a" } }]))])).not.toBe(original);
    expect(hash([heading, paragraph(...body.content.slice(0, 3), text("Monday", [{ type: "link", attrs: { href: "https://example.com/b" } }]))])).not.toBe(original);
    expect(hash([{ type: "heading", attrs: { level: 3 }, content: [text("News")] }, body])).not.toBe(original);
    expect(hash([heading, { type: "paragraph", attrs: { dir: "rtl" }, content: body.content }])).not.toBe(original);
  });
});
