import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Runs in a child process: lowering the test runner's own priority would outlast the test. */
const script = `
import fs from "node:fs";
import os from "node:os";
import { Worker } from "node:worker_threads";
import { setProcessPriority } from ${JSON.stringify(path.join(here, "priority.ts"))};
// A thread started before the change, as V8's and libuv's are.
const worker = new Worker("setInterval(() => {}, 1000)", { eval: true });
await new Promise((resolve) => worker.once("online", resolve));
const before = os.getPriority();
setProcessPriority(Math.min(19, before + 3));
// Field 19 of a thread's stat line is its nice value (after the command name in parentheses).
const nices = fs.readdirSync("/proc/self/task").map((tid) => Number(fs.readFileSync("/proc/self/task/" + tid + "/stat", "utf8").split(") ")[1].split(" ")[16]));
console.log(JSON.stringify({ before, nices }));
await worker.terminate();
`;

it.runIf(process.platform === "linux")("lowers every thread of the process, not only the one that asks", () => {
  const output = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8" });
  const { before, nices } = JSON.parse(output) as { before: number; nices: number[] };
  expect(nices.length).toBeGreaterThan(2);
  expect(new Set(nices)).toEqual(new Set([Math.min(19, before + 3)]));
});
