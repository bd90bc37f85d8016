"use client";

import { useMemo, useSyncExternalStore } from "react";
import { refusedText } from "@/lib/docs/refused-changes";
import { CopyButton } from "../ui/copy-button";
import type { CollabSession } from "./collab-session";
import "./refused-changes-notice.css";

export interface RefusedChangesNoticeProps {
  /** The session opened again from the server's copy. */
  session: CollabSession;
  /** The browser's copy that held the refused changes. */
  refused: Uint8Array;
  onDismiss: () => void;
  /** Who may only suggest: what was refused was a change that is not a suggestion. */
  isSuggester?: boolean;
}

/**
 * Said when the server refused changes this person made (their role or share
 * changed while they had unsaved or offline edits): the page now shows what
 * the server stores, and what they typed can still be copied.
 */
export function RefusedChangesNotice({ session, refused, onDismiss, isSuggester = false }: RefusedChangesNoticeProps) {
  // The text is read once the stored document is here; before that, everything would look refused.
  const isSynced = useSyncExternalStore(session.subscribe, () => session.getSnapshot().hasSynced, () => false);
  const text = useMemo(() => (isSynced ? refusedText(session.doc, refused) : null), [isSynced, session, refused]);

  return (
    <div className="refused-changes" role="alert">
      <p className="refused-changes__message">
        <strong>
          {isSuggester
            ? "Your last change could not be saved: you can suggest changes to this article's text, not make them."
            : "Your changes could not be saved: you can no longer edit this article."}
        </strong>{" "}
        The page now shows the article as it is saved.
      </p>
      {text === null && <p className="refused-changes__hint">Loading the saved article…</p>}
      {text && (
        <details className="refused-changes__text">
          <summary>The text that was not saved</summary>
          <textarea readOnly value={text} rows={Math.min(8, text.split("\n").length + 1)} aria-label="The text that was not saved" />
        </details>
      )}
      <div className="refused-changes__actions">
        {text && <CopyButton value={text} label="Copy the text that was not saved" />}
        <button type="button" className="button button-quiet button-small" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
