"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import "./word-target-control.css";

const maxWordTarget = 20_000;

interface WordTargetControlProps {
  articleId: string;
  target: number | null;
  /** Called with the target the server stored. */
  onChange: (target: number | null) => void;
}

/** What the server says when it refuses, or a plain message when it cannot be reached. */
async function saveTarget(articleId: string, wordTarget: number | null): Promise<number | null> {
  let response: Response;
  try {
    response = await fetch(`/api/articles/${encodeURIComponent(articleId)}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ wordTarget }),
    });
  } catch {
    throw new Error("Galley could not be reached; the target was not saved.");
  }
  const body = (await response.json().catch(() => null)) as { article?: { wordTarget: number | null }; message?: string } | null;
  if (!response.ok || !body?.article) throw new Error(body?.message ?? "The target was not saved; try again.");
  return body.article.wordTarget;
}

/**
 * "Set a word target" beside the live counts: a one-field form for those who
 * may rename the article (the server checks again).
 */
export function WordTargetControl({ articleId, target, onChange }: WordTargetControlProps) {
  const [isOpen, setIsOpen] = useState(false);
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const errorId = useId();

  useEffect(() => {
    if (isOpen) inputRef.current?.select();
  }, [isOpen]);

  const open = () => {
    setValue(target ? String(target) : "");
    setError(null);
    setIsOpen(true);
  };

  const save = async (wordTarget: number | null) => {
    setIsSaving(true);
    setError(null);
    try {
      onChange(await saveTarget(articleId, wordTarget));
      setIsOpen(false);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setIsSaving(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const words = Number(value.trim());
    if (!value.trim()) return void save(null);
    if (!Number.isInteger(words) || words < 1 || words > maxWordTarget) {
      setError(`Enter a whole number of words from 1 to ${maxWordTarget.toLocaleString("en-GB")}, or leave it empty for no target.`);
      return;
    }
    void save(words);
  };

  if (!isOpen) {
    return (
      <button type="button" className="word-target__toggle" onClick={open}>
        {target ? "Change target" : "Set a word target"}
      </button>
    );
  }
  return (
    <form
      className="word-target__form"
      aria-label="Word target"
      // The range check below explains itself in words; the browser's bubble would not.
      noValidate
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === "Escape") setIsOpen(false);
      }}
    >
      <label htmlFor={inputId}>Target in words</label>
      <input
        ref={inputRef}
        id={inputId}
        type="number"
        inputMode="numeric"
        min={1}
        max={maxWordTarget}
        step={1}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      />
      <button type="submit" className="editor-button editor-button--primary" disabled={isSaving}>
        Save
      </button>
      {target && (
        <button type="button" className="editor-button" disabled={isSaving} onClick={() => void save(null)}>
          Remove target
        </button>
      )}
      <button type="button" className="editor-button" onClick={() => setIsOpen(false)}>
        Cancel
      </button>
      {error && (
        <p className="word-target__error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
