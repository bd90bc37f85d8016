import { marked } from "marked";
import { describe, expect, it } from "vitest";
import type { ThreadView } from "../../comments/threads";
import { readArticleContent } from "./article-content";
import { toExportedThreads } from "./comments";
import { buildSampleArticle } from "./fixtures";
import { renderArticleHtml } from "./html";
import { renderArticleMarkdown } from "./markdown";

const person = (name: string) => ({ id: name.toLowerCase().replace(/\W/g, ""), name });

function thread(overrides: Partial<ThreadView>): ThreadView {
  return {
    id: "t",
    body: "",
    author: person("Rita Reviewer"),
    createdAt: "2026-03-04T09:15:30.000Z",
    editedAt: null,
    deleted: false,
    resolved: false,
    resolvedAt: null,
    resolvedBy: null,
    quote: null,
    anchor: { state: "none", text: "" },
    position: null,
    replies: [],
    ...overrides,
  };
}

const reply = (body: string, extra: Partial<ThreadView["replies"][number]> = {}) => ({
  id: `r-${body}`,
  threadId: "t",
  body,
  author: person("Wes Writer"),
  createdAt: "2026-03-04T10:00:00.000Z",
  editedAt: null,
  deleted: false,
  ...extra,
});

/** An open thread with a reply, an edit, a deleted reply and a mention; a resolved one on deleted text; hostile text. */
const threads = toExportedThreads([
  thread({
    body: "Is £40m *right*? Ask @[Eve Editor](eve1)\n# not a heading",
    quote: "£40m",
    anchor: { state: "attached", text: "£40m" },
    editedAt: "2026-03-04T09:20:00.000Z",
    replies: [reply("Yes, the council said so."), reply("", { deleted: true })],
  }),
  thread({
    body: '<img src=x onerror="alert(1)"> [link](javascript:alert(1))',
    quote: "at dawn",
    anchor: { state: "deleted", text: "" },
    resolved: true,
    resolvedBy: person("Eve Editor"),
  }),
]);

const content = readArticleContent(buildSampleArticle());

describe("export with comments", () => {
  it("leaves the clean copy as it was without them", () => {
    expect(renderArticleMarkdown(content, { comments: [] })).toBe(renderArticleMarkdown(content));
    expect(renderArticleHtml(content, {})).toBe(renderArticleHtml(content));
    expect(renderArticleMarkdown(content)).not.toContain("Comments");
  });

  it("appends every thread to the Markdown: state, passage, author, time, body and replies, deleted ones as deleted", () => {
    const markdown = renderArticleMarkdown(content, { comments: threads });
    const section = markdown.slice(markdown.indexOf("\n---\n"));
    expect(section).toBe(
      "\n" +
      [
        "---",
        "## Comments",
        "### Thread 1 · open",
        "On: “£40m”",
        [
          "- **Rita Reviewer**, 2026-03-04 09:15 UTC (edited): Is £40m \\*right\\*? Ask @Eve Editor\\",
          "  \\# not a heading",
          "- **Wes Writer**, 2026-03-04 10:00 UTC: Yes, the council said so.",
          "- *Deleted comment*",
        ].join("\n"),
        "### Thread 2 · resolved by Eve Editor",
        "On deleted text: “at dawn”",
        "- **Rita Reviewer**, 2026-03-04 09:15 UTC: \\<img src=x onerror=\"alert(1)\"> \\[link\\](javascript:alert(1))\n",
      ].join("\n\n"),
    );
    // Read back by a Markdown parser: the comments stay text, nothing of them becomes markup.
    const html = marked.parse(section, { async: false });
    expect(html).toContain("<h2>Comments</h2>");
    expect(html).toContain("Is £40m *right*? Ask @Eve Editor<br>");
    expect(html).not.toMatch(/<img|<a |<h1>not/);
  });

  it("appends the threads to the HTML after the article, every part escaped", () => {
    const html = renderArticleHtml(content, { comments: threads });
    const section = html.slice(html.indexOf("</article>"));
    expect(section).toContain('<section class="comments">\n<h2>Comments</h2>\n<section class="thread">\n<h3>Thread 1 · open</h3>');
    expect(section).toContain('<p class="passage">On: <q dir="auto">£40m</q></p>');
    expect(section).toContain(
      '<li><p class="meta"><strong>Rita Reviewer</strong>, <time datetime="2026-03-04T09:15:30.000Z">2026-03-04 09:15 UTC</time> (edited)</p>' +
        '<p dir="auto">Is £40m *right*? Ask @Eve Editor<br># not a heading</p></li>',
    );
    expect(section).toContain('<li class="deleted"><em>Deleted comment</em></li>');
    expect(section).toContain("<h3>Thread 2 · resolved by Eve Editor</h3>");
    expect(section).toContain("On deleted text: <q dir=\"auto\">at dawn</q>");
    expect(section).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(section).not.toMatch(/<img|<script|<a /);
  });
});
