import { afterEach, describe, expect, it } from "vitest";
import type { GalleyEvent } from "./bus";
import { createRedisTransport } from "./redis";

const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

describe("comment events through redis", () => {
  const transports: ReturnType<typeof createRedisTransport>[] = [];
  afterEach(async () => {
    await Promise.all(transports.splice(0).map((t) => t.close()));
  });

  it("comment.changed and notification.created reach another instance intact", async () => {
    const a = createRedisTransport(redisUrl);
    const b = createRedisTransport(redisUrl);
    transports.push(a, b);
    const seen: GalleyEvent[] = [];
    b.onEvent((event) => seen.push(event));
    const stamp = Date.now();
    const comment: GalleyEvent = { type: "comment.changed", articleId: `a-${stamp}`, commentId: `c-${stamp}`, threadId: `t-${stamp}` };
    const notification: GalleyEvent = { type: "notification.created", userId: `u-${stamp}` };
    // Subscriptions are asynchronous: publish until the other instance has heard both.
    const deadline = Date.now() + 3000;
    const has = (event: GalleyEvent) => seen.some((e) => JSON.stringify(e) === JSON.stringify(event));
    while (!(has(comment) && has(notification))) {
      if (Date.now() > deadline) throw new Error("timed out waiting for redis");
      await a.publish(comment);
      await a.publish(notification);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(seen.filter((e) => e.type === "comment.changed")[0]).toEqual(comment);
  });
});
