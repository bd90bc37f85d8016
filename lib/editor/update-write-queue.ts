import * as Y from "yjs";

/** Runs `task` once, later. */
export type ScheduleTask = (task: () => void) => void;

let channel: MessageChannel | null = null;
let posted: (() => void)[] = [];

/** Runs `task` in a task of its own, as soon as the event loop gets to it. */
function postTask(task: () => void): void {
  if (!channel) {
    // One channel for the page, not one per frame.
    channel = new MessageChannel();
    channel.port1.onmessage = () => {
      const tasks = posted;
      posted = [];
      for (const run of tasks) run();
    };
  }
  posted.push(task);
  channel.port2.postMessage(null);
}

/**
 * Runs `task` after the next frame is painted: a message posted from
 * requestAnimationFrame is a task of its own after that frame's style,
 * layout and paint. A hidden page paints no frames, so there it is a plain
 * timer; a page hidden while waiting is flushed by its owner
 * (visibilitychange), which makes the late callback a no-op.
 */
export const afterNextPaint: ScheduleTask = (task) => {
  if (document.visibilityState !== "visible") {
    setTimeout(task, 0);
    return;
  }
  requestAnimationFrame(() => postTask(task));
};

/**
 * Document updates waiting to be written somewhere slow, written together:
 * everything pushed before the scheduled flush goes out as one merged update,
 * so a burst of keystrokes and remote changes costs one write, and none of it
 * runs while the keystroke that made it waits for its frame. `flush` writes
 * what is waiting at once, for when the page is going away.
 */
export class UpdateWriteQueue {
  private updates: Uint8Array[] = [];
  private isScheduled = false;

  constructor(
    private readonly write: (update: Uint8Array) => void,
    private readonly schedule: ScheduleTask,
  ) {}

  get pendingCount(): number {
    return this.updates.length;
  }

  push(update: Uint8Array): void {
    this.updates.push(update);
    if (this.isScheduled) return;
    this.isScheduled = true;
    this.schedule(this.flush);
  }

  flush = (): void => {
    this.isScheduled = false;
    if (this.updates.length === 0) return;
    const updates = this.updates;
    this.updates = [];
    this.write(updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates));
  };
}
