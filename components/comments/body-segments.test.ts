import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { commentBodyText, mentionsUser, parseCommentBody } from "./body-segments";
import { CommentBody } from "./comment-body";

const render = (body: string) => renderToStaticMarkup(createElement(CommentBody, { body }));

describe("comment bodies", () => {
  it("turns http, https and mailto addresses into links that open safely in a new tab", () => {
    const html = render("See https://example.org/report?id=4. Or mail mailto:desk@example.org, or http://x.test");
    expect(html).toContain('<a href="https://example.org/report?id=4" target="_blank" rel="noopener noreferrer">');
    expect(html).toContain(">https://example.org/report?id=4</a><span>. Or mail </span>");
    expect(html).toContain('href="mailto:desk@example.org"');
    expect(html).toContain('href="http://x.test/"');
  });

  it("never links other schemes", () => {
    for (const body of ["javascript:alert(1)", "data:text/html,<b>x</b>", "vbscript:msgbox", "file:///etc/passwd"]) {
      expect(parseCommentBody(body).every((segment) => segment.kind === "text")).toBe(true);
      expect(render(body)).not.toContain("<a ");
    }
  });

  it("shows mentions as @Name chips and keeps who was meant", () => {
    const body = "@[Rui Santos](u_123) please check with @[Ana](a-9)";
    expect(parseCommentBody(body)).toEqual([
      { kind: "mention", name: "Rui Santos", userId: "u_123" },
      { kind: "text", text: " please check with " },
      { kind: "mention", name: "Ana", userId: "a-9" },
    ]);
    expect(render(body)).toContain('<span class="mention-chip" data-user-id="u_123">@Rui Santos</span>');
    expect(commentBodyText(body)).toBe("@Rui Santos please check with @Ana");
    expect(mentionsUser(body, "a-9")).toBe(true);
    expect(mentionsUser(body, "u_12")).toBe(false);
    expect(mentionsUser("write to @u_12", "u_12")).toBe(false);
  });

  it("shows HTML in a body as text, never as markup", () => {
    const html = render('<img src=x onerror="alert(1)"> <script>alert(2)</script> @[<b>Eve</b>](e1)');
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<b>");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).toContain("@&lt;b&gt;Eve&lt;/b&gt;");
  });

  it("a link cannot break out of its attribute", () => {
    const html = render('https://example.org/"onmouseover="alert(1)');
    expect(html).not.toMatch(/"\s*onmouseover=/);
    expect(html).toContain('href="https://example.org/"');
  });
});
