import { randomBytes } from "node:crypto";
import { once } from "node:events";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { seedNewsroom } from "../../lib/testing/newsroom";
import type { User } from "../../lib/users";
import { registry } from "../metrics";
import {
  RawClient,
  awarenessMessage,
  connectProvider,
  startCollab,
  syncStep1Message,
  tokenFor,
  updateMessage,
  waitFor,
  type TestCollab,
  type TestProvider,
} from "./testing/harness";

let server: TestCollab;
let writer: User;
let articleId: string;
let a: TestProvider;
let b: TestProvider;

beforeAll(async () => {
  server = await startCollab({
    limits: {
      maxMessageBytes: 64 * 1024,
      maxDocumentBytes: 32 * 1024,
      maxMessagesPerSecond: 100,
      slowReaderTimeoutMs: 300,
    },
  });
  ({ writer, article: { id: articleId } } = await seedNewsroom(server.db));
  a = connectProvider(server.url, articleId, { token: tokenFor(writer) });
  b = connectProvider(server.url, articleId, { token: tokenFor(writer) });
  await Promise.all([a.synced, b.synced]);
});
afterAll(async () => {
  a?.destroy();
  b?.destroy();
  await server?.close();
});

let edits = 0;
/** The two well-behaved clients still edit together after each bad one. */
async function expectOthersStillServed() {
  const word = `ok${++edits} `;
  a.doc.getText("headline").insert(0, word);
  await waitFor(() => b.doc.getText("headline").toString().startsWith(word), "the healthy clients to keep syncing");
  expect(a.closeCodes).toEqual([]);
  expect(b.closeCodes).toEqual([]);
}

async function closeCodeAfter(...messages: (Uint8Array | string)[]): Promise<number> {
  const client = await RawClient.open(server.url, articleId, { token: tokenFor(writer) });
  for (const message of messages) client.send(message);
  return (await client.closed).code;
}

function realUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.getText("scratch").insert(0, "a perfectly ordinary sentence");
  return Y.encodeStateAsUpdate(doc);
}

describe("bad input closes only the connection that sent it", () => {
  it("a text frame closes with 1003", async () => {
    expect(await closeCodeAfter("-1")).toBe(1003);
    await expectOthersStillServed();
  });

  it("an unknown message type closes with 1003", async () => {
    expect(await closeCodeAfter(new Uint8Array([9, 1, 2]))).toBe(1003);
    await expectOthersStillServed();
  });

  it("truncated and malformed messages close with 1007", async () => {
    const update = realUpdate();
    const cases = [
      new Uint8Array([0, 2, 50, 1, 2]), // payload shorter than its length
      new Uint8Array([0]), // sync without a step
      new Uint8Array([0, 7, 0]), // no such sync step
      updateMessage(update.slice(0, update.length - 3)), // a Yjs update cut short
      new Uint8Array([...syncStep1Message(new Y.Doc()), 42]), // trailing bytes
      new Uint8Array([0, 0, 3, 255, 255, 255]), // a state vector that is not one
      awarenessMessage([{ clientId: 1, clock: 1, json: '{"user":' }]), // awareness that is not JSON
    ];
    const codes = [];
    for (const message of cases) codes.push(await closeCodeAfter(message));
    expect(codes).toEqual(cases.map(() => 1007));
    await expectOthersStillServed();
  });

  it("a frame larger than GALLEY_MAX_MESSAGE_BYTES closes with 1009", async () => {
    expect(await closeCodeAfter(new Uint8Array(64 * 1024 + 1))).toBe(1009);
    await expectOthersStillServed();
  });

  it("a frame with reserved bits set closes with a protocol error (1002), and the server stays up", async () => {
    const client = await RawClient.open(server.url, articleId, { token: tokenFor(writer) });
    // FIN + RSV1 + binary, masked, 4-byte payload with a zero mask key.
    const socket = (client.ws as unknown as { _socket: { write(b: Uint8Array): void } })._socket;
    socket.write(new Uint8Array([0xc2, 0x84, 0, 0, 0, 0, 3, 1, 2, 3]));
    expect((await client.closed).code).toBe(1002);
    await expectOthersStillServed();
  });

  it("an update growing the document past GALLEY_MAX_DOCUMENT_BYTES closes with 1009 and is not applied", async () => {
    const big = new Y.Doc();
    big.getText("headline").insert(0, "x".repeat(40 * 1024));
    expect(await closeCodeAfter(updateMessage(Y.encodeStateAsUpdate(big)))).toBe(1009);
    await expectOthersStillServed();
    expect(a.doc.getText("headline").length).toBeLessThan(1024);
  });

  it("more messages per second than allowed closes with 1008", async () => {
    const flood = Array.from({ length: 150 }, () => new Uint8Array([3]));
    expect(await closeCodeAfter(...flood)).toBe(1008);
    await expectOthersStillServed();
  });

  it("a client that stops reading is dropped once its socket makes no progress for the timeout", async () => {
    // A bare TCP socket: the handshake by hand, then it never reads again.
    const socket = net.connect(server.port, "127.0.0.1");
    socket.on("error", () => {});
    socket.write(
      `GET /collab/${articleId}?token=${tokenFor(writer)} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n` +
        `Connection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString("base64")}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    await once(socket, "data");
    socket.pause();
    const before = server.collab.stats().connections;
    const filler = new Y.Doc();
    filler.getText("filler").insert(0, "y".repeat(20 * 1024));
    const asker = await RawClient.open(server.url, articleId, { token: tokenFor(writer) });
    asker.send(updateMessage(Y.encodeStateAsUpdate(filler)));
    asker.close();

    // Ask for the whole document again and again (masked frames, as a client must); nobody reads the answers.
    // 40 a round: two rounds landing in one second on a busy machine stay under the rate limit (100/s),
    // which would close the connection for flooding instead (and, unread, its close would hang for 30 s).
    const request = new Uint8Array([0x82, 0x84, 0, 0, 0, 0, ...syncStep1Message(new Y.Doc())]);
    for (let round = 0; round < 30 && server.collab.stats().connections >= before; round++) {
      for (let i = 0; i < 40; i++) socket.write(request);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }

    await waitFor(() => server.collab.stats().connections < before, "the stalled client to be dropped", 3000);
    expect(await registry.metrics()).toMatch(/galley_collab_refusals_total\{reason="slow_reader"\} [1-9]/);
    socket.destroy();
    await expectOthersStillServed();
  }, 45_000);
});
