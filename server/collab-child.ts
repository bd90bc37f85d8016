import { fork, type ChildProcess } from "node:child_process";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import os from "node:os";
import path from "node:path";
import type { Duplex } from "node:stream";
import { fileURLToPath } from "node:url";
import type pino from "pino";
import { createIpcTransport } from "../lib/events/ipc";
import { setEventTransport } from "../lib/events";
import { isFromCollabChild, type ToCollabChild } from "./collab-child-messages";
import { refuseUpgrade } from "./collab/upgrade";
import { setProcessPriority } from "./priority";

const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), "collab-process.ts");
const startTimeoutMs = 60_000;
const stopTimeoutMs = 10_000;
/** A child that died is started again after this long (doubling up to a minute while it keeps dying at once). */
const restartDelayMs = 500;
/** How much lower the web process's scheduling priority is than the collaboration process's (nice steps). */
const webNiceness = 5;

/**
 * The web process's side of its collaboration child (server/collab-process.ts):
 * starts it (with the same loader and environment), hands it each /collab/
 * upgrade with its socket, carries live events both ways when there is no
 * Redis, and starts it again if it dies. While it is down, upgrades are
 * answered 503 and clients retry.
 */
export class CollabChild {
  private child: ChildProcess | null = null;
  private isReady = false;
  private isStopping = false;
  private failures = 0;
  private nextMetricsId = 1;
  private readonly waitingForMetrics = new Map<number, (metrics: object[]) => void>();
  /** This process's priority before it yielded to the collaboration process. */
  private readonly originalPriority = os.getPriority();

  private constructor(
    private readonly log: pino.Logger,
    private readonly isRelayingEvents: boolean,
  ) {}

  /** Starts the child and resolves once it serves. `isRelayingEvents`: no Redis, so events go over IPC. */
  static async start(log: pino.Logger, options: { isRelayingEvents: boolean }): Promise<CollabChild> {
    const handle = new CollabChild(log.child({ component: "collab-child" }), options.isRelayingEvents);
    await handle.spawn();
    handle.yieldToCollab();
    return handle;
  }

  /**
   * When both want the CPU, the collaboration process goes first: a page load
   * waits a few milliseconds, ten people's keystrokes do not. This lowers
   * every thread of the web process: the main one, where Next renders, and
   * the others (garbage collection, compression). A child started again
   * later is forked from this process and inherits its niceness; it takes
   * back the original if it is allowed to (collab-process.ts), otherwise the
   * two share the CPU as equals.
   */
  private yieldToCollab(): void {
    try {
      setProcessPriority(Math.min(19, this.originalPriority + webNiceness));
    } catch (error) {
      this.log.warn({ err: error }, "could not lower the web process's priority; it shares the CPU with collaboration as an equal");
    }
  }

  get isUp(): boolean {
    return this.isReady && this.child?.connected === true;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const child = this.child;
    if (!child || !this.isUp) return refuseUpgrade(socket, 503);
    const message: ToCollabChild = { type: "upgrade", method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, head: head.toString("base64") };
    // The socket moves to the child; this process lets go of it once it is sent.
    child.send(message, socket as Socket, (error) => {
      if (!error) return;
      this.log.warn({ err: error }, "could not hand an upgrade to the collaboration process");
      refuseUpgrade(socket, 503);
    });
  }

  /** The child's metrics (prom-client JSON), or none when it does not answer in time. */
  metrics(): Promise<object[]> {
    const child = this.child;
    if (!child || !this.isUp) return Promise.resolve([]);
    const id = this.nextMetricsId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waitingForMetrics.delete(id);
        resolve([]);
      }, 2000);
      this.waitingForMetrics.set(id, (metrics) => {
        clearTimeout(timer);
        resolve(metrics);
      });
      child.send({ type: "metrics", id } satisfies ToCollabChild);
    });
  }

  /** SIGTERM: the child stores what it received and closes its sockets with 1012; killed if it takes too long. */
  async stop(): Promise<void> {
    this.isStopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), stopTimeoutMs);
    await exited;
    clearTimeout(timer);
  }

  private spawn(): Promise<void> {
    // The same node flags (tsx's loader) and environment as this process.
    const child = fork(entry, [], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      // The priority it should run at, for a child started again after a crash (collab-process.ts).
      env: { ...process.env, GALLEY_COLLAB_PRIORITY: String(this.originalPriority) },
    });
    this.child = child;
    this.isReady = false;
    if (this.isRelayingEvents) setEventTransport(createIpcTransport(child));
    // Could not be started or signalled: reported here; "exit" (if it ever ran) starts it again.
    child.on("error", (error) => this.log.error({ err: error }, "collaboration process error"));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the collaboration process did not start within ${startTimeoutMs / 1000} s`)), startTimeoutMs);
      child.on("message", (message: unknown) => {
        if (!isFromCollabChild(message)) return;
        if (message.type === "ready") {
          clearTimeout(timer);
          this.isReady = true;
          this.failures = 0;
          this.log.info({ pid: child.pid }, "collaboration process ready");
          resolve();
        } else {
          this.waitingForMetrics.get(message.id)?.(message.metrics);
          this.waitingForMetrics.delete(message.id);
        }
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        this.isReady = false;
        if (this.isStopping) return;
        if (this.child !== child) return;
        this.failures += 1;
        const delay = Math.min(60_000, restartDelayMs * 2 ** (this.failures - 1));
        // Its clients lost their sockets and reconnect with backoff; until it is back they are answered 503.
        this.log.error({ code, signal, restartInMs: delay }, "the collaboration process exited; starting it again");
        reject(new Error(`the collaboration process exited with ${code ?? signal}`));
        setTimeout(() => {
          if (!this.isStopping) this.spawn().catch((error: unknown) => this.log.error({ err: error }, "could not start the collaboration process again"));
        }, delay).unref();
      });
    });
  }
}
