import path from "node:path";
import { newId } from "../../lib/ids";
import { createTestStore } from "../../lib/testing/stores";
import type { LoadPool } from "../client/pool";
import { ServerUnderTest, serverKinds } from "../servers/server-under-test";
import { measureEditing, type LatencyRound, type LoadShape } from "./latency";

export type Arrangement = "single" | "pair";

export interface ScaleOutResult {
  /** One Galley instance on PostgreSQL with its Redis relay on: the baseline of the same run. */
  single: LatencyRound[];
  /** Two instances on the same store and Redis, each document's clients split between them. */
  pair: LatencyRound[];
}

const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/**
 * One round of the scale-out scenario in one arrangement: a fresh PostgreSQL
 * schema and Redis channel prefix, one or two Galley collab processes on
 * them, the load, then every document must have converged (a fresh client on
 * the first instance holds what every editor holds, on either instance).
 */
export async function runScaleOut(runDir: string, pool: LoadPool, shape: LoadShape, arrangement: Arrangement, label: string): Promise<LatencyRound> {
  const store = await createTestStore("postgres");
  const env = { BENCH_DATABASE_URL: store.url, BENCH_REDIS_URL: redisUrl, BENCH_REDIS_PREFIX: `galley-bench:${newId()}:` };
  const servers = (arrangement === "pair" ? ["a", "b"] : ["a"]).map((name) => new ServerUnderTest(serverKinds.galley, path.join(runDir, `${label}-${name}`), env));
  try {
    for (const server of servers) await server.start();
    const [first, second] = servers;
    const docs = (await first!.docs(shape.docs, label)).map((spec) =>
      // The same token works on either instance (one secret, one store).
      second ? { ...spec, urls: [spec.url, spec.url.replace(`:${first!.port}/`, `:${second.port}/`)] } : spec,
    );
    return await measureEditing(servers, pool, shape, "y-websocket", docs);
  } finally {
    for (const server of servers) await server.stop();
    await store.dispose();
  }
}
