import { beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createComment } from "@/lib/commands/create-comment";
import { deleteComment } from "@/lib/commands/delete-comment";
import { resolveThread } from "@/lib/commands/resolve-thread";
import { encodeAnchorPosition } from "@/lib/comments";
import { appendUpdates, articleFields } from "@/lib/docs";
import { seedNewsroom } from "@/lib/testing/newsroom";
import { apiRequest, bearer, setupRouteStore, withId } from "@/lib/testing/routes";
import type { User } from "@/lib/users";
import { GET as exportArticle } from "./route";

const store = setupRouteStore();
let writer: User, reviewer: User;
let articleId: string;

const download = (user: User, query: string) =>
  exportArticle(apiRequest(`/api/articles/${articleId}/export?${query}`, { headers: bearer(user) }), withId(articleId));

beforeAll(async () => {
  // A name with markup in it, to see that both exports escape it.
  ({ writer, reviewer, article: { id: articleId } } = await seedNewsroom(store.db, { names: { reviewer: "Rita <Reviewer>" } }));

  const doc = new Y.Doc();
  doc.getText(articleFields.headline).insert(0, "Fire at the harbour");
  const paragraph = new Y.XmlElement("paragraph");
  const text = new Y.XmlText("The fire started at dawn.");
  paragraph.insert(0, [text]);
  doc.getXmlFragment(articleFields.body).insert(0, [paragraph]);
  await appendUpdates(store.db, [{ articleId, data: Y.encodeStateAsUpdate(doc) }]);
  const anchor = {
    start: encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(text, 4, 0)),
    end: encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(text, 16, -1)),
  };
  const root = await createComment(store.db, reviewer, { articleId, body: "Which fire? <b>", anchor });
  await createComment(store.db, writer, { articleId, body: "The warehouse one.", parentId: root.id });
  const wrong = await createComment(store.db, writer, { articleId, body: "Ignore me", parentId: root.id });
  await deleteComment(store.db, writer, wrong.id);
  const general = await createComment(store.db, writer, { articleId, body: "Ready for the desk?" });
  await resolveThread(store.db, reviewer, general.id);
});

describe("GET /api/articles/:id/export with comments=1", () => {
  it("appends every thread, open and resolved, to the Markdown; without it the copy is clean", async () => {
    const clean = await (await download(reviewer, "format=markdown")).text();
    expect(clean).toBe("# Fire at the harbour\n\nThe fire started at dawn.\n");
    const response = await download(reviewer, "format=markdown&comments=1");
    expect(response.status).toBe(200);
    const markdown = await response.text();
    expect(markdown.startsWith(clean.trimEnd())).toBe(true);
    const section = markdown.slice(clean.length);
    expect(section).toContain("## Comments\n\n### Thread 1 · open\n\nOn: “fire started”\n\n");
    expect(section).toMatch(/- \*\*Rita \\<Reviewer>\*\*, \d{4}-\d\d-\d\d \d\d:\d\d UTC: Which fire\? \\<b>\n/);
    expect(section).toMatch(/- \*\*Wes Writer\*\*, [^:]+:\d\d UTC: The warehouse one\.\n- \*Deleted comment\*\n/);
    expect(section).toContain("### Thread 2 · resolved by Rita \\<Reviewer>\n\nOn the whole article\n\n");
    expect(section).not.toContain("Ignore me");
  });

  it("appends them to the HTML, escaped, and refuses any other value", async () => {
    const html = await (await download(writer, "format=html&comments=1")).text();
    expect(html).toContain("<strong>Rita &lt;Reviewer&gt;</strong>");
    expect(html).toContain("Which fire? &lt;b&gt;");
    expect(html.indexOf('<section class="comments">')).toBeGreaterThan(html.indexOf("</article>"));
    const refused = await download(writer, "format=html&comments=yes");
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: "bad_request", field: "comments" });
  });
});
