import { beforeAll, describe, expect, it } from "vitest";
import { mintToken } from "@/lib/auth/tokens";
import { buildDocx } from "@/lib/editor/import/docx-builder";
import { insertArticle } from "@/lib/testing/factories";
import { seedNewsroom } from "@/lib/testing/newsroom";
import { apiRequest, bearer, noParams, routeTestSecret, setupRouteStore, withId } from "@/lib/testing/routes";
import type { User } from "@/lib/users";
import { connectProvider, startCollabOn } from "@/server/collab/testing/harness";
import { GET as exportArticle } from "./[id]/export/route";
import { POST as importArticle } from "./import/route";

const store = setupRouteStore();
let writer: User, otherWriter: User, reviewer: User;
beforeAll(async () => {
  ({ writer, outsider: otherWriter, reviewer } = await seedNewsroom(store.db));
});

function upload(user: User | null, name: string, content: BlobPart) {
  const form = new FormData();
  form.set("file", new File([content], name));
  const headers = user ? bearer(user) : {};
  return importArticle(apiRequest("/api/articles/import", { method: "POST", body: form, headers }), noParams);
}

const download = (user: User, id: string, format: string) =>
  exportArticle(apiRequest(`/api/articles/${id}/export?format=${format}`, { headers: bearer(user) }), withId(id));

const markdownFile = `# Ferry fares rise in April

Commuters will pay a fifth more, the operator said.

## News

Fares rise by **20%** from *1 April*, says [the operator](https://ferries.example/fares).

- Single: £4.80
- Return: £9

## Comment

> لن نتحمل هذه الزيادة
`;

describe("POST /api/articles/import then GET /api/articles/:id/export", () => {
  it("imports a Markdown file as a new draft and exports it back with its headline and sections", async () => {
    const response = await upload(writer, "ferry-fares.md", markdownFile);
    expect(response.status).toBe(201);
    const { article } = await response.json();
    expect(article).toMatchObject({ title: "Ferry fares rise in April", status: "draft", authors: [{ id: writer.id }] });
    expect(response.headers.get("location")).toBe(`/api/articles/${article.id}`);

    const exported = await download(writer, article.id, "markdown");
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(exported.headers.get("content-disposition")).toBe('attachment; filename="ferry-fares-rise-in-april.md"');
    const markdown = await exported.text();
    expect(markdown).toContain("# Ferry fares rise in April\n\n*Commuters will pay a fifth more, the operator said.*\n\n## News\n\n");
    expect(markdown).toContain("Fares rise by **20%** from *1 April*, says [the operator](https://ferries.example/fares).");
    expect(markdown).toContain("- Single: £4.80\n- Return: £9");
    expect(markdown).toContain('## Comment\n\n<blockquote dir="rtl"><p>لن نتحمل هذه الزيادة</p></blockquote>');
  });

  it("imports a .docx and exports clean HTML with the Arabic quotation right to left", async () => {
    const docx = await buildDocx([
      { style: "Title", runs: [{ text: "Library hours extended" }] },
      { runs: [{ text: "Open until ten on weekdays." }] },
      { style: "Heading1", runs: [{ text: "News" }] },
      { runs: [{ text: "The change starts " }, { text: "next week", isBold: true }, { text: "." }] },
      { style: "Quote", isRightToLeft: true, runs: [{ text: "هذا خبر رائع للطلاب" }] },
    ]);
    const response = await upload(writer, "Library.docx", new Uint8Array(docx));
    expect(response.status).toBe(201);
    const { article } = await response.json();
    expect(article.title).toBe("Library hours extended");

    const exported = await download(writer, article.id, "html");
    expect(exported.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(exported.headers.get("content-disposition")).toBe('attachment; filename="library-hours-extended.html"');
    const html = await exported.text();
    expect(html).toContain('<h1>Library hours extended</h1>\n<p class="standfirst">Open until ten on weekdays.</p>\n<h2>News</h2>');
    expect(html).toContain("<p>The change starts <strong>next week</strong>.</p>");
    expect(html).toContain('<blockquote dir="rtl"><p>هذا خبر رائع للطلاب</p></blockquote>');
    expect(html).not.toContain("<script");
  });

  it("the collaboration server serves the imported document to the first person who opens it", async () => {
    const { article } = await (await upload(writer, "ferry.md", markdownFile)).json();
    const collab = await startCollabOn(store.db);
    const client = connectProvider(collab.url, article.id, { token: mintToken(writer, 600, routeTestSecret) });
    try {
      await client.synced;
      expect(client.doc.getText("headline").toString()).toBe("Ferry fares rise in April");
      const headings = client.doc.getXmlFragment("default").toArray().filter((node) => "nodeName" in node && node.nodeName === "heading");
      expect(headings.map((node) => node.toJSON())).toEqual(['<heading level="2">News</heading>', '<heading level="2">Comment</heading>']);
    } finally {
      client.destroy();
      await collab.close();
    }
  });
});

describe("import refusals", () => {
  it("names the accepted types for any other file", async () => {
    const response = await upload(writer, "notes.txt", "plain text");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: "bad_request",
      message: "Galley imports a Markdown (.md) or Word (.docx) file; notes.txt is neither.",
      field: "file",
    });
  });

  it("answers 413 for a file over 5 MB and 400 for a .docx that is not one", async () => {
    const large = await upload(writer, "huge.md", "a".repeat(5 * 1024 * 1024 + 1));
    expect(large.status).toBe(413);
    expect(await large.json()).toMatchObject({ error: "payload_too_large", field: "file" });
    const fake = await upload(writer, "report.docx", "this is not a zip");
    expect(fake.status).toBe(400);
    expect((await fake.json()).message).toContain("not a Word document");
  });

  it("answers 400 without a file, 401 without credentials and 403 for a reviewer", async () => {
    const empty = await importArticle(
      apiRequest("/api/articles/import", { method: "POST", body: new FormData(), headers: bearer(writer) }),
      noParams,
    );
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ message: "Choose a file to import.", field: "file" });
    expect((await upload(null, "a.md", "# A")).status).toBe(401);
    expect((await upload(reviewer, "a.md", "# A")).status).toBe(403);
  });
});

describe("export refusals", () => {
  it("answers 400 naming format for an unknown format, 403 for another's article, 404 for none", async () => {
    const article = await insertArticle(store.db, otherWriter, { title: "Not shared" });
    const badFormat = await download(otherWriter, article.id, "pdf");
    expect(badFormat.status).toBe(400);
    expect(await badFormat.json()).toMatchObject({ error: "bad_request", field: "format" });
    expect((await download(writer, article.id, "markdown")).status).toBe(403);
    expect((await download(writer, "nope", "markdown")).status).toBe(404);
  });

  it("exports an article nobody has written in yet under its working title", async () => {
    const article = await insertArticle(store.db, otherWriter, { title: "Blank page" });
    const response = await download(otherWriter, article.id, "markdown");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="blank-page.md"');
    expect(await response.text()).toBe("# Blank page\n");
  });
});
