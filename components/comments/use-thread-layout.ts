import type { Editor } from "@tiptap/core";
import { useCallback, useEffect, useRef, useState } from "react";
import type { CollabSession } from "../editor/collab-session";
import { listHighlights } from "./comment-highlights";
import type { CommentsStore } from "./comments-store";
import { settleDeletedPassages } from "./deleted-grace";
import { layoutThreads } from "./thread-layout";

const cardGap = 12;

/** The editor's element, or null before it is mounted (Tiptap throws then). */
function editorDom(editor: Editor): HTMLElement | null {
  try {
    return editor.view.dom;
  } catch {
    return null;
  }
}

interface ThreadLayoutOptions {
  editor: Editor | null;
  session: CollabSession;
  store: CommentsStore;
  focusedId: string | null;
}

/**
 * Places the sidebar's thread cards beside their highlighted passages by
 * writing each card's `top` (and the list's height) directly: it runs on
 * every editor transaction, a resize or a card's change of size, without a
 * React render. It also notices threads whose passage is gone from the live
 * text, and re-renders only when that set changes.
 */
export function useThreadLayout({ editor, session, store, focusedId }: ThreadLayoutOptions) {
  const listRef = useRef<HTMLDivElement>(null);
  const cards = useRef(new Map<string, HTMLElement>());
  // Threads whose passage is gone from the live text (the server's view may be older).
  const [deletedLive, setDeletedLive] = useState<ReadonlySet<string>>(new Set());
  const deletedLiveRef = useRef(deletedLive);
  // When each passage was first missed in the live text, and the timer for the next to run out of grace.
  const missingSince = useRef(new Map<string, number>());
  const graceTimer = useRef<number | undefined>(undefined);
  const relayoutRef = useRef<() => void>(() => {});

  const relayout = useCallback(() => {
    const container = listRef.current;
    if (!container) return;
    const isBeside = getComputedStyle(container).position === "relative";
    const starts = editor && !editor.isDestroyed ? listHighlights(editor.state) : new Map<string, number>();
    const base = container.getBoundingClientRect().top;
    // In text order, so passages on one line stack left to right (layoutThreads keeps ties in this order).
    const inTextOrder = [...cards.current].sort(
      ([a], [b]) => (starts.get(a) ?? Number.MAX_SAFE_INTEGER) - (starts.get(b) ?? Number.MAX_SAFE_INTEGER),
    );
    const items = inTextOrder.map(([id, element]) => {
      const pos = starts.get(id);
      let desiredTop: number | null = null;
      if (pos !== undefined && editor) {
        try {
          desiredTop = editor.view.coordsAtPos(pos).top - base;
        } catch {
          desiredTop = null;
        }
      }
      return { id, desiredTop, height: element.offsetHeight };
    });
    if (session.provider.synced) {
      const missing = store
        .getSnapshot()
        .threads.filter((t) => t.position && cards.current.has(t.id) && !starts.has(t.id));
      // Deleted as the server last said, or as already shown: no grace (a page opening on it must not flip).
      const known = new Set(missing.filter((t) => t.anchor.state === "deleted" || deletedLiveRef.current.has(t.id)).map((t) => t.id));
      const { deleted: gone, recheckInMs } = settleDeletedPassages(missing.map((t) => t.id), known, missingSince.current, Date.now());
      window.clearTimeout(graceTimer.current);
      if (recheckInMs !== null) graceTimer.current = window.setTimeout(() => relayoutRef.current(), recheckInMs + 20);
      const previous = deletedLiveRef.current;
      if (gone.size !== previous.size || [...gone].some((id) => !previous.has(id))) {
        deletedLiveRef.current = gone;
        setDeletedLive(gone);
      }
    }
    const tops = layoutThreads(items, cardGap, focusedId);
    let bottom = 0;
    for (const item of items) {
      const element = cards.current.get(item.id)!;
      const top = tops.get(item.id) ?? 0;
      element.style.top = isBeside ? `${top}px` : "";
      bottom = Math.max(bottom, top + item.height);
    }
    container.style.minHeight = isBeside ? `${bottom}px` : "";
  }, [editor, focusedId, session, store]);

  useEffect(() => {
    relayoutRef.current = relayout;
  }, [relayout]);
  useEffect(() => () => window.clearTimeout(graceTimer.current), []);


  useEffect(() => {
    if (!editor) return;
    let frame = 0;
    const schedule = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(relayout);
    };
    editor.on("transaction", schedule);
    window.addEventListener("resize", schedule);
    const observer = new ResizeObserver(schedule);
    const editorElement = editor.isDestroyed ? null : editorDom(editor);
    if (editorElement) observer.observe(editorElement);
    if (listRef.current) observer.observe(listRef.current);
    return () => {
      cancelAnimationFrame(frame);
      editor.off("transaction", schedule);
      window.removeEventListener("resize", schedule);
      observer.disconnect();
    };
  }, [editor, relayout]);

  return { listRef, cards, relayout, deletedLive };
}
