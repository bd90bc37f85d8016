import http from "node:http";
import path from "node:path";
import { sql } from "kysely";
import { collectAndMeasure, serveRequests } from "../ipc";
import { listenLoopback } from "./listen";

/**
 * Child process: Galley's collab server as production runs it, minus Next:
 * a real SQLite store in a temp directory (migrated, WAL), every connection
 * authorized from a minted `?token=` against users and articles rows, every
 * update stored before it is broadcast. Only the unload grace period is
 * shortened (1 s instead of 30 s) so "memory after close" fits the run.
 * Scaled out (the scale scenario): BENCH_DATABASE_URL names a PostgreSQL
 * store the instances share and BENCH_REDIS_URL the relay between them.
 */
const dataDir = process.env.BENCH_DATA_DIR!;
Object.assign(process.env, {
  DATA_DIR: dataDir,
  NODE_ENV: "production",
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "galley-bench-secret-not-for-production",
  GALLEY_DOC_UNLOAD_GRACE_MS: process.env.GALLEY_DOC_UNLOAD_GRACE_MS ?? "1000",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
});

// Imported after the environment is set: env() is parsed once.
const { openStore } = await import("../../lib/db/client");
const { logger } = await import("../../lib/log");
const { mintToken } = await import("../../lib/auth/tokens");
const { addMember, insertArticle, insertUser } = await import("../../lib/testing/factories");
const { appendUpdates } = await import("../../lib/docs");
const { createCollabServer, createRedisDocRelay } = await import("../../server/collab/index");
const { collabMetrics } = await import("../../server/metrics");

const store = await openStore({ url: process.env.BENCH_DATABASE_URL || path.join(dataDir, "galley.db") });
const log = logger();
const redisUrl = process.env.BENCH_REDIS_URL;
const relay = redisUrl ? createRedisDocRelay(redisUrl, { log, prefix: process.env.BENCH_REDIS_PREFIX }) : undefined;
const collab = createCollabServer({ db: store.db, log, relay });
const server = http.createServer((_req, res) => res.writeHead(404).end());
server.on("upgrade", (req, socket, head) => {
  if (req.url?.startsWith("/collab/")) return void collab.handleUpgrade(req, socket, head);
  socket.destroy();
});
const port = await listenLoopback(server);

process.on("SIGTERM", () => {
  void (async () => {
    await collab.close();
    server.close();
    await store.close();
    process.exit(0);
  })();
});

/** Count and total seconds of the group commits so far (Galley's own persist-latency histogram). */
async function histogramTotals() {
  const values = (await collabMetrics.persistSeconds.get()).values;
  const pick = (suffix: string) => values.find((v) => v.metricName === `galley_collab_persist_seconds_${suffix}`)?.value ?? 0;
  return { count: pick("count"), seconds: pick("sum") };
}

serveRequests(
  {
    /** One writer per article (its owner), so no user passes the per-user connection cap. */
    prepare: async ({ count, prefix }: { count: number; prefix: string }) => {
      const specs: { name: string; url: string }[] = [];
      await store.db.transaction().execute(async (tx) => {
        for (let i = 0; i < count; i++) {
          const user = await insertUser(tx, { role: "writer", name: `${prefix} writer ${i}` });
          const article = await insertArticle(tx, user, { title: `${prefix} ${i}` });
          const token = mintToken(user, 6 * 3600);
          specs.push({ name: article.id, url: `ws://127.0.0.1:${port}/collab/${article.id}?token=${token}&saved=1` });
        }
      });
      return specs;
    },
    /**
     * One article holding `update` (base64), for `writers` connections of its author and one of a
     * reviewer, who may only suggest (bench/suggestions/propagation.ts).
     */
    prepareReview: async ({ update, writers }: { update: string; writers: number }) => {
      const author = await insertUser(store.db, { role: "writer", name: "Bench author" });
      const reviewer = await insertUser(store.db, { role: "reviewer", name: "Bench reviewer" });
      const article = await insertArticle(store.db, author, { title: "Bench review" });
      await addMember(store.db, article.id, reviewer, "reviewer");
      await appendUpdates(store.db, [{ articleId: article.id, data: Buffer.from(update, "base64") }]);
      const url = (user: typeof author) => `ws://127.0.0.1:${port}/collab/${article.id}?token=${mintToken(user, 6 * 3600)}&saved=1`;
      return { name: article.id, writerUrls: Array.from({ length: writers }, () => url(author)), reviewerUrl: url(reviewer), reviewerId: reviewer.id };
    },
    memory: () => ({ ...collectAndMeasure(), loadedDocs: collab.stats().documents }),
    stats: async () => ({
      loadedDocs: collab.stats().documents,
      connections: collab.stats().connections,
      refusals: (await collabMetrics.refusals.get()).values.map((v) => `${v.labels.reason}: ${v.value}`),
      commits: await histogramTotals(),
      compactions: (await collabMetrics.compactions.get()).values.map((v) => `${v.labels.result}: ${v.value}`),
    }),
    /** Waits until every update received is stored and every requested compaction has run. */
    idle: () => collab.idle(),
    /** Bytes the store holds for one article: snapshot (as stored), its text rendering, unfolded updates. */
    storedSize: async ({ name }: { name: string }) => {
      const snapshot = await store.db
        .selectFrom("doc_snapshots")
        .select([sql<number>`length(state)`.as("state"), sql<number>`length(cast(text as blob))`.as("text")])
        .where("article_id", "=", name)
        .executeTakeFirst();
      const updates = await store.db
        .selectFrom("doc_updates")
        .select([sql<number>`count(*)`.as("rows"), sql<number>`coalesce(sum(length(data)), 0)`.as("bytes")])
        .where("article_id", "=", name)
        .executeTakeFirstOrThrow();
      return { snapshotBytes: snapshot?.state ?? 0, textBytes: snapshot?.text ?? 0, updateRows: Number(updates.rows), updateBytes: Number(updates.bytes) };
    },
  },
  { port },
);
