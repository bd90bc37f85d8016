import * as decoding from "lib0/decoding";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as postComment } from "../../app/api/articles/[id]/comments/route";
import { setStore } from "../../lib/db/client";
import { addMember, insertArticle, insertUser } from "../../lib/testing/factories";
import { storeKinds } from "../../lib/testing/stores";
import type { User } from "../../lib/users";
import { messageArticleEvent } from "./article-events";
import { connectProvider, RawClient, startCollab, tokenFor, waitFor, type TestCollab, type TestProvider } from "./testing/harness";

describe.each(storeKinds)("article events over the collab connection on %s", (kind) => {
  let server: TestCollab;
  let writer: User;
  let reviewer: User;
  let editor: User;
  let article: { id: string };
  let otherArticle: { id: string };
  const open: { provider: TestProvider; events: Record<string, string>[] }[] = [];

  beforeAll(async () => {
    server = await startCollab({ kind });
    // The API routes and the collab server share one store and one event bus, as in `npm start`.
    setStore({ db: server.db, dialect: kind, close: async () => {} });
    writer = await insertUser(server.db, { role: "writer", name: "Wanda Writer" });
    reviewer = await insertUser(server.db, { role: "reviewer", name: "Rita Reviewer" });
    editor = await insertUser(server.db, { role: "editor", name: "Ed Editor" });
    article = await insertArticle(server.db, writer);
    otherArticle = await insertArticle(server.db, writer);
    await addMember(server.db, article.id, reviewer, "reviewer");
  });
  afterEach(() => {
    for (const { provider } of open.splice(0)) provider.destroy();
  });
  afterAll(async () => {
    await server?.close();
  });

  /** A stock WebsocketProvider with the handler Galley's editor registers for type 9 (and asks for it). */
  async function connect(user: User, articleId: string, { asksForEvents = true } = {}) {
    const params: Record<string, string> = { token: tokenFor(user), ...(asksForEvents ? { events: "1" } : {}) };
    const provider = connectProvider(server.url, articleId, params);
    const events: Record<string, string>[] = [];
    provider.provider.messageHandlers[messageArticleEvent] = (_encoder, decoder) => {
      events.push(JSON.parse(decoding.readVarString(decoder)));
    };
    open.push({ provider, events });
    await provider.synced;
    return events;
  }

  const comment = async (user: User, body: string) => {
    const response = await postComment(
      new Request(`http://galley.test/api/articles/${article.id}/comments`, {
        method: "POST",
        headers: { authorization: `Bearer ${tokenFor(user)}`, "content-type": "application/json" },
        body: JSON.stringify({ body }),
      }),
      { params: Promise.resolve({ id: article.id }) },
    );
    expect(response.status).toBe(201);
    return (await response.json()).comment as { id: string };
  };

  it("a comment posted through the API reaches every open connection of the article, and no other", async () => {
    const writerEvents = await connect(writer, article.id);
    const reviewerEvents = await connect(reviewer, article.id);
    const elsewhere = await connect(writer, otherArticle.id);
    const { id } = await comment(reviewer, "Is the date right?");
    const expected = { type: "comment.changed", articleId: article.id, commentId: id, threadId: id };
    await waitFor(() => writerEvents.length > 0 && reviewerEvents.length > 0, "the comment event");
    expect(writerEvents).toEqual([expected]);
    expect(reviewerEvents).toEqual([expected]);
    // The other article's connection hears nothing of this one's discussion.
    await connect(writer, otherArticle.id);
    expect(elsewhere).toEqual([]);
  });

  it("a mention tells the mentioned user's connections on any article, so their unread count updates", async () => {
    const editorEvents = await connect(editor, otherArticle.id);
    await comment(reviewer, `@[Ed Editor](${editor.id}) can you look?`);
    await waitFor(() => editorEvents.length > 0, "the notification event");
    expect(editorEvents).toEqual([{ type: "notification.created", userId: editor.id }]);
  });

  it("a stock provider that did not ask with ?events=1 is never sent type 9", async () => {
    const stockEvents = await connect(writer, article.id, { asksForEvents: false });
    const galleyEvents = await connect(reviewer, article.id);
    await comment(reviewer, "Check the spelling of the minister's name.");
    await waitFor(() => galleyEvents.length > 0, "the comment event");
    expect(stockEvents).toEqual([]);
  });

  it("a client may not send the server→client type 9 itself", async () => {
    const raw = await RawClient.open(server.url, article.id, { token: tokenFor(writer) });
    raw.send(Uint8Array.of(messageArticleEvent, 2, 0x7b, 0x7d));
    expect((await raw.closed).code).toBe(1003);
  });
});
