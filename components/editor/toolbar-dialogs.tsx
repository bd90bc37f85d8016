"use client";

import type { Editor } from "@tiptap/core";
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { isLanguageTag } from "@/lib/editor/direction";
import { foreignLanguageOf } from "@/lib/editor/foreign-language";
import { checkLinkInput } from "@/lib/editor/links";

interface DialogFrameProps {
  title: string;
  error: string | null;
  onSubmit: (event: FormEvent) => void;
  onClose: () => void;
  children: ReactNode;
  actions: ReactNode;
}

/** A small non-modal form under the toolbar; Escape closes it and gives the text back its focus. */
function DialogFrame({ title, error, onSubmit, onClose, children, actions }: DialogFrameProps) {
  const titleId = useId();
  const errorId = useId();
  return (
    <form
      className="toolbar-dialog"
      role="dialog"
      aria-labelledby={titleId}
      aria-describedby={error ? errorId : undefined}
      onSubmit={onSubmit}
      onKeyDown={(event) => {
        if (event.key !== "Escape") return;
        event.preventDefault();
        onClose();
      }}
    >
      <p className="toolbar-dialog__title" id={titleId}>
        {title}
      </p>
      {children}
      {error && (
        <p className="toolbar-dialog__error" id={errorId} role="alert">
          {error}
        </p>
      )}
      <div className="toolbar-dialog__actions">{actions}</div>
    </form>
  );
}

/** Adds, changes or removes the link on the selection; refuses every scheme but http, https and mailto. */
export function LinkDialog({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const current = (editor.getAttributes("link").href as string | undefined) ?? "";
  const [value, setValue] = useState(current);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => inputRef.current?.focus(), []);

  const close = () => {
    onClose();
    editor.commands.focus();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const check = checkLinkInput(value);
    if (!check.isValid) return setError(check.message);
    const chain = editor.chain().focus().extendMarkRange("link");
    if (editor.state.selection.empty && !editor.isActive("link")) {
      // Nothing selected: the address itself becomes the linked text.
      chain.insertContent({ type: "text", text: check.href, marks: [{ type: "link", attrs: { href: check.href } }] }).run();
    } else {
      chain.setLink({ href: check.href }).run();
    }
    onClose();
  };
  const remove = () => {
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
    onClose();
  };

  return (
    <DialogFrame
      title={current ? "Edit link" : "Add link"}
      error={error}
      onSubmit={submit}
      onClose={close}
      actions={
        <>
          <button type="submit" className="editor-button editor-button--primary">
            Apply
          </button>
          {current && (
            <button type="button" className="editor-button" onClick={remove}>
              Remove link
            </button>
          )}
          <button type="button" className="editor-button" onClick={close}>
            Cancel
          </button>
        </>
      }
    >
      <label className="toolbar-dialog__field">
        <span>Link address</span>
        <input
          ref={inputRef}
          type="text"
          inputMode="url"
          name="href"
          value={value}
          placeholder="https://example.com"
          aria-invalid={error ? true : undefined}
          onChange={(event) => {
            setValue(event.target.value);
            setError(null);
          }}
        />
      </label>
    </DialogFrame>
  );
}

const commonLanguages: [tag: string, name: string][] = [
  ["ar", "Arabic"],
  ["he", "Hebrew"],
  ["fa", "Persian"],
  ["ur", "Urdu"],
  ["en", "English"],
  ["fr", "French"],
  ["es", "Spanish"],
  ["de", "German"],
  ["ru", "Russian"],
  ["zh", "Chinese"],
];

/** Marks the selection as a phrase in another language (lang, and the direction that language is written in). */
export function LanguageDialog({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const current = foreignLanguageOf(editor.getAttributes("foreignLanguage")) ?? "";
  const [value, setValue] = useState(current || "ar");
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  useEffect(() => inputRef.current?.focus(), []);

  const close = () => {
    onClose();
    editor.commands.focus();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const tag = value.trim();
    if (!isLanguageTag(tag)) return setError("Enter a language code such as ar, he or fr-CA.");
    if (editor.state.selection.empty && !editor.isActive("foreignLanguage")) {
      return setError("Select the phrase first, then choose its language.");
    }
    editor.chain().focus().extendMarkRange("foreignLanguage").setForeignLanguage(tag).run();
    onClose();
  };
  const remove = () => {
    editor.chain().focus().unsetForeignLanguage().run();
    onClose();
  };

  return (
    <DialogFrame
      title="Phrase in another language"
      error={error}
      onSubmit={submit}
      onClose={close}
      actions={
        <>
          <button type="submit" className="editor-button editor-button--primary">
            Apply
          </button>
          {current && (
            <button type="button" className="editor-button" onClick={remove}>
              Remove
            </button>
          )}
          <button type="button" className="editor-button" onClick={close}>
            Cancel
          </button>
        </>
      }
    >
      <label className="toolbar-dialog__field">
        <span>Language code</span>
        <input
          ref={inputRef}
          type="text"
          name="lang"
          list={listId}
          value={value}
          aria-invalid={error ? true : undefined}
          onChange={(event) => {
            setValue(event.target.value);
            setError(null);
          }}
        />
      </label>
      <datalist id={listId}>
        {commonLanguages.map(([tag, name]) => (
          <option key={tag} value={tag}>
            {name}
          </option>
        ))}
      </datalist>
    </DialogFrame>
  );
}
