import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runWorkflowAction } from "../commands/workflow";
import { resetEnvCache } from "../env";
import { storeHeadline } from "../testing/documents";
import { seedNewsroom } from "../testing/newsroom";
import { storeKinds } from "../testing/stores";
import { setupSuiteStore } from "../testing/suite";
import { WebhookDispatcher } from "./dispatcher";
import { listDeliveries } from "./outbox";
import { signatureOf } from "./payload";

const secret = "webhook-test-secret";

interface Received {
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** A real receiver on an ephemeral port: answers with `answer()`'s status, after `delayMs`, and counts overlapping requests. */
async function startReceiver() {
  const received: Received[] = [];
  let inFlight = 0;
  const state = { answer: () => 200, delayMs: 0, maxInFlight: 0 };
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, inFlight);
      received.push({ body, headers: req.headers });
      setTimeout(() => {
        inFlight--;
        const status = state.answer();
        res.writeHead(status, { "content-type": "text/plain" });
        res.end(status === 200 ? "ok" : "receiver is down for maintenance");
      }, state.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/galley`;
  return { url, received, state, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(storeKinds)("the publish webhook on %s", (kind) => {
  const store = setupSuiteStore(kind);
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const dispatchers: WebhookDispatcher[] = [];
  const dispatcher = (options: { backoffMs?: number[] } = {}) => {
    const d = new WebhookDispatcher(store.db, { url: receiver.url, secret, pollMs: 50, backoffMs: options.backoffMs ?? [100, 200] });
    dispatchers.push(d);
    return d;
  };

  beforeAll(async () => {
    receiver = await startReceiver();
    process.env.GALLEY_PUBLISH_WEBHOOK_URL = receiver.url;
    process.env.GALLEY_PUBLISH_WEBHOOK_SECRET = secret;
    resetEnvCache();
  });
  afterEach(async () => {
    for (const d of dispatchers.splice(0)) await d.stop();
    receiver.received.length = 0;
    Object.assign(receiver.state, { answer: () => 200, delayMs: 0, maxInFlight: 0 });
  });
  afterAll(async () => {
    delete process.env.GALLEY_PUBLISH_WEBHOOK_URL;
    delete process.env.GALLEY_PUBLISH_WEBHOOK_SECRET;
    resetEnvCache();
    await receiver.close();
  });

  /** An article written, approved and published: its delivery is queued in the same transaction. */
  async function publishOne(headline: string) {
    const people = await seedNewsroom(store.db);
    await storeHeadline(store.db, people.article.id, headline);
    await runWorkflowAction(store.db, people.writer, { articleId: people.article.id, action: "submit", reviewers: [people.reviewer.email] });
    await runWorkflowAction(store.db, people.reviewer, { articleId: people.article.id, action: "approve" });
    await runWorkflowAction(store.db, people.editor, { articleId: people.article.id, action: "publish" });
    const [delivery] = await listDeliveries(store.db, people.article.id);
    return { ...people, delivery: delivery! };
  }

  it("posts the published version as JSON, signed with the secret over the raw body", async () => {
    const { article, editor, writer, delivery } = await publishOne("Ferry fares frozen");
    expect(delivery).toMatchObject({ event: "article.published", state: "pending", attempts: 0 });
    dispatcher().start();
    await until(() => receiver.received.length === 1, "the delivery");
    const { body, headers } = receiver.received[0]!;
    expect(headers["x-galley-signature"]).toBe(signatureOf(body, secret));
    expect(headers["content-type"]).toBe("application/json");
    const json = JSON.parse(body);
    expect(json).toMatchObject({
      event: "article.published",
      deliveryId: delivery.id,
      article: {
        id: article.id,
        headline: "Ferry fares frozen",
        standfirst: "",
        byline: `By ${writer.name}`,
        version: delivery.version,
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        publishedAt: expect.any(String),
        publishedBy: { id: editor.id, name: editor.name },
      },
    });
    expect(json.article.html).toContain("Ferry fares frozen");
    expect(json.article.markdown).toContain("# Ferry fares frozen");
    await until(async () => (await listDeliveries(store.db, article.id))[0]!.state === "delivered", "the delivered state");
  });

  it("retries a failing receiver with backoff, keeping the last error, until it answers 2xx", async () => {
    let calls = 0;
    receiver.state.answer = () => (++calls <= 2 ? 503 : 200);
    const { article } = await publishOne("Bridge closed");
    dispatcher().start();
    await until(async () => (await listDeliveries(store.db, article.id))[0]!.state === "failing", "a failed attempt");
    const failing = (await listDeliveries(store.db, article.id))[0]!;
    expect(failing.lastError).toBe("HTTP 503: receiver is down for maintenance");
    expect(failing.lastStatus).toBe(503);
    await until(async () => (await listDeliveries(store.db, article.id))[0]!.state === "delivered", "the delivery after retries");
    expect((await listDeliveries(store.db, article.id))[0]).toMatchObject({ attempts: 3, lastError: null, lastStatus: 200 });
    // Every attempt sent the same bytes.
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
  });

  it("survives a restart: a delivery left failing is sent by the next dispatcher", async () => {
    receiver.state.answer = () => 500;
    const { article } = await publishOne("Library reopens");
    const first = dispatcher({ backoffMs: [60_000] });
    first.start();
    await until(async () => (await listDeliveries(store.db, article.id))[0]!.state === "failing", "a failed attempt");
    await first.stop();
    // The next start: due again (as after the wait), and the receiver is back.
    await store.db.updateTable("webhook_deliveries").set({ next_attempt_at: new Date().toISOString() }).execute();
    receiver.state.answer = () => 200;
    dispatcher().start();
    await until(async () => (await listDeliveries(store.db, article.id))[0]!.state === "delivered", "the delivery after the restart");
  });

  it("never delivers one delivery twice at once, however many dispatchers run", async () => {
    receiver.state.delayMs = 200;
    const published = [await publishOne("Tram works"), await publishOne("Market moves"), await publishOne("Pool closes")];
    for (let i = 0; i < 3; i++) dispatcher().start();
    await until(async () => {
      const states = await Promise.all(published.map(async (p) => (await listDeliveries(store.db, p.article.id))[0]!.state));
      return states.every((s) => s === "delivered");
    }, "all deliveries", 10_000);
    const ids = receiver.received.map((r) => r.headers["x-galley-delivery"]);
    expect(ids.sort()).toEqual(published.map((p) => p.delivery.id).sort());
  });
});
