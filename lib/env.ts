import path from "node:path";
import { z } from "zod";

const intFromEnv = (fallback: number) =>
  z.coerce.number().int().positive().default(fallback);

/**
 * Every environment variable Galley reads, parsed once. The README's
 * Configuration table mirrors this schema; keep the two in step.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** HTTP port for the web app and the collaboration websocket. */
  PORT: intFromEnv(3000),
  /** Interface to listen on. */
  HOST: z.string().default("0.0.0.0"),
  /** Where the SQLite store and the generated secret live. */
  DATA_DIR: z.string().default("./data"),
  /** postgres://… selects PostgreSQL instead of the embedded SQLite store. */
  DATABASE_URL: z.string().optional(),
  /** redis://… relays live events (role changes, disabled accounts, shares) between instances. */
  REDIS_URL: z.string().optional(),
  /** Signs sessions and collab tokens; generated into DATA_DIR when unset. */
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  /** Public URL of this deployment (next-auth redirects). */
  NEXTAUTH_URL: z.string().url().optional(),
  /** web, collab or web,collab (default): which parts this process serves. */
  SERVICES: z.string().default("web,collab"),
  /** With both services in production: the collaboration server in a child process of its own (own), or in the web process (shared, to compare). */
  GALLEY_COLLAB_PROCESS: z.enum(["own", "shared"]).default("own"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  GALLEY_ADMIN_EMAIL: z.string().email().optional(),
  GALLEY_ADMIN_PASSWORD: z.string().min(8).optional(),
  /** Failed sign-ins for one account or address before it is locked. */
  GALLEY_SIGNIN_MAX_FAILURES: intFromEnv(5),
  /** How long such a lock lasts, in seconds. */
  GALLEY_SIGNIN_LOCK_SECONDS: intFromEnv(300),
  /** Default lifetime of `galley token`, in seconds. */
  GALLEY_TOKEN_TTL_SECONDS: intFromEnv(3600),
  GALLEY_MAX_MESSAGE_BYTES: intFromEnv(16 * 1024 * 1024),
  GALLEY_MAX_DOCUMENT_BYTES: intFromEnv(64 * 1024 * 1024),
  GALLEY_MAX_CONNECTIONS_PER_USER: intFromEnv(100),
  GALLEY_MAX_MESSAGES_PER_SECOND: intFromEnv(200),
  GALLEY_MAX_AWARENESS_BYTES: intFromEnv(64 * 1024),
  GALLEY_MAX_CLIENT_IDS_PER_CONNECTION: intFromEnv(8),
  GALLEY_SLOW_READER_TIMEOUT_MS: intFromEnv(30_000),
  GALLEY_DOC_UNLOAD_GRACE_MS: intFromEnv(30_000),
  GALLEY_COMPACT_AFTER_UPDATES: intFromEnv(500),
  /** How often collab re-reads users and articles changed by other processes (the CLI), in ms. */
  GALLEY_ACCESS_RECHECK_MS: intFromEnv(500),
  /** Websocket ping interval; a connection that misses a pong is dropped at the next one. */
  GALLEY_HEARTBEAT_MS: intFromEnv(30_000),
  /** An article edited and then left alone this long gets an automatic version (ms). */
  GALLEY_VERSION_IDLE_MS: intFromEnv(300_000),
  /** An article edited without a pause gets an automatic version this often (ms). */
  GALLEY_VERSION_MAX_MS: intFromEnv(1_800_000),
  /** When set, GET /metrics answers only `Authorization: Bearer <this>`. */
  GALLEY_METRICS_TOKEN: z.string().min(1).optional(),
  /** When set, every publication is POSTed here as JSON, from a durable outbox (lib/webhooks). */
  GALLEY_PUBLISH_WEBHOOK_URL: z.string().url().optional(),
  /** Signs those POSTs (X-Galley-Signature: sha256=<HMAC of the body>); required with the URL. */
  GALLEY_PUBLISH_WEBHOOK_SECRET: z.string().min(1).optional(),
}).superRefine((value, context) => {
  if (value.GALLEY_PUBLISH_WEBHOOK_URL && !value.GALLEY_PUBLISH_WEBHOOK_SECRET) {
    context.addIssue({
      code: "custom",
      path: ["GALLEY_PUBLISH_WEBHOOK_SECRET"],
      message: "required when GALLEY_PUBLISH_WEBHOOK_URL is set: the receiver checks each delivery's signature with it",
    });
  }
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** The parsed environment; throws a readable error naming each bad variable. */
export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** Tests change process.env between files; this forgets the parsed copy. */
export function resetEnvCache(): void {
  cached = undefined;
}

export function dataDir(): string {
  return path.resolve(env().DATA_DIR);
}

export function isPostgres(): boolean {
  return /^postgres(ql)?:\/\//.test(env().DATABASE_URL ?? "");
}
