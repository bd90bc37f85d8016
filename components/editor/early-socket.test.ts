import vm from "node:vm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { WebSocket as NodeWebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { articleFields } from "../../lib/docs/text";
import { insertArticle, insertUser } from "../../lib/testing/factories";
import type { User } from "../../lib/users";
import { connectProvider, startCollab, tokenFor, waitFor, type TestCollab } from "../../server/collab/testing/harness";
import { adoptingWebSocket, applyEarlyDocument } from "./early-socket";
import { earlySocketGlobal, earlySocketScript } from "./early-socket-script";

/**
 * The page's inline script and the provider that adopts its socket, against
 * the real collab server. The script runs as the page would run it, in a
 * context of its own whose window, location and WebSocket are this test's.
 */
describe("the early collab socket", () => {
  let server: TestCollab;
  let writer: User;
  let articleId: string;
  /** Bytes of the article as the server stores it: a message at least half that size carried all of it. */
  let articleBytes: number;
  const cleanups: (() => void)[] = [];

  beforeAll(async () => {
    server = await startCollab();
    writer = await insertUser(server.db, { role: "writer" });
    articleId = (await insertArticle(server.db, writer)).id;
    const author = connectProvider(server.url, articleId, { token: tokenFor(writer), saved: "1" });
    await author.synced;
    const body = author.doc.getXmlFragment(articleFields.body);
    author.doc.transact(() => {
      for (let i = 0; i < 200; i++) {
        const paragraph = new Y.XmlElement("paragraph");
        paragraph.insert(0, [new Y.XmlText(`Paragraph ${i}: the harbour strike enters its third week. `.repeat(4))]);
        body.insert(body.length, [paragraph]);
      }
    });
    articleBytes = Y.encodeStateAsUpdate(author.doc).length;
    await server.collab.idle();
    author.destroy();
  });
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
    vi.unstubAllGlobals();
  });
  afterAll(async () => {
    await server?.close();
  });

  /** Sockets as the browser would open them for this user (the page's cookie is a token here), counting full copies. */
  function socketsFor(user: User, token = tokenFor(user)) {
    const opened: string[] = [];
    let fullCopies = 0;
    class BrowserSocket extends NodeWebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(`${url}&token=${token}`, protocols);
        opened.push(url);
        // A browser's socket reports a refused handshake as an event nobody has to handle; Node's throws without a listener.
        this.on("error", () => {});
        this.on("message", (data: Buffer) => void (data.byteLength >= articleBytes / 2 && fullCopies++));
      }
    }
    return { BrowserSocket: BrowserSocket as unknown as typeof WebSocket, opened, fullCopies: () => fullCopies };
  }

  /**
   * A page loading article `id` as this user: a fresh window (the global the editor's code reads too) in
   * which the page's script has run. Returns its sockets, the window and the unadopted-close timer it set.
   */
  function openPage(id = articleId, token = tokenFor(writer)) {
    const win: Record<string, unknown> = {};
    vi.stubGlobal("window", win);
    const sockets = socketsFor(writer, token);
    let unadoptedTimer: (() => void) | undefined;
    const setTimeout = (callback: () => void) => void (unadoptedTimer = callback);
    const location = { protocol: "http:", host: `127.0.0.1:${server.port}` };
    vm.runInNewContext(earlySocketScript(id), { window: win, location, WebSocket: sockets.BrowserSocket, setTimeout, Uint8Array });
    return { ...sockets, win, fireUnadoptedTimer: () => unadoptedTimer?.() };
  }

  function provide(Open: typeof WebSocket, doc = new Y.Doc()) {
    const provider = new WebsocketProvider(server.url, articleId, doc, {
      params: { saved: "1", events: "1" },
      WebSocketPolyfill: adoptingWebSocket(Open),
      disableBc: true,
      maxBackoffTime: 300,
    });
    cleanups.push(() => {
      provider.destroy();
      doc.destroy();
    });
    const text = () => doc.getXmlFragment(articleFields.body).toString();
    return { doc, provider, text };
  }

  async function serverText() {
    const reader = connectProvider(server.url, articleId, { token: tokenFor(writer) });
    cleanups.push(() => reader.destroy());
    await reader.synced;
    return reader.doc.getXmlFragment(articleFields.body).toString();
  }

  it("hands the provider the document the page asked for, on the one socket, sent once", async () => {
    const { win, BrowserSocket, opened, fullCopies } = openPage();
    // The document arrives while the page's scripts would still be loading.
    await waitFor(() => fullCopies() === 1, "the document on the early socket");

    const { provider, text } = provide(BrowserSocket);
    await waitFor(() => provider.synced && provider.wsconnected, "the provider synced on the adopted socket");
    expect(text()).toBe(await serverText());
    expect(text()).toContain("Paragraph 199");
    expect(win[earlySocketGlobal]).toBeUndefined();
    expect(opened).toHaveLength(1);
    expect(fullCopies()).toBe(1);
  });

  it("fills the document from the early socket before anything listens, and the provider does not take it in again", async () => {
    const { BrowserSocket, opened, fullCopies } = openPage();
    await waitFor(() => fullCopies() === 1, "the document on the early socket");

    const doc = new Y.Doc();
    applyEarlyDocument(`${server.url}/${articleId}?saved=1&events=1`, doc);
    expect(doc.getXmlFragment(articleFields.body).toString()).toBe(await serverText());
    // What the session's listeners (save tracker, browser copy, provider) would be handed, each encoded by Yjs.
    const heard: number[] = [];
    doc.on("update", (update: Uint8Array) => heard.push(update.byteLength));
    const { provider, text } = provide(BrowserSocket, doc);
    await waitFor(() => provider.synced && provider.wsconnected, "the provider synced on the adopted socket");
    expect(text()).toContain("Paragraph 199");
    expect(heard.filter((bytes) => bytes >= articleBytes / 2)).toEqual([]);
    expect(opened).toHaveLength(1);
    expect(fullCopies()).toBe(1);
  });

  it("leaves the early socket's document alone for another URL", async () => {
    const { BrowserSocket, fullCopies } = openPage();
    await waitFor(() => fullCopies() === 1, "the document on the early socket");
    const doc = new Y.Doc();
    applyEarlyDocument(`${server.url}/${articleId}?saved=1&events=1&token=other`, doc);
    expect(doc.getXmlFragment(articleFields.body).length).toBe(0);
    const { provider, text } = provide(BrowserSocket, doc);
    await waitFor(() => provider.synced, "the provider synced");
    expect(text()).toContain("Paragraph 199");
  });

  it("edits made on the adopted socket are stored and reach others", async () => {
    const { BrowserSocket, opened } = openPage();
    const { doc, provider } = provide(BrowserSocket);
    await waitFor(() => provider.synced, "the provider synced");
    expect(opened).toHaveLength(1);
    const headline = doc.getText(articleFields.headline);
    headline.insert(headline.length, "Dockers vote to strike");
    await server.collab.idle();
    const reader = connectProvider(server.url, articleId, { token: tokenFor(writer) });
    cleanups.push(() => reader.destroy());
    await reader.synced;
    expect(reader.doc.getText(articleFields.headline).toString()).toContain("Dockers vote to strike");
  });

  it("a socket still connecting when adopted syncs through the provider's own first message", async () => {
    const { BrowserSocket, opened, fullCopies } = openPage();
    const { provider, text } = provide(BrowserSocket);
    await waitFor(() => provider.synced, "the provider synced");
    expect(text()).toBe(await serverText());
    expect(opened).toHaveLength(1);
    expect(fullCopies()).toBe(1);
  });

  it("an early socket the server refused hands the provider the close, and the provider reconnects on its own", async () => {
    const { win } = openPage(articleId, "forged-token");
    await waitFor(() => (win[earlySocketGlobal] as { close: unknown }).close !== null, "the early socket refused");

    const { BrowserSocket, opened } = socketsFor(writer);
    const { provider, text } = provide(BrowserSocket);
    const closes: number[] = [];
    provider.on("connection-close", (event) => void (event && closes.push(event.code)));
    await waitFor(() => provider.synced, "the provider synced on a socket of its own");
    expect(closes).toHaveLength(1);
    expect(opened).toHaveLength(1);
    expect(text()).toContain("Paragraph 199");
  });

  it("is not adopted for another article, and closes itself when nobody adopts it", async () => {
    const other = (await insertArticle(server.db, writer)).id;
    const { win, BrowserSocket, opened, fireUnadoptedTimer } = openPage(other);
    const early = win[earlySocketGlobal] as { socket: NodeWebSocket };

    const { provider } = provide(BrowserSocket);
    await waitFor(() => provider.synced, "the provider synced");
    expect(opened).toHaveLength(2);
    expect(win[earlySocketGlobal]).toBe(early);
    await waitFor(() => early.socket.readyState === NodeWebSocket.OPEN, "the early socket open");
    fireUnadoptedTimer();
    expect(win[earlySocketGlobal]).toBeUndefined();
    await waitFor(() => early.socket.readyState === NodeWebSocket.CLOSED, "the unadopted socket closed");
  });

  it("keeps the article id inside its string: no markup or script can be smuggled through it", () => {
    const script = earlySocketScript(`x"</script><script>alert(1)</script>`);
    expect(script).not.toContain("<");
    expect(script).not.toContain(`x"<`);
    // Still one well-formed script.
    expect(() => new vm.Script(script)).not.toThrow();
  });
});
