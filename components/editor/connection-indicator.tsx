"use client";

import { useLayoutEffect, useRef } from "react";
import type { CollabSession } from "./collab-session";

/**
 * The always-visible connection and saving line ("Saved", "Offline — 3 changes not yet saved", …).
 * It changes twice per keystroke (Saving…, then Saved), so it writes the DOM itself instead of
 * rendering: every React commit while the body has focus makes React measure the selection by
 * walking the whole article's DOM, about a millisecond per commit in a long read.
 */
export function ConnectionIndicator({ session }: { session: CollabSession }) {
  const lineRef = useRef<HTMLParagraphElement>(null);
  const labelRef = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const show = () => {
      const { status } = session.getSnapshot();
      lineRef.current!.dataset.tone = status.tone;
      labelRef.current!.textContent = status.label;
    };
    show();
    return session.subscribe(show);
  }, [session]);
  return (
    // A live region without role="status": the page keeps that role for its own form messages.
    <p ref={lineRef} className="connection-status" aria-live="polite" aria-atomic="true">
      <span className="connection-status__dot" aria-hidden="true" />
      <span ref={labelRef} />
    </p>
  );
}
