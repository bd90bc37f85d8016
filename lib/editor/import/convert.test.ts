import { getSchema } from "@tiptap/core";
import { yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { articleFields } from "../../docs/text";
import { readArticleContent } from "../export/article-content";
import { buildSampleArticle } from "../export/fixtures";
import { renderArticleHtml } from "../export/html";
import { renderArticleMarkdown } from "../export/markdown";
import { articleExtensions } from "../extensions";
import { seedArticleTemplate } from "../template";
import { buildArticleUpdate, fileToHtml, htmlToArticle } from "./convert";
import { buildDocx } from "./docx-builder";

const encode = (text: string) => new TextEncoder().encode(text);

const markdownFile = `# Harbour reopens after dredging

Ships return to the old port on Monday.

## News

The work cost **£4m** and took *two years*, [the council](https://council.example/harbour) said.
<script>alert(1)</script>
[Not this](javascript:alert(1)) <img src="https://other.host/x.png">

- Berths: 6
- Cranes: 2

> قال رئيس البلدية: «هذا يوم عظيم»

# Comment

A second h1 is only a section.
`;

function importedDocument(html: string): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, buildArticleUpdate(htmlToArticle(html)));
  return doc;
}

describe("importing Markdown", () => {
  it("takes the headline and standfirst from the first # and the paragraph after it", async () => {
    const article = htmlToArticle(await fileToHtml("markdown", encode(markdownFile)));
    expect(article.headline).toBe("Harbour reopens after dredging");
    expect(article.standfirst).toBe("Ships return to the old port on Monday.");
  });

  it("builds a document the editor's schema accepts, with sections, lists, quote and safe links only", async () => {
    const doc = importedDocument(await fileToHtml("markdown", encode(markdownFile)));
    const body = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(articleFields.body), getSchema(articleExtensions()));
    body.check();
    expect(body.content.content.map((node) => node.type.name)).toEqual([
      "heading", "paragraph", "paragraph", "bulletList", "blockquote", "heading", "paragraph",
    ]);
    const markdown = renderArticleMarkdown(readArticleContent(doc));
    expect(markdown).toContain("# Harbour reopens after dredging\n\n*Ships return to the old port on Monday.*\n\n## News\n\n");
    expect(markdown).toContain("The work cost **£4m** and took *two years*, [the council](https://council.example/harbour) said.");
    expect(markdown).toContain("- Berths: 6\n- Cranes: 2");
    expect(markdown).toContain('<blockquote dir="rtl"><p>قال رئيس البلدية: «هذا يوم عظيم»</p></blockquote>');
    expect(markdown).toContain("## Comment\n\nA second h1 is only a section.");
    expect(markdown).not.toMatch(/script|javascript|img|other\.host/);
  });

  it("takes the headline from the first heading of any level when the file has no #, and keeps a two-line byline's break", async () => {
    const commentary = [
      "## Why the harbour still matters",
      "",
      "The port shaped the town for two centuries.",
      "",
      "By Leila Haddad  ",
      "Harbour correspondent",
      "",
      "## The dredging",
      "",
      "It took two years.",
      "",
    ].join("\n");
    const doc = importedDocument(await fileToHtml("markdown", encode(commentary)));
    expect(doc.getText(articleFields.headline).toString()).toBe("Why the harbour still matters");
    expect(doc.getText(articleFields.standfirst).toString()).toBe("The port shaped the town for two centuries.");
    const content = readArticleContent(doc);
    const markdown = renderArticleMarkdown(content);
    expect(markdown).toContain("By Leila Haddad\\\nHarbour correspondent");
    expect(markdown).toContain("## The dredging");
    expect(renderArticleHtml(content)).toContain("<p>By Leila Haddad<br>Harbour correspondent</p>");
    // And the exported Markdown reads back with the break.
    const again = readArticleContent(importedDocument(await fileToHtml("markdown", encode(markdown))));
    expect(renderArticleMarkdown(again)).toBe(markdown);
  });

  it("leaves an empty body empty, so the article opens with its template instead of a blank paragraph", async () => {
    const doc = importedDocument(await fileToHtml("markdown", encode("# Only a headline\n")));
    expect(doc.getText(articleFields.headline).toString()).toBe("Only a headline");
    expect(seedArticleTemplate(doc)).toBe(true);
  });
});

describe("round trips", () => {
  const original = readArticleContent(buildSampleArticle());

  it("an exported Markdown file imports back to the same article, direction and language phrases included", async () => {
    const exported = renderArticleMarkdown(original);
    const reimported = importedDocument(await fileToHtml("markdown", encode(exported)));
    expect(renderArticleMarkdown(readArticleContent(reimported))).toBe(exported);
  });

  it("so does an exported HTML file, read as the clipboard would bring it", () => {
    const exported = renderArticleHtml(original);
    expect(renderArticleHtml(readArticleContent(importedDocument(exported)))).toBe(exported);
  });
});

describe("importing .docx", () => {
  it("reads Word's title, headings, formatting, links and a right-to-left paragraph", async () => {
    const docx = await buildDocx([
      { style: "Title", runs: [{ text: "Budget vote delayed" }] },
      { runs: [{ text: "Councillors want more time." }] },
      { style: "Heading1", runs: [{ text: "News" }] },
      {
        runs: [
          { text: "The vote moves to " },
          { text: "June", isBold: true },
          { text: ", says " },
          { text: "the agenda", href: "https://council.example/agenda" },
          { text: " and " },
          { text: "nobody else", isItalic: true },
          { text: "." },
        ],
      },
      { style: "Quote", isRightToLeft: true, runs: [{ text: "نحتاج إلى مزيد من الوقت" }] },
    ]);
    const doc = importedDocument(await fileToHtml("docx", docx));
    const markdown = renderArticleMarkdown(readArticleContent(doc));
    expect(markdown).toBe(
      [
        "# Budget vote delayed",
        "*Councillors want more time.*",
        "## News",
        "The vote moves to **June**, says [the agenda](https://council.example/agenda) and *nobody else*.",
        '<blockquote dir="rtl"><p>نحتاج إلى مزيد من الوقت</p></blockquote>',
      ].join("\n\n") + "\n",
    );
  });

  it("refuses a file that is not a Word document", async () => {
    await expect(fileToHtml("docx", encode("not a zip at all"))).rejects.toThrow();
  });
});
