import type pino from "pino";
import type { Db } from "../db/client";
import { subscribeEvents } from "../events";
import { nowIso } from "../ids";
import { logger } from "../log";
import { signatureOf } from "./payload";

export interface DispatcherOptions {
  url: string;
  secret: string;
  log?: pino.Logger;
  /** How often the outbox is read for due deliveries (a publication on any instance also wakes it). */
  pollMs?: number;
  /** How long a claimed delivery is this instance's alone; a crash mid-delivery frees it after this. */
  leaseMs?: number;
  timeoutMs?: number;
  /** Waits after the 1st, 2nd… failed attempt; the last repeats. */
  backoffMs?: readonly number[];
}

export const defaultBackoffMs = [1_000, 10_000, 60_000, 600_000, 3_600_000] as const;

const later = (ms: number) => new Date(Date.now() + ms).toISOString();

/**
 * Delivers the publish webhook's outbox: every due delivery, POSTed with its
 * signature, until the receiver answers 2xx; a failure is retried after
 * 1 s, 10 s, 1 min, 10 min, then every hour. Deliveries live in the store,
 * so they survive restarts; each is claimed with a conditional update (a
 * lease), so two instances never send the same one at once.
 */
export class WebhookDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private isAgain = false;
  private isStopped = false;
  private unsubscribe: (() => void) | null = null;
  private readonly log: pino.Logger;

  constructor(
    private readonly db: Db,
    private readonly options: DispatcherOptions,
  ) {
    this.log = options.log ?? logger();
  }

  start(): void {
    this.unsubscribe = subscribeEvents((event) => {
      if (event.type === "webhook.queued") this.nudge();
    });
    this.schedule(0);
  }

  /** Looks at the outbox now (a publication or "Retry now"). */
  nudge(): void {
    if (this.isStopped) return;
    if (this.running) this.isAgain = true;
    else this.schedule(0);
  }

  /** Stops taking deliveries; waits for the one in flight. */
  async stop(): Promise<void> {
    this.isStopped = true;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.isStopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.runOnce().finally(() => {
        this.running = null;
        const again = this.isAgain;
        this.isAgain = false;
        this.schedule(again ? 0 : (this.options.pollMs ?? 1000));
      });
    }, ms);
    this.timer.unref();
  }

  /** Delivers what is due now, one at a time. */
  async runOnce(): Promise<void> {
    try {
      for (;;) {
        const now = nowIso();
        const due = await this.db
          .selectFrom("webhook_deliveries")
          .select("id")
          .where("state", "!=", "delivered")
          .where("next_attempt_at", "<=", now)
          .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<", now)]))
          .orderBy("next_attempt_at")
          .limit(20)
          .execute();
        if (due.length === 0) return;
        let delivered = 0;
        for (const { id } of due) {
          if (this.isStopped) return;
          if (await this.claim(id)) {
            await this.deliver(id);
            delivered++;
          }
        }
        if (delivered === 0) return;
      }
    } catch (error) {
      this.log.warn({ err: error }, "could not read the webhook outbox; trying again shortly");
    }
  }

  private async claim(id: string): Promise<boolean> {
    const now = nowIso();
    const result = await this.db
      .updateTable("webhook_deliveries")
      .set({ claimed_until: later(this.options.leaseMs ?? 60_000) })
      .where("id", "=", id)
      .where("state", "!=", "delivered")
      .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<", now)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  private async deliver(id: string): Promise<void> {
    const row = await this.db.selectFrom("webhook_deliveries").select(["payload", "event", "attempts", "article_id"]).where("id", "=", id).executeTakeFirstOrThrow();
    const attempts = row.attempts + 1;
    let status: number | null = null;
    let failure: string | null = null;
    try {
      const response = await fetch(this.options.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "Galley-Webhook/1",
          "x-galley-event": row.event,
          "x-galley-delivery": id,
          "x-galley-signature": signatureOf(row.payload, this.options.secret),
        },
        body: row.payload,
        redirect: "manual",
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      status = response.status;
      if (status < 200 || status > 299) failure = `HTTP ${status}${await excerpt(response)}`;
    } catch (error) {
      failure = error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error);
    }
    const backoff = this.options.backoffMs ?? defaultBackoffMs;
    await this.db
      .updateTable("webhook_deliveries")
      .set(
        failure === null
          ? { state: "delivered", attempts, last_status: status, last_error: null, delivered_at: nowIso(), claimed_until: null }
          : {
              state: "failing",
              attempts,
              last_status: status,
              last_error: failure.slice(0, 500),
              next_attempt_at: later(backoff[Math.min(attempts, backoff.length) - 1]!),
              claimed_until: null,
            },
      )
      .where("id", "=", id)
      .execute();
    if (failure === null) this.log.info({ deliveryId: id, articleId: row.article_id, attempts }, "webhook delivered");
    else this.log.warn({ deliveryId: id, articleId: row.article_id, attempts, failure }, "webhook delivery failed; will retry");
  }
}

/** The start of a failing receiver's answer, for the delivery's "last error". */
async function excerpt(response: Response): Promise<string> {
  const text = (await response.text().catch(() => "")).trim().slice(0, 200);
  return text ? `: ${text}` : "";
}
