"use client";

import type { Editor } from "@tiptap/core";
import { lazy, Suspense, useEffect, useState } from "react";
import type * as Y from "yjs";
import { readSuggestions, type OpenSuggestion } from "@/lib/suggestions/read";

// Loaded when first opened: the editor's first load carries none of it.
const SuggestionsPanel = lazy(() => import("./suggestions-panel"));

export interface SuggestionsButtonProps {
  articleId: string;
  doc: Y.Doc;
  editor: Editor | null;
  currentUserId: string;
  /** May accept and reject (who may edit the text). */
  canResolve: boolean;
}

/** Reading every suggestion walks the whole article: done once typing pauses, not per keystroke. */
const readDelayMs = 700;

/** The open suggestions of the document, read again shortly after it changes. */
function useOpenSuggestions(doc: Y.Doc): OpenSuggestion[] {
  const [open, setOpen] = useState<OpenSuggestion[]>(() => readSuggestions(doc));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onUpdate = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setOpen(readSuggestions(doc)), readDelayMs);
    };
    doc.on("update", onUpdate);
    onUpdate();
    return () => {
      doc.off("update", onUpdate);
      clearTimeout(timer);
    };
  }, [doc]);
  return open;
}

/** "Suggestions (3)" in the editor's bar: opens the panel of suggestion cards. */
export function SuggestionsButton(props: SuggestionsButtonProps) {
  const open = useOpenSuggestions(props.doc);
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button button-secondary button-small suggestions-button"
        aria-expanded={isOpen}
        aria-controls="suggestions-panel"
        onClick={() => setIsOpen((value) => !value)}
      >
        Suggestions{open.length > 0 ? ` (${open.length})` : ""}
      </button>
      {isOpen && (
        <Suspense fallback={<aside className="suggestions-panel" aria-busy="true" aria-label="Suggestions"><p className="suggestions-panel__empty">Loading suggestions…</p></aside>}>
          <SuggestionsPanel {...props} open={open} onClose={() => setIsOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
