import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DocSpec, Framing } from "../client/wire";
import { Child } from "../ipc";
import { cpuMicros, openFileLimit } from "../proc";

const here = path.dirname(fileURLToPath(import.meta.url));

export type ServerId = "galley" | "reference" | "hocuspocus";

export interface ServerKind {
  id: ServerId;
  label: string;
  file: string;
  framing: Framing;
  /** Where its documents live while it runs. */
  storage: string;
}

export const serverKinds: Record<ServerId, ServerKind> = {
  galley: { id: "galley", label: "Galley", file: path.join(here, "galley.ts"), framing: "y-websocket", storage: "SQLite file, tokens, persist before broadcast" },
  reference: { id: "reference", label: "@y/websocket-server 0.1.1", file: path.join(here, "reference.ts"), framing: "y-websocket", storage: "memory, no auth" },
  hocuspocus: { id: "hocuspocus", label: "Hocuspocus 4.7", file: path.join(here, "hocuspocus.ts"), framing: "hocuspocus", storage: "memory, no auth" },
};

/**
 * Asks for a higher open-file limit for the server (its sockets are files), if
 * this machine allows it; the memory scenario reports the limit in force.
 */
function raiseFileLimit(pid: number): void {
  try {
    execFileSync("prlimit", ["--pid", String(pid), "--nofile=65536:65536"], { stdio: "ignore" });
  } catch {
    // Not permitted (or no prlimit): the inherited limit stays, and is reported.
  }
}

export interface ServerMemory { rss: number; heapUsed: number; external: number; arrayBuffers: number; loadedDocs: number }

/**
 * One server under test in its own child process. CPU time is read from
 * /proc from the outside; the child only answers setup requests (documents,
 * tokens) and forced-GC memory readings between measurements.
 */
export class ServerUnderTest {
  private child: Child | undefined;
  port = 0;

  /** `env`: more for the child (the scale scenario's shared store and relay). */
  constructor(readonly kind: ServerKind, private readonly runDir: string, private readonly env: Record<string, string> = {}) {
    fs.mkdirSync(this.dataDir, { recursive: true });
  }

  get dataDir(): string {
    return path.join(this.runDir, this.kind.id);
  }

  get pid(): number {
    if (!this.child) throw new Error(`${this.kind.id} is not running`);
    return this.child.pid;
  }

  /** port 0: any free port; a restart passes the previous one so issued URLs keep working. */
  async start(port = 0): Promise<void> {
    this.child = new Child(this.kind.file, {
      logFile: path.join(this.runDir, `${this.kind.id}.log`),
      env: {
        BENCH_DATA_DIR: this.dataDir,
        BENCH_PORT: String(port),
        // e.g. BENCH_NODE_ARGS_GALLEY="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile one server.
        BENCH_NODE_ARGS: process.env[`BENCH_NODE_ARGS_${this.kind.id.toUpperCase()}`] ?? "",
        ...this.env,
      },
    });
    raiseFileLimit(this.child.pid);
    const ready = await this.child.ready;
    this.port = Number(ready.port);
  }

  /** SIGTERM (Galley flushes and closes its store), then a fresh process on the same data. */
  async restart(): Promise<void> {
    const port = this.port;
    await this.stop();
    await this.start(port);
  }

  async stop(): Promise<void> {
    await this.child?.stop();
    this.child = undefined;
  }

  /** count documents ready to be opened, with the URL each client uses (Galley: a minted token per document). */
  docs(count: number, prefix: string): Promise<DocSpec[]> {
    return this.request("prepare", { count, prefix }, 300_000);
  }

  memory(): Promise<ServerMemory> {
    return this.request("memory");
  }

  stats(): Promise<{ loadedDocs: number; connections: number }> {
    return this.request("stats");
  }

  request<T>(cmd: string, args: unknown = {}, timeoutMs = 120_000): Promise<T> {
    if (!this.child) throw new Error(`${this.kind.id} is not running`);
    return this.child.request<T>(cmd, args, timeoutMs);
  }

  cpuMicros(): number {
    return cpuMicros(this.pid);
  }

  openFileLimit(): number {
    return openFileLimit(this.pid);
  }

  get hasExited(): boolean {
    return this.child?.hasExited ?? true;
  }
}
