import { marked } from "marked";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { articleFields } from "../../docs/text";
import { paragraphBreak, paragraphJoin, suggestInsert } from "../../suggestions/marks";
import { readArticleContent } from "./article-content";
import { slugFilename } from "./filename";
import { buildSampleArticle } from "./fixtures";
import { renderArticleHtml } from "./html";
import { renderArticleMarkdown } from "./markdown";

const content = readArticleContent(buildSampleArticle());

describe("Markdown export", () => {
  const markdown = renderArticleMarkdown(content);

  it("writes the headline as # , the standfirst emphasized and sections as ## ", () => {
    expect(markdown.startsWith("# Mayor opens the new harbour\n\n*Ships can dock from Monday, the council said.*\n\n## News\n\n")).toBe(true);
    expect(markdown).toContain("\n\n## Comment\n\n");
  });

  it("keeps bold, italic and safe links, and drops a javascript: link but not its words", () => {
    expect(markdown).toContain("The harbour cost **£40m** and took *three years*. Read [the report](https://example.com/report) or the bad link.");
    expect(markdown).not.toContain("javascript");
    expect(markdown).toContain("- Jobs: ***120***\n- Berths: 6\n\n1. First \\* stars \\_ and \\[brackets\\]");
  });

  it("keeps direction: the Arabic quotation as a right-to-left HTML block, the phrase as <span lang dir>", () => {
    expect(markdown).toContain('The crowd shouted <span lang="ar" dir="rtl">مرحبا</span> as she arrived.');
    expect(markdown).toContain('<blockquote dir="rtl"><p>قالت العمدة: «هذا يوم عظيم لمدينتنا»</p></blockquote>');
    expect(markdown).toContain('<p dir="rtl">A line the writer set right to left</p>');
    expect(markdown).toContain('<p dir="ltr">مؤتمر صحفي للعمدة في قاعة المدينة اليوم (City Hall)</p>');
  });

  it("reads back through a Markdown parser as the same structure and text", () => {
    const html = marked.parse(markdown, { async: false });
    expect(html).toContain("<h1>Mayor opens the new harbour</h1>");
    expect(html).toContain("<p><em>Ships can dock from Monday, the council said.</em></p>");
    expect(html).toContain("<strong>£40m</strong>");
    expect(html).toContain('<a href="https://example.com/report">the report</a>');
    expect(html).toContain("<li>Jobs: <em><strong>120</strong></em></li>");
    expect(html).toContain("<li>First * stars _ and [brackets]</li>");
    expect(html).toContain("<p>2024. A year<br># not a heading</p>");
    expect(html).toContain('<blockquote dir="rtl"><p>قالت العمدة');
    expect(html).not.toMatch(/<h1>not|<ol start="2024"/);
  });
});

describe("HTML export", () => {
  const html = renderArticleHtml(content);

  it("is a standalone document with the headline, standfirst and body inside <article>, and no scripts", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("<title>Mayor opens the new harbour</title>");
    expect(html).toContain('<article>\n<h1>Mayor opens the new harbour</h1>\n<p class="standfirst">Ships can dock from Monday, the council said.</p>\n<h2>News</h2>');
    expect(html).not.toMatch(/<script|javascript:|\son\w+=/i);
    expect(html.match(/<style>/g)).toHaveLength(1);
  });

  it("marks the Arabic quotation dir=rtl from its text, the phrase with lang and dir, and nothing else rtl", () => {
    expect(html).toContain('<blockquote dir="rtl"><p>قالت العمدة: «هذا يوم عظيم لمدينتنا»</p></blockquote>');
    expect(html).toContain('<span lang="ar" dir="rtl">مرحبا</span>');
    expect(html).toContain('<p dir="rtl">A line the writer set right to left</p>');
    expect(html).toContain('<p dir="ltr">مؤتمر صحفي للعمدة في قاعة المدينة اليوم (City Hall)</p>');
    expect(html.match(/dir="rtl"/g)).toHaveLength(3);
  });

  it("leaves out the empty paragraph and keeps lists and formatting", () => {
    expect(html).not.toContain("<p></p>");
    expect(html).toContain("<ul><li><p>Jobs: <strong><em>120</em></strong></p></li><li><p>Berths: 6</p></li></ul>");
    expect(html).toContain("<p>2024. A year<br># not a heading</p>");
  });

  it("escapes text that looks like markup", () => {
    const doc = readArticleContent(buildSampleArticle());
    expect(renderArticleHtml({ ...doc, headline: '<img src=x onerror="x">' })).toContain("<h1>&lt;img src=x onerror=&quot;x&quot;&gt;</h1>");
  });

  it("gives an Arabic headline its direction", () => {
    expect(renderArticleHtml({ ...content, headline: "افتتاح الميناء" })).toContain('<h1 dir="rtl">افتتاح الميناء</h1>');
    expect(renderArticleMarkdown({ ...content, headline: "افتتاح الميناء" })).toMatch(/^<h1 dir="rtl">افتتاح الميناء<\/h1>\n\n/);
  });
});

describe("suggested paragraph breaks and joins, with suggestions=1", () => {
  const doc = buildSampleArticle();
  const first = (doc.getXmlFragment(articleFields.body).toArray().find((node) => node instanceof Y.XmlElement && node.nodeName === "paragraph") as Y.XmlElement).get(0) as Y.XmlText;
  first.insert(0, `Lead${paragraphBreak}`, { [suggestInsert]: { id: "break-suggestion", by: "ana", at: 1 } });
  first.insert(0, paragraphJoin, { [suggestInsert]: { id: "join-suggestion", by: "ana", at: 2 } });
  const withMarkers = readArticleContent(doc, { withSuggestions: true });

  it("show as a pilcrow that ends the line and a struck one in HTML, and as pilcrows in CriticMarkup", () => {
    expect(renderArticleHtml(withMarkers)).toContain("<ins><del>¶</del></ins><ins>Lead¶<br></ins>");
    expect(renderArticleMarkdown(withMarkers)).toContain("{++¶++}{++Lead¶++}");
  });

  it("are left out of the accepted text", () => {
    expect(renderArticleHtml(readArticleContent(doc))).not.toMatch(/Lead|¶|\u2029|\u2060/);
  });
});

describe("slugFilename", () => {
  it("makes an ASCII file name, falling back for text without Latin letters", () => {
    expect(slugFilename("Council votes: 5–4 on the Café!", "article")).toBe("council-votes-5-4-on-the-cafe");
    expect(slugFilename("افتتاح الميناء", "article-1")).toBe("article-1");
  });
});
