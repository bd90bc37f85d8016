import type { ServerResponse } from "node:http";
import { getDb, pingStore } from "../lib/db/client";
import { logger } from "../lib/log";

/** GET /api/health – {"status":"ok","db":"ok"}, or 503 naming the failing part. */
export async function serveHealth(res: ServerResponse): Promise<void> {
  let db = "ok";
  try {
    await Promise.race([
      getDb().then(pingStore),
      new Promise((_, reject) => setTimeout(() => reject(new Error("store did not answer in 2 s")), 2000).unref()),
    ]);
  } catch (error) {
    logger().error({ err: error }, "health check: store unreachable");
    db = "unreachable";
  }
  const isOk = db === "ok";
  res.writeHead(isOk ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(isOk ? { status: "ok", db } : { status: "error", db }));
}
