"use client";

import { useEffect, useRef } from "react";
import type { Awareness } from "y-protocols/awareness";
import * as Y from "yjs";
import { detectDirection } from "@/lib/editor/direction";
import { FieldSelectionPublisher } from "@/lib/editor/field-selection";
import { diffText, mapIndexThroughDeltas, type TextDelta } from "@/lib/editor/text-diff";
import { newSuggestionId } from "@/lib/suggestions/marks";
import { suggestSplice } from "@/lib/suggestions/text-suggestions";
import { FieldCarets } from "./field-carets";
import "./field-carets.css";

export interface YTextFieldProps {
  text: Y.Text;
  label: string;
  placeholder: string;
  className?: string;
  isReadOnly: boolean;
  /** Enter does not break the line (the field is one paragraph); it moves on instead. */
  onEnter?: () => void;
  id?: string;
  /** The article's presence: this person's caret in the field goes out through it, and others' are drawn over the field. */
  awareness?: Awareness;
  /** In suggesting mode, whose suggestions what is typed becomes (lib/suggestions/text-suggestions.ts); null: plain edits. */
  suggesterId?: string | null;
}

const isUndo = (event: React.KeyboardEvent) => (event.metaKey || event.ctrlKey) && !event.shiftKey && event.key.toLowerCase() === "z";
const isRedo = (event: React.KeyboardEvent) =>
  (event.metaKey || event.ctrlKey) && ((event.shiftKey && event.key.toLowerCase() === "z") || event.key.toLowerCase() === "y");

/**
 * A one-paragraph text field (headline, standfirst) bound to a Y.Text: each
 * edit goes to the document as one splice, others' edits come back in with
 * the caret kept in place. React renders it once; the binding lives in the
 * DOM so typing never re-renders the page.
 */
export function YTextField({ text, label, placeholder, className, isReadOnly, onEnter, id, awareness, suggesterId = null }: YTextFieldProps) {
  const ref = useRef<HTMLTextAreaElement>(null);
  // Read by the input handler as it is now: switching modes does not rebind the field.
  const suggesterRef = useRef(suggesterId);
  useEffect(() => {
    suggesterRef.current = suggesterId;
  }, [suggesterId]);
  const carets = useRef<HTMLDivElement>(null);
  const undoRef = useRef<Y.UndoManager | null>(null);

  useEffect(() => {
    const field = ref.current!;
    const origin = { field: label };
    const undoManager = new Y.UndoManager(text, { trackedOrigins: new Set([origin]), captureTimeout: 600 });
    undoRef.current = undoManager;
    /** The value as last put into or read from the field. */
    let shown = text.toString();
    /** Others' changes held back while an input method composes (rewriting the field would cancel it). */
    let heldBack: TextDelta[] = [];
    let isComposing = false;
    const publisher = awareness ? new FieldSelectionPublisher(awareness, text) : null;

    /** Tells the others where this person's caret is, in the document's terms (the field may lack held-back changes). */
    const publishSelection = () => {
      if (!publisher || document.activeElement !== field) return;
      const start = mapIndexThroughDeltas(field.selectionStart, heldBack);
      const end = mapIndexThroughDeltas(field.selectionEnd, heldBack);
      if (field.selectionDirection === "backward") publisher.publish(end, start);
      else publisher.publish(start, end);
    };
    const clearSelection = () => publisher?.clear();

    const fit = () => {
      field.dir = detectDirection(field.value) ?? "auto";
      field.style.height = "auto";
      field.style.height = `${field.scrollHeight}px`;
    };
    const showDocument = (deltas: TextDelta[]) => {
      const mapCaret = (index: number) => mapIndexThroughDeltas(index, deltas);
      const [start, end, hasFocus] = [field.selectionStart, field.selectionEnd, document.activeElement === field];
      shown = text.toString();
      field.value = shown;
      if (hasFocus) field.setSelectionRange(mapCaret(start), mapCaret(end));
      fit();
      // Others' edits can change which letter the caret sits against (one at the end stays before what they append).
      publishSelection();
    };
    const onInput = (event: Event) => {
      // One paragraph: pasted line breaks become spaces.
      if (/[\r\n]/.test(field.value)) {
        const caret = field.selectionStart;
        const before = field.value.slice(0, caret).replace(/\s*[\r\n]+\s*/g, " ");
        field.value = before + field.value.slice(caret).replace(/\s*[\r\n]+\s*/g, " ");
        field.setSelectionRange(before.length, before.length);
      }
      const splice = diffText(shown, field.value, field.selectionEnd);
      shown = field.value;
      fit();
      if (!splice) return;
      // The field may lack others' held-back changes: place the splice where it is in the document.
      const index = mapIndexThroughDeltas(splice.index, heldBack);
      const suggester = suggesterRef.current;
      if (suggester) {
        // Struck text stays and typed text is marked: the field shows the document again, caret where it belongs.
        const isBackward = (event as InputEvent).inputType === "deleteContentBackward";
        let caret = index;
        text.doc!.transact(() => {
          caret = suggestSplice(text, { index, remove: Math.min(splice.remove, text.length - index), insert: splice.insert, isBackward }, {
            userId: suggester,
            now: Date.now(),
            newId: newSuggestionId,
          });
        }, origin);
        heldBack = [];
        shown = text.toString();
        field.value = shown;
        field.setSelectionRange(caret, caret);
        fit();
        return;
      }
      text.doc!.transact(() => {
        if (splice.remove) text.delete(index, Math.min(splice.remove, text.length - index));
        if (splice.insert) text.insert(index, splice.insert);
      }, origin);
    };
    const onRemote = (event: Y.YTextEvent, transaction: Y.Transaction) => {
      if (transaction.origin === origin) return;
      const delta = event.delta as TextDelta;
      if (isComposing) heldBack.push(delta);
      else showDocument([delta]);
    };
    const onCompositionStart = () => {
      isComposing = true;
    };
    const onCompositionEnd = () => {
      isComposing = false;
      if (heldBack.length === 0) return;
      const deltas = heldBack;
      heldBack = [];
      showDocument(deltas);
    };

    showDocument([]);
    text.observe(onRemote);
    field.addEventListener("input", onInput);
    field.addEventListener("compositionstart", onCompositionStart);
    field.addEventListener("compositionend", onCompositionEnd);
    // Registered after onInput, so a typed letter is in the document before the caret after it is published.
    const selectionEvents = ["focus", "select", "input", "keyup", "mouseup"] as const;
    for (const name of selectionEvents) field.addEventListener(name, publishSelection);
    document.addEventListener("selectionchange", publishSelection);
    field.addEventListener("blur", clearSelection);
    return () => {
      text.unobserve(onRemote);
      field.removeEventListener("input", onInput);
      field.removeEventListener("compositionstart", onCompositionStart);
      field.removeEventListener("compositionend", onCompositionEnd);
      for (const name of selectionEvents) field.removeEventListener(name, publishSelection);
      document.removeEventListener("selectionchange", publishSelection);
      field.removeEventListener("blur", clearSelection);
      clearSelection();
      undoManager.destroy();
      undoRef.current = null;
    };
  }, [text, label, awareness]);

  useEffect(() => {
    if (!awareness) return;
    const overlay = new FieldCarets(ref.current!, carets.current!, awareness, text);
    return () => overlay.destroy();
  }, [text, awareness]);

  const onKeyDown = (event: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.nativeEvent.isComposing) {
      event.preventDefault();
      onEnter?.();
    } else if (isUndo(event) || isRedo(event)) {
      // The browser's own undo knows nothing of the shared text: undo only this person's edits of it.
      event.preventDefault();
      if (isUndo(event)) undoRef.current?.undo();
      else undoRef.current?.redo();
    }
  };

  return (
    <div className="field-presence">
      <textarea
        ref={ref}
        id={id}
        className={className}
        aria-label={label}
        placeholder={placeholder}
        readOnly={isReadOnly}
        rows={1}
        spellCheck
        onKeyDown={onKeyDown}
      />
      {/* Decorative: the presence avatars name who is here. */}
      {awareness && <div ref={carets} className="field-carets" aria-hidden="true" />}
    </div>
  );
}
