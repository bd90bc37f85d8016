"use client";

import { useEffect, useState } from "react";

/**
 * "Editing" or "Suggesting", for who may do both (the author, the desk):
 * two radio buttons, like Google Docs' mode menu. Ctrl+Alt+Shift+X switches,
 * as there.
 */
export function EditingModeSwitch({ isSuggesting, onChange }: { isSuggesting: boolean; onChange: (isSuggesting: boolean) => void }) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.altKey && event.shiftKey && event.code === "KeyX") {
        event.preventDefault();
        onChange(!isSuggesting);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [isSuggesting, onChange]);

  return (
    <div className="editing-mode" role="radiogroup" aria-label="Editing mode" aria-keyshortcuts="Control+Alt+Shift+X Meta+Alt+Shift+X">
      {[
        { value: false, label: "Editing", hint: "Change the text directly" },
        { value: true, label: "Suggesting", hint: "Changes become suggestions to accept or reject (Ctrl+Alt+Shift+X)" },
      ].map((option) => (
        <button
          key={option.label}
          type="button"
          role="radio"
          aria-checked={isSuggesting === option.value}
          className="editing-mode__option"
          title={option.hint}
          // Keep the caret where it is: the mode applies to what is typed there next.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onChange(option.value)}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}

/** A polite, passing word when something typed cannot be made as a suggestion (it was not made). */
export function UnsuggestableNotice({ events }: { events: EventTarget }) {
  const [isShown, setShown] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const show = () => {
      setShown(true);
      clearTimeout(timer);
      timer = setTimeout(() => setShown(false), 6000);
    };
    events.addEventListener("refused", show);
    return () => {
      events.removeEventListener("refused", show);
      clearTimeout(timer);
    };
  }, [events]);
  return (
    <p className="unsuggestable-notice" role="status" aria-live="polite" hidden={!isShown}>
      {isShown && "Formatting, links, headings and changes to lists and quotations can't be suggested yet: describe them in a comment instead."}
    </p>
  );
}
