// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { afterNextPaint, UpdateWriteQueue } from "./update-write-queue";

/** A queue whose scheduled flushes run when the test says so, recording what it writes. */
function queueWithManualSchedule() {
  const written: Uint8Array[] = [];
  const scheduled: (() => void)[] = [];
  const queue = new UpdateWriteQueue(
    (update) => written.push(update),
    (task) => scheduled.push(task),
  );
  const runScheduled = () => scheduled.splice(0).forEach((task) => task());
  return { queue, written, scheduled, runScheduled };
}

function typedDoc() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  return { doc, updates, text: doc.getText("body") };
}

/** The document a fresh browser would load from these stored updates. */
function restore(stored: Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of stored) Y.applyUpdate(doc, update);
  return doc.getText("body").toString();
}

describe("UpdateWriteQueue", () => {
  it("writes a burst of keystrokes once, and the stored copy restores every one of them", () => {
    const { queue, written, scheduled, runScheduled } = queueWithManualSchedule();
    const { updates, text } = typedDoc();
    for (const char of "Filed") {
      text.insert(text.length, char);
      queue.push(updates.at(-1)!);
    }
    expect(scheduled).toHaveLength(1);
    expect(written).toHaveLength(0);
    runScheduled();
    expect(written).toHaveLength(1);
    expect(restore(written)).toBe("Filed");
  });

  it("keeps changes from several writers, in separate writes, restorable together", () => {
    const { queue, written, runScheduled } = queueWithManualSchedule();
    const mine = typedDoc();
    const theirs = typedDoc();
    mine.doc.on("update", (update: Uint8Array) => queue.push(update));
    mine.text.insert(0, "Filed before the outage.");
    runScheduled();
    theirs.text.insert(0, "Editor's note. ");
    Y.applyUpdate(mine.doc, theirs.updates.at(-1)!);
    mine.text.insert(mine.text.length, " Typed during it.");
    runScheduled();
    expect(written).toHaveLength(2);
    expect(restore(written)).toBe(mine.text.toString());
  });

  it("writes what is waiting at once when flushed, and the scheduled run then writes nothing twice", () => {
    const { queue, written, runScheduled } = queueWithManualSchedule();
    const { updates, text } = typedDoc();
    text.insert(0, "Typed just before a reload");
    queue.push(updates.at(-1)!);
    queue.flush();
    expect(written).toHaveLength(1);
    expect(queue.pendingCount).toBe(0);
    runScheduled();
    expect(written).toHaveLength(1);
    text.insert(text.length, ".");
    queue.push(updates.at(-1)!);
    runScheduled();
    expect(restore(written)).toBe("Typed just before a reload.");
  });
});

describe("afterNextPaint", () => {
  it("runs the task later, not during the change that scheduled it", async () => {
    const task = vi.fn();
    afterNextPaint(task);
    expect(task).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(task).toHaveBeenCalledTimes(1));
  });
});
