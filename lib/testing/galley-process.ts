/**
 * Galley as an operator runs it: `server/index.ts` in a process of its own,
 * production build and mode, on a loopback port. For the tests and benchmarks
 * that need real processes (kill -9, two instances, the shipped event loop).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Runs scripts/ensure-build.mjs: a no-op when the build is newer than the sources. */
export function ensureBuild(): void {
  const result = spawnSync(process.execPath, [path.join(repoRoot, "scripts/ensure-build.mjs")], { cwd: repoRoot, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`the production build failed (exit ${result.status})`);
}

/** A loopback port nothing listens on now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The pids of a process's children (a Galley web process's collaboration child), from /proc. */
export function childPids(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

export interface GalleyProcess {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  /** The process's stdout lines so far (its JSON log lines at the LOG_LEVEL given). */
  readonly lines: string[];
  /** SIGKILL: no shutdown, no goodbye to clients, nothing flushed. */
  kill(): void;
  /** SIGTERM, and waits for the exit. */
  stop(): Promise<void>;
}

/**
 * Starts one Galley process and waits for /api/health. One node process (tsx
 * as a loader, not its CLI, which would run the server in a child of its own):
 * the pid signals reach the server itself.
 */
export async function startGalleyProcess(port: number, env: Record<string, string>): Promise<GalleyProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: repoRoot,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", NEXT_TELEMETRY_DISABLED: "1", ...env },
  });
  const lines: string[] = [];
  let partial = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    const text = partial + chunk.toString("utf8");
    const parts = text.split("\n");
    partial = parts.pop()!;
    lines.push(...parts.filter(Boolean));
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid!, name);
    } catch {
      // Already gone.
    }
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Galley exited with ${child.exitCode}:\n${stderr}`);
    const healthy = await fetch(`${baseUrl}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) {
      return {
        child,
        port,
        baseUrl,
        lines,
        kill: () => signal("SIGKILL"),
        async stop() {
          signal("SIGTERM");
          await exited;
        },
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  signal("SIGKILL");
  throw new Error(`Galley did not answer /api/health on ${port} within 90 s:\n${stderr}`);
}
