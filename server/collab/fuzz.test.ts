import { afterAll, beforeAll, expect, it } from "vitest";
import fc from "fast-check";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import { insertArticle, insertUser } from "../../lib/testing/factories";
import type { User } from "../../lib/users";
import {
  RawClient,
  connectProvider,
  startCollab,
  syncStep1Message,
  tokenFor,
  waitFor,
  type TestCollab,
} from "./testing/harness";

let server: TestCollab;
let writer: User;

beforeAll(async () => {
  // Limits raised so the fuzzed messages reach the parsers instead of the rate limit.
  server = await startCollab({ limits: { maxMessagesPerSecond: 100_000 } });
  writer = await insertUser(server.db, { role: "writer" });
});
afterAll(async () => {
  await server?.close();
});

/** Real updates of a field no honest client uses, to mutate into near-valid garbage. */
function sampleUpdates(): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  const scratch = doc.getText("fuzzfield");
  for (let i = 0; i < 20; i++) scratch.insert(Math.floor(scratch.length / 2), `chunk ${i} `);
  scratch.delete(3, 10);
  doc.getXmlFragment("fuzzxml").insert(0, [new Y.XmlElement("p")]);
  return updates;
}

function framed(prefix: number[], payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const n of prefix) encoding.writeVarUint(encoder, n);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

const updates = sampleUpdates();
const mutatedUpdate = fc
  .tuple(
    fc.constantFrom(...updates),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
    fc.nat(),
  )
  .map(([update, flips, cut]) => {
    const bytes = update.slice(0, Math.max(1, update.length - (cut % 4)));
    for (const [at, value] of flips) bytes[at % bytes.length] = value;
    return bytes;
  });
const message = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc
    .tuple(fc.constantFrom(0, 1, 2), fc.oneof(mutatedUpdate, fc.uint8Array({ maxLength: 48 })))
    .map(([step, payload]) => framed([0, step], payload)),
  fc.uint8Array({ maxLength: 48 }).map((p) => framed([1], p)),
  fc
    .tuple(fc.nat({ max: 12 }), fc.uint8Array({ maxLength: 16 }))
    .map(([type, rest]) => new Uint8Array([type, ...rest])),
  fc.string({ maxLength: 20 }),
);

it("thousands of malformed messages leave the server serving a fresh client the untouched document", async () => {
  const article = await insertArticle(server.db, writer);
  const author = connectProvider(server.url, article.id, { token: tokenFor(writer) });
  await author.synced;
  author.doc.getText("headline").insert(0, "Untouched by the fuzzer");
  await server.collab.idle();

  const inputs = fc.sample(message, { numRuns: 3000, seed: 20_251_126 });
  const probe = syncStep1Message(new Y.Doc());
  let connections = 0;
  // Four sockets at a time, each sending its share until the server closes it, then opening another.
  const lane = async (share: (Uint8Array | string)[]) => {
    let client: RawClient | null = null;
    for (const input of share) {
      if (!client || client.ws.readyState !== client.ws.OPEN) {
        client = await RawClient.open(server.url, article.id, { token: tokenFor(writer) });
        connections++;
      }
      // Followed by a request the server always answers: once it does (or closes), the input was handled.
      const before = client.messages.length;
      client.send(input);
      client.send(probe);
      await client.receivedMoreThan(before);
    }
    client?.close();
  };
  await Promise.all(Array.from({ length: 4 }, (_, i) => lane(inputs.filter((_, n) => n % 4 === i))));
  await server.collab.idle();

  const fresh = connectProvider(server.url, article.id, { token: tokenFor(writer) });
  await fresh.synced;
  expect(fresh.doc.getText("headline").toString()).toBe("Untouched by the fuzzer");
  fresh.doc.getText("standfirst").insert(0, "and still editable");
  await waitFor(
    () => author.doc.getText("standfirst").toString() === "and still editable",
    "the author to receive a new edit",
  );
  // Most inputs are refused, each closing its socket: the server went through thousands of them.
  expect(connections).toBeGreaterThan(2000);
  author.destroy();
  fresh.destroy();
}, 60_000);
