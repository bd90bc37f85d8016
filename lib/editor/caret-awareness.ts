import type { Awareness } from "y-protocols/awareness";

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

type Listener = (...args: unknown[]) => void;

/**
 * The awareness as the caret plugin (CollaborationCaret → y-tiptap's
 * yCursorPlugin) should see it; everything else is the real awareness.
 *
 * - Its "change" listeners do not hear changes of this client's own state
 *   alone. The plugin draws only the others' carets, yet it answers every
 *   change, this user's caret moving with each keystroke included, with a
 *   transaction of its own that rebuilds every caret and updates the view.
 * - Publishing this user's caret again unchanged is skipped. The plugin
 *   re-publishes it after every remote change, so each keystroke of any
 *   colleague sent one more presence message from every open editor; the
 *   others' carets only redraw on a change, and the provider renews the
 *   state by itself every 15 seconds.
 */
export function caretPluginAwareness(awareness: Awareness): Awareness {
  const wrapped = new Map<Listener, Listener>();
  const isOthers = (change: AwarenessChange) =>
    [change.added, change.updated, change.removed].some((ids) => ids.some((id) => id !== awareness.clientID));
  const on = (name: string, listener: Listener) => {
    if (name !== "change") return awareness.on(name as "update", listener);
    const filtered: Listener = (change, ...rest) => {
      if (isOthers(change as AwarenessChange)) listener(change, ...rest);
    };
    wrapped.set(listener, filtered);
    awareness.on("change", filtered);
  };
  const off = (name: string, listener: Listener) => {
    if (name !== "change") return awareness.off(name as "update", listener);
    awareness.off("change", wrapped.get(listener) ?? listener);
    wrapped.delete(listener);
  };
  const setLocalStateField = (field: string, value: unknown) => {
    const current = awareness.getLocalState()?.[field];
    if (field === "cursor" && current != null && JSON.stringify(current) === JSON.stringify(value)) return;
    awareness.setLocalStateField(field, value);
  };
  const own: Record<string, unknown> = { on, off, setLocalStateField };
  return new Proxy(awareness, {
    get(target, key) {
      if (typeof key === "string" && key in own) return own[key];
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === "function" ? (value as Listener).bind(target) : value;
    },
  });
}
