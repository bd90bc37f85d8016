"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { flushSync } from "react-dom";
import { draftFromBody, draftToBody, editDraft, insertMention, type MentionDraft } from "./mention-draft";
import { findMentionQuery } from "./mention-query";

interface Person {
  id: string;
  name: string;
  email: string;
}

export interface CommentComposerProps {
  articleId: string;
  label: string;
  submitLabel: string;
  initialBody?: string;
  autoFocus?: boolean;
  /** Resolves when saved; a rejection's message (e.g. the length limit) is shown under the field. */
  onSubmit: (body: string) => Promise<void>;
  onCancel?: () => void;
}

/**
 * A comment's text field with @mention autocomplete: typing "@" and part of
 * a name lists the people who may see the article (a listbox navigated with
 * the arrow keys, Enter or Tab to pick, Escape to close) and shows the
 * pick as "@Name"; the comment is sent with the mention's markup
 * `@[Name](id)` (see mention-draft.ts), which the thread shows as "@Name".
 */
export function CommentComposer(props: CommentComposerProps) {
  const { articleId, label, submitLabel, initialBody = "", autoFocus, onSubmit, onCancel } = props;
  const [draft, setDraft] = useState<MentionDraft>(() => draftFromBody(initialBody));
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const [mention, setMention] = useState<{ start: number; query: string } | null>(null);
  const [people, setPeople] = useState<Person[]>([]);
  const [active, setActive] = useState(0);
  const field = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const listId = `${id}-people`;
  const errorId = `${id}-error`;

  useEffect(() => {
    if (autoFocus) field.current?.focus();
  }, [autoFocus]);

  const query = mention?.query ?? null;
  useEffect(() => {
    if (query === null) return;
    const controller = new AbortController();
    fetch(`/api/articles/${articleId}/members/mentionable?q=${encodeURIComponent(query)}`, { signal: controller.signal })
      .then((response) => (response.ok ? (response.json() as Promise<{ users: Person[] }>) : { users: [] }))
      .then(({ users }) => {
        setPeople(users.slice(0, 8));
        setActive(0);
      })
      .catch((reason: unknown) => {
        if ((reason as Error).name !== "AbortError") console.error("Loading people to mention failed", reason);
      });
    return () => controller.abort();
  }, [articleId, query]);

  const isListOpen = mention !== null && people.length > 0;

  const trackMention = (text: string, caret: number) => setMention(findMentionQuery(text, caret));

  const pick = (person: Person) => {
    const element = field.current;
    if (!mention || !element) return;
    const next = insertMention(draft, { start: mention.start, end: element.selectionStart }, person);
    // Committed now, so the caret can be placed before the next key arrives: placed a frame later,
    // a quick typist's next letter landed at the end of the text and the rest before it.
    flushSync(() => {
      setDraft(next.draft);
      setMention(null);
      setPeople([]);
    });
    element.focus();
    element.setSelectionRange(next.caret, next.caret);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (isListOpen) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActive((index) => (index + step + people.length) % people.length);
        return;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        pick(people[active] ?? people[0]!);
        return;
      }
      if (event.key === "Escape") {
        event.preventDefault();
        setMention(null);
        return;
      }
    }
    if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      void submit();
    } else if (event.key === "Escape" && onCancel) {
      event.preventDefault();
      onCancel();
    }
  };

  async function submit() {
    if (!draft.text.trim() || isSaving) return;
    setIsSaving(true);
    setError(null);
    try {
      await onSubmit(draftToBody(draft));
      setDraft(draftFromBody(""));
    } catch (reason) {
      setError((reason as Error).message);
    } finally {
      setIsSaving(false);
    }
  }

  return (
    <form
      className="comment-composer"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label className="visually-hidden" htmlFor={`${id}-body`}>
        {label}
      </label>
      <div className="comment-composer__field">
        <textarea
          id={`${id}-body`}
          ref={field}
          value={draft.text}
          rows={3}
          placeholder="Write a comment; @ to mention someone"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={isListOpen}
          aria-controls={listId}
          aria-activedescendant={isListOpen ? `${listId}-${active}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => {
            setDraft(editDraft(draft, event.target.value, event.target.selectionEnd));
            trackMention(event.target.value, event.target.selectionStart);
          }}
          onSelect={(event) => trackMention(event.currentTarget.value, event.currentTarget.selectionStart)}
          onBlur={() => setTimeout(() => setMention(null), 150)}
          onKeyDown={onKeyDown}
        />
        <ul id={listId} role="listbox" aria-label="People to mention" className="mention-list" hidden={!isListOpen}>
          {isListOpen &&
            people.map((person, index) => (
              <li
                key={person.id}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                onMouseDown={(event) => {
                  event.preventDefault();
                  pick(person);
                }}
              >
                <span className="mention-list__name">{person.name}</span>
                <span className="mention-list__email">{person.email}</span>
              </li>
            ))}
        </ul>
      </div>
      {error && (
        <p className="comment-composer__error" id={errorId} role="alert">
          {error}
        </p>
      )}
      <div className="comment-composer__actions">
        {onCancel && (
          <button type="button" className="button button-quiet" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" className="button button-primary" disabled={isSaving || !draft.text.trim()}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
