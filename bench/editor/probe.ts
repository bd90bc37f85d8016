/**
 * What the benchmark measures inside the page, installed before Galley's own
 * scripts run (context.addInitScript). Every time is performance.now(), whose
 * zero is the navigation start. "Painted" is the moment after the next frame:
 * a requestAnimationFrame callback (the frame's start) and then a message
 * task, which runs once that frame's style, layout and paint are done.
 */
export interface ProbeReadings {
  /** Navigation start → the body is contenteditable with the article's last paragraph in it. */
  readyAt: number | null;
  /** …and that frame painted. */
  readyPaintedAt: number | null;
  /** Per keystroke in the body: keydown → painted, and keydown → the editor done with it (before the frame). */
  keys: { total: number; handled: number }[];
  /** Per document update received on the collab socket that changed the body: arrival → painted. */
  remote: number[];
  /** Updates that arrived and changed nothing on screen. */
  remoteWithoutMutation: number;
  longTasks: { start: number; duration: number }[];
}

declare global {
  interface Window {
    __editorBench: ProbeReadings & { reset(): void };
  }
}

/** Runs in the page (serialized by Playwright): no imports, no closures over this module. */
export function installProbe(endMarker: string): void {
  const afterPaint = (callback: () => void) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => callback();
      channel.port2.postMessage(0);
    });
  const afterTask = (callback: () => void) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => callback();
    channel.port2.postMessage(0);
  };
  const probe: Window["__editorBench"] = {
    readyAt: null,
    readyPaintedAt: null,
    keys: [],
    remote: [],
    remoteWithoutMutation: 0,
    longTasks: [],
    reset() {
      probe.keys = [];
      probe.remote = [];
      probe.remoteWithoutMutation = 0;
      probe.longTasks = [];
    },
  };
  window.__editorBench = probe;
  let mutations = 0;

  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch {
    // No long task timing in this browser: the figure is left empty.
  }

  const waitForArticle = () => {
    const body = document.querySelector<HTMLElement>(".article-body");
    if (body && body.isContentEditable && body.lastElementChild?.textContent?.includes(endMarker)) {
      probe.readyAt = performance.now();
      afterPaint(() => (probe.readyPaintedAt = performance.now()));
      new MutationObserver(() => mutations++).observe(body, { subtree: true, childList: true, characterData: true });
      return;
    }
    requestAnimationFrame(waitForArticle);
  };
  requestAnimationFrame(waitForArticle);

  // Local keystrokes: the browser inserts the character, ProseMirror reads it back in a microtask, y-prosemirror
  // writes it to the Y.Doc and the provider sends it; a message task after the input event runs after all of that.
  let pendingKey: number | null = null;
  document.addEventListener(
    "keydown",
    (event) => {
      if ((event.target as Element | null)?.closest?.(".article-body")) pendingKey = event.timeStamp;
    },
    true,
  );
  document.addEventListener(
    "input",
    () => {
      if (pendingKey === null) return;
      const start = pendingKey;
      pendingKey = null;
      let handled = 0;
      // The browser queued ProseMirror's MutationObserver callback when it inserted the character, before this
      // listener ran: a microtask queued now runs after ProseMirror, y-prosemirror and the provider are done.
      queueMicrotask(() => queueMicrotask(() => (handled = performance.now() - start)));
      afterPaint(() => probe.keys.push({ total: performance.now() - start, handled: handled || performance.now() - start }));
    },
    true,
  );

  // Remote edits: a listener added in the socket's constructor runs before the provider's onmessage applies the update.
  const NativeWebSocket = window.WebSocket;
  class ProbedWebSocket extends NativeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      if (!String(url).includes("/collab")) return;
      this.addEventListener("message", (event: MessageEvent) => {
        if (!(event.data instanceof ArrayBuffer)) return;
        const bytes = new Uint8Array(event.data);
        // y-websocket: messageSync (0), then messageYjsUpdate (2).
        if (bytes[0] !== 0 || bytes[1] !== 2) return;
        const arrived = performance.now();
        const before = mutations;
        afterTask(() => {
          if (mutations === before) probe.remoteWithoutMutation++;
          else afterPaint(() => probe.remote.push(performance.now() - arrived));
        });
      });
    }
  }
  window.WebSocket = ProbedWebSocket;
}
