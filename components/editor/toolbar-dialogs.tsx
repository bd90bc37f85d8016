"use client";

import type { Editor } from "@tiptap/core";
import { useEffect, useId, useRef, useState, type FormEvent, type InputHTMLAttributes, type ReactNode } from "react";
import { isLanguageTag } from "@/lib/editor/direction";
import { foreignLanguageOf } from "@/lib/editor/foreign-language";
import { checkLinkInput } from "@/lib/editor/links";

interface DialogProps {
  editor: Editor;
  onClose: () => void;
}

/**
 * The one text input of a toolbar dialog, its error, and how to leave: the input
 * takes the focus on open, and closing gives the text back its focus.
 */
function useDialogInput({ editor, onClose }: DialogProps, initial: string) {
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => inputRef.current?.focus(), []);
  const close = () => {
    onClose();
    editor.commands.focus();
  };
  const change = (next: string) => {
    setValue(next);
    setError(null);
  };
  return { value, change, error, setError, inputRef, close };
}

interface DialogFrameProps {
  title: string;
  /** The input's visible label. */
  label: string;
  input: ReturnType<typeof useDialogInput>;
  inputProps: Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange">;
  onSubmit: (event: FormEvent) => void;
  /** Shown only when there is something to remove. */
  remove?: { label: string; onClick: () => void };
  children?: ReactNode;
}

/** A small non-modal form under the toolbar; Escape closes it and gives the text back its focus. */
function DialogFrame({ title, label, input, inputProps, onSubmit, remove, children }: DialogFrameProps) {
  const titleId = useId();
  const errorId = useId();
  const { value, change, error, inputRef, close } = input;
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
        close();
      }}
    >
      <p className="toolbar-dialog__title" id={titleId}>
        {title}
      </p>
      <label className="toolbar-dialog__field">
        <span>{label}</span>
        <input
          {...inputProps}
          ref={inputRef}
          value={value}
          aria-invalid={error ? true : undefined}
          onChange={(event) => change(event.target.value)}
        />
      </label>
      {children}
      {error && (
        <p className="toolbar-dialog__error" id={errorId} role="alert">
          {error}
        </p>
      )}
      <div className="toolbar-dialog__actions">
        <button type="submit" className="editor-button editor-button--primary">
          Apply
        </button>
        {remove && (
          <button type="button" className="editor-button" onClick={remove.onClick}>
            {remove.label}
          </button>
        )}
        <button type="button" className="editor-button" onClick={close}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Adds, changes or removes the link on the selection; refuses every scheme but http, https and mailto. */
export function LinkDialog(props: DialogProps) {
  const { editor, onClose } = props;
  const current = (editor.getAttributes("link").href as string | undefined) ?? "";
  const input = useDialogInput(props, current);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const check = checkLinkInput(input.value);
    if (!check.isValid) return input.setError(check.message);
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
      label="Link address"
      input={input}
      inputProps={{ type: "text", inputMode: "url", name: "href", placeholder: "https://example.com" }}
      onSubmit={submit}
      remove={current ? { label: "Remove link", onClick: remove } : undefined}
    />
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
export function LanguageDialog(props: DialogProps) {
  const { editor, onClose } = props;
  const current = foreignLanguageOf(editor.getAttributes("foreignLanguage")) ?? "";
  const input = useDialogInput(props, current || "ar");
  const listId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const tag = input.value.trim();
    if (!isLanguageTag(tag)) return input.setError("Enter a language code such as ar, he or fr-CA.");
    if (editor.state.selection.empty && !editor.isActive("foreignLanguage")) {
      return input.setError("Select the phrase first, then choose its language.");
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
      label="Language code"
      input={input}
      inputProps={{ type: "text", name: "lang", list: listId }}
      onSubmit={submit}
      remove={current ? { label: "Remove", onClick: remove } : undefined}
    >
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
