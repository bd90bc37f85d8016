import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runWorkflowAction } from "@/lib/commands/workflow";
import { resetEnvCache } from "@/lib/env";
import { storeHeadline } from "@/lib/testing/documents";
import { seedNewsroom, type Newsroom } from "@/lib/testing/newsroom";
import { apiRequest, bearer, setupRouteStore, withId } from "@/lib/testing/routes";
import type { User } from "@/lib/users";
import { GET as listDeliveries } from "./articles/[id]/deliveries/route";
import { POST as retry } from "./articles/[id]/deliveries/[deliveryId]/retry/route";

const store = setupRouteStore();
let people: Newsroom;

beforeAll(async () => {
  // A receiver nobody runs: the delivery stays undelivered (no dispatcher runs in this test either).
  process.env.GALLEY_PUBLISH_WEBHOOK_URL = "http://127.0.0.1:9/hooks";
  process.env.GALLEY_PUBLISH_WEBHOOK_SECRET = "secret";
  resetEnvCache();
  people = await seedNewsroom(store.db);
  await storeHeadline(store.db, people.article.id, "Pier repairs");
  await runWorkflowAction(store.db, people.writer, { articleId: people.article.id, action: "submit", reviewers: [people.reviewer.email] });
  await runWorkflowAction(store.db, people.reviewer, { articleId: people.article.id, action: "approve" });
  await runWorkflowAction(store.db, people.editor, { articleId: people.article.id, action: "publish" });
});
afterAll(() => {
  delete process.env.GALLEY_PUBLISH_WEBHOOK_URL;
  delete process.env.GALLEY_PUBLISH_WEBHOOK_SECRET;
  resetEnvCache();
});

const list = (user: User) => listDeliveries(apiRequest(`/api/articles/${people.article.id}/deliveries`, { headers: bearer(user) }), withId(people.article.id));
const retryNow = (user: User, deliveryId: string) =>
  retry(apiRequest(`/api/articles/${people.article.id}/deliveries/${deliveryId}/retry`, { method: "POST", headers: bearer(user) }), {
    params: Promise.resolve({ id: people.article.id, deliveryId }),
  });

describe("webhook deliveries over the API", () => {
  it("the desk sees each delivery's state; others are refused", async () => {
    const response = await list(people.editor);
    expect(response.status).toBe(200);
    const { deliveries } = await response.json();
    expect(deliveries).toEqual([
      {
        id: expect.any(String),
        event: "article.published",
        state: "pending",
        attempts: 0,
        lastError: null,
        lastStatus: null,
        nextAttemptAt: expect.any(String),
        createdAt: expect.any(String),
        deliveredAt: null,
        versionId: expect.any(String),
        version: expect.any(Number),
      },
    ]);
    expect((await list(people.writer)).status).toBe(403);
    expect((await list(people.reviewer)).status).toBe(403);
  });

  it("Retry now makes an undelivered delivery due at once; 409 once delivered, 404 for another id", async () => {
    const [delivery] = (await (await list(people.editor)).json()).deliveries;
    const retried = await retryNow(people.editor, delivery.id);
    expect(retried.status).toBe(200);
    expect((await retried.json()).delivery).toMatchObject({ id: delivery.id, state: "pending" });
    expect((await retryNow(people.writer, delivery.id)).status).toBe(403);
    expect((await retryNow(people.editor, "no-such-delivery")).status).toBe(404);
    await store.db.updateTable("webhook_deliveries").set({ state: "delivered" }).where("id", "=", delivery.id).execute();
    expect((await retryNow(people.editor, delivery.id)).status).toBe(409);
  });
});
