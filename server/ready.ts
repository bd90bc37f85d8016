import type { ServerResponse } from "node:http";
import { Redis } from "ioredis";
import { getDb, pingStore } from "../lib/db/client";
import { logger } from "../lib/log";

const timeoutMs = 2000;

const within = <T>(promise: Promise<T>, what: string) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer in ${timeoutMs / 1000} s`)), timeoutMs).unref())]);

/**
 * GET /api/ready – may a load balancer send this instance new work?
 * 200 {"status":"ready","db":"ok","redis":"ok"|"off"}; 503 naming the part
 * that fails; 503 {"status":"draining"} once a shutdown has begun, so new
 * connections go elsewhere before this one's sockets close with 1012.
 * /api/health stays the cheap liveness check.
 */
export class Readiness {
  private isDraining = false;
  private redis: Redis | null;

  /** `isCollabUp`: whether the collaboration process serves (when it runs apart from this one). */
  constructor(
    redisUrl: string | undefined,
    private readonly isCollabUp: () => boolean = () => true,
  ) {
    this.redis = redisUrl ? new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false }) : null;
    this.redis?.on("error", () => {
      // Reported by the next readiness check, not as a log line per reconnect attempt.
    });
  }

  /** From now on the instance answers "draining". */
  drain(): void {
    this.isDraining = true;
  }

  async close(): Promise<void> {
    this.redis?.disconnect();
  }

  async serve(res: ServerResponse): Promise<void> {
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify(body));
    };
    if (this.isDraining) return answer(503, { status: "draining" });
    const [db, redis] = await Promise.all([this.checkDb(), this.checkRedis()]);
    const isCollabUp = this.isCollabUp();
    const isReady = db === "ok" && (redis === "ok" || redis === "off") && isCollabUp;
    answer(isReady ? 200 : 503, { status: isReady ? "ready" : "unavailable", db, redis, ...(isCollabUp ? {} : { collab: "restarting" }) });
  }

  private async checkDb(): Promise<string> {
    try {
      await within(getDb().then(pingStore), "the store");
      return "ok";
    } catch (error) {
      logger().warn({ err: error }, "readiness: store unreachable");
      return "unreachable";
    }
  }

  private async checkRedis(): Promise<string> {
    if (!this.redis) return "off";
    try {
      if (this.redis.status === "wait") await within(this.redis.connect(), "redis");
      await within(this.redis.ping(), "redis");
      return "ok";
    } catch (error) {
      logger().warn({ err: error }, "readiness: redis unreachable");
      return "unreachable";
    }
  }
}
