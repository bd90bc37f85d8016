import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";

/**
 * Request/response over the Node IPC channel between the bench and its child
 * processes (servers under test and load generators). Structured-clone
 * serialization so typed arrays of samples cross without JSON.
 */

type Handler = (args: any) => unknown;
interface Request { id: number; cmd: string; args: unknown }
interface Reply { id: number; ok: boolean; result?: unknown; error?: string }

/** Child side: answer requests with the named handlers, then say "ready". */
export function serveRequests(handlers: Record<string, Handler>, ready: Record<string, unknown> = {}): void {
  process.on("message", (message: Request) => {
    const handler = handlers[message.cmd];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown command ${message.cmd}`);
        return handler(message.args);
      })
      .then(
        (result) => process.send?.({ id: message.id, ok: true, result } satisfies Reply),
        (error: unknown) => process.send?.({ id: message.id, ok: false, error: error instanceof Error ? error.stack ?? error.message : String(error) } satisfies Reply),
      );
  });
  // The parent going away must take this process with it, whatever it is doing.
  process.on("disconnect", () => process.exit(0));
  process.send?.({ ready: true, ...ready });
}

/** Heap and RSS after two full collections, so retained memory is compared and not garbage. */
export function collectAndMeasure() {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  return { rss: usage.rss, heapUsed: usage.heapUsed, external: usage.external, arrayBuffers: usage.arrayBuffers };
}

/** Parent side: a forked TypeScript child with request(). */
export class Child {
  readonly process: ChildProcess;
  readonly ready: Promise<Record<string, unknown>>;
  private nextId = 1;
  private pending = new Map<number, { resolve: (value: any) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
  private exited = false;

  constructor(file: string, options: { env?: Record<string, string>; logFile: string; args?: string[] }) {
    const log = fs.openSync(options.logFile, "a");
    this.process = fork(file, options.args ?? [], {
      execArgv: ["--import", "tsx", "--expose-gc", ...(options.env?.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean)],
      serialization: "advanced",
      env: { ...process.env, ...options.env },
      stdio: ["ignore", log, log, "ipc"],
    });
    fs.closeSync(log);
    this.ready = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${file} did not start within 60 s (see ${options.logFile})`)), 60_000);
      this.process.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`${file} exited with ${code} before it was ready (see ${options.logFile})`));
      });
      this.process.on("message", (message: Reply & { ready?: boolean }) => {
        if (message.ready) {
          clearTimeout(timer);
          resolve(message as unknown as Record<string, unknown>);
          return;
        }
        const waiter = this.pending.get(message.id);
        if (!waiter) return;
        this.pending.delete(message.id);
        clearTimeout(waiter.timer);
        if (message.ok) waiter.resolve(message.result);
        else waiter.reject(new Error(message.error));
      });
    });
    this.ready.catch(() => undefined);
    this.process.on("exit", (code, signal) => {
      this.exited = true;
      for (const waiter of this.pending.values()) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error(`${file} exited (${code ?? signal}) during a request (see ${options.logFile})`));
      }
      this.pending.clear();
    });
  }

  get pid(): number {
    return this.process.pid!;
  }

  get hasExited(): boolean {
    return this.exited;
  }

  request<T = any>(cmd: string, args: unknown = {}, timeoutMs = 120_000): Promise<T> {
    if (this.exited) return Promise.reject(new Error(`child ${this.pid} has exited`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${cmd} took longer than ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.process.send({ id, cmd, args } satisfies Request);
    });
  }

  /** SIGTERM, then SIGKILL if it has not exited within timeoutMs. */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.process.once("exit", () => resolve()));
    this.process.kill("SIGTERM");
    const timer = setTimeout(() => this.process.kill("SIGKILL"), timeoutMs);
    await exited;
    clearTimeout(timer);
  }
}
