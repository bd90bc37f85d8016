import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Outside view of a process, read from /proc so the measured server does no work to report it. */

let clockTicks: number | undefined;
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** User + system CPU time of every thread of pid, in microseconds (resolution one clock tick). */
export function cpuMicros(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name may contain spaces; fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1_000_000) / ticksPerSecond();
}

/** Soft limit on open files of pid, as the kernel reports it. */
export function openFileLimit(pid: number): number {
  const limits = fs.readFileSync(`/proc/${pid}/limits`, "utf8");
  const match = /^Max open files\s+(\d+)/m.exec(limits);
  return match ? Number(match[1]) : Number.NaN;
}

function packageVersion(name: string): string {
  try {
    const file = path.join(process.cwd(), "node_modules", name, "package.json");
    return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
  } catch {
    return "not installed";
  }
}

export interface MachineInfo {
  date: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  kernel: string;
  node: string;
  versions: Record<string, string>;
}

export function machineInfo(): MachineInfo {
  const names = ["yjs", "y-protocols", "ws", "@y/websocket-server", "@hocuspocus/server", "@hocuspocus/provider", "better-sqlite3", "kysely"];
  return {
    date: new Date().toISOString(),
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    versions: Object.fromEntries(names.map((name) => [name, packageVersion(name)])),
  };
}

/**
 * User and system CPU time of every process on the machine since boot, in
 * microseconds. Interrupt and softirq time is left out: loopback traffic of
 * the bench itself is processed there and belongs to no process.
 */
export function machineBusyMicros(): number {
  const line = fs.readFileSync("/proc/stat", "utf8").split("\n", 1)[0]!;
  const [user, nice, system] = line.trim().split(/\s+/).slice(1).map(Number);
  return (((user ?? 0) + (nice ?? 0) + (system ?? 0)) * 1_000_000) / ticksPerSecond();
}

/** The 1-minute load average: other work on the machine skews every figure. */
export function loadAverage(): number {
  return os.loadavg()[0] ?? Number.NaN;
}
