/**
 * Runs `task` once the page is idle (or after `timeout` ms at the latest); answers the cancel. For work that
 * must not compete with what the reader is waiting for.
 */
export function whenIdle(task: () => void, timeout = 2000): () => void {
  if (typeof requestIdleCallback === "undefined") {
    const timer = setTimeout(task, timeout);
    return () => clearTimeout(timer);
  }
  const handle = requestIdleCallback(task, { timeout });
  return () => cancelIdleCallback(handle);
}

/**
 * Runs `task` when the page is next idle after the reader first presses a key or a pointer: the moment to
 * fetch the code of a panel they may open soon (a comment box, a dialog), after the page's first load and
 * before they ask for it. Answers the cancel.
 */
export function afterFirstInteraction(task: () => void): () => void {
  let cancelIdle: (() => void) | null = null;
  const events = ["pointerdown", "keydown"] as const;
  const start = () => {
    for (const name of events) document.removeEventListener(name, start, true);
    cancelIdle = whenIdle(task);
  };
  for (const name of events) document.addEventListener(name, start, true);
  return () => {
    for (const name of events) document.removeEventListener(name, start, true);
    cancelIdle?.();
  };
}
