import { afterEach, describe, expect, it } from "vitest";
import type { GalleyEvent } from "./bus";
import { createRedisTransport } from "./redis";

const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

const waitFor = async (check: () => boolean, ms = 3000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for redis");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("redis event transport", () => {
  const transports: ReturnType<typeof createRedisTransport>[] = [];
  afterEach(async () => {
    await Promise.all(transports.splice(0).map((t) => t.close()));
  });

  it("an event published on one instance reaches every instance, the sender included", async () => {
    const a = createRedisTransport(redisUrl);
    const b = createRedisTransport(redisUrl);
    transports.push(a, b);
    const seenByA: GalleyEvent[] = [];
    const seenByB: GalleyEvent[] = [];
    a.onEvent((e) => seenByA.push(e));
    b.onEvent((e) => seenByB.push(e));
    // Subscriptions are asynchronous: publish until both have heard one.
    const event: GalleyEvent = { type: "user.changed", userId: `u-${Date.now()}` };
    await waitFor(() => {
      void a.publish(event);
      return seenByA.length > 0 && seenByB.length > 0;
    });
    expect(seenByB[0]).toEqual(event);
    expect(seenByA[0]).toEqual(event);
  });

  it("a malformed message on the channel is ignored, later events still arrive", async () => {
    const a = createRedisTransport(redisUrl);
    transports.push(a);
    const seen: GalleyEvent[] = [];
    a.onEvent((e) => seen.push(e));
    const { Redis } = await import("ioredis");
    const raw = new Redis(redisUrl);
    try {
      const event: GalleyEvent = { type: "article.changed", articleId: `a-${Date.now()}` };
      await waitFor(() => {
        void raw.publish("galley:events", "{not json");
        void raw.publish("galley:events", JSON.stringify({ type: "user.changed" }));
        void a.publish(event);
        return seen.length > 0;
      });
      expect(seen.every((e) => e.type === "article.changed")).toBe(true);
    } finally {
      raw.disconnect();
    }
  });
});
