import fs from "node:fs";
import os from "node:os";

/**
 * Sets the scheduling priority (nice) of every thread of this process. On
 * Linux nice is per thread, and os.setPriority() alone changes only the
 * calling one: V8's garbage-collection helpers and libuv's pool (zlib for
 * compressed responses) started earlier would keep the old priority. Where
 * there is no /proc (not Linux), the calling thread is what can be set.
 * Throws when the system refuses (raising priority needs privileges).
 */
export function setProcessPriority(priority: number): void {
  let threads: number[];
  try {
    threads = fs.readdirSync("/proc/self/task").map(Number);
  } catch {
    return os.setPriority(priority);
  }
  for (const tid of threads) {
    try {
      os.setPriority(tid, priority);
    } catch (error) {
      // A thread that ended since the listing is no reason to stop.
      if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
    }
  }
}
