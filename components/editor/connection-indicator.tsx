"use client";

import { useSyncExternalStore } from "react";
import type { CollabSession } from "./collab-session";

/** The always-visible connection and saving line ("Saved", "Offline — 3 changes not yet saved", …). */
export function ConnectionIndicator({ session }: { session: CollabSession }) {
  const { status } = useSyncExternalStore(session.subscribe, session.getSnapshot, session.getSnapshot);
  return (
    // A live region without role="status": the page keeps that role for its own form messages.
    <p className="connection-status" data-tone={status.tone} aria-live="polite" aria-atomic="true">
      <span className="connection-status__dot" aria-hidden="true" />
      {status.label}
    </p>
  );
}
