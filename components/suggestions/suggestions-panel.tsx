"use client";

import type { Editor } from "@tiptap/core";
import { useEffect, useState } from "react";
import type { OpenSuggestion } from "@/lib/suggestions/read";
import { RelativeTime } from "../ui/relative-time";
import { describeSuggestion, fetchSuggestions, replyTo, resolveAll, resolveSuggestion, type SuggestionJson } from "./suggestions-api";
import type { SuggestionsButtonProps } from "./suggestions-button";
import "./suggestions.css";

interface PanelProps extends SuggestionsButtonProps {
  /** The open suggestions as the live document holds them now. */
  open: OpenSuggestion[];
  onClose: () => void;
}

const fieldLabel = { headline: "In the headline", standfirst: "In the standfirst", body: null } as const;
const stateLabel = { accepted: "Accepted", rejected: "Rejected", withdrawn: "Withdrawn", open: "Open" } as const;

/** Selects a suggestion's text in the body and brings it into view. */
function selectInText(editor: Editor | null, id: string): void {
  if (!editor) return;
  let from = -1;
  let to = -1;
  editor.state.doc.descendants((node, pos) => {
    if (!node.isText || !node.marks.some((mark) => mark.attrs.id === id && mark.type.name.startsWith("suggest"))) return;
    if (from < 0) from = pos;
    to = pos + node.nodeSize;
  });
  if (from >= 0) editor.chain().setTextSelection({ from, to }).scrollIntoView().run();
}

/**
 * The article's suggestions as cards: who, when, what ("Replace “forty”
 * with “40”"), the replies, and Accept / Reject for who may edit, Withdraw
 * for the suggester. Open ones come live from the document; names, replies
 * and the record of resolved ones from the API.
 */
export default function SuggestionsPanel({ articleId, editor, currentUserId, canResolve, open, onClose }: PanelProps) {
  const [records, setRecords] = useState<SuggestionJson[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const signature = open.map((s) => `${s.id}\u0000${s.inserted}\u0000${s.deleted}`).join("\u0001");

  // Read again when the open suggestions change, and after each action here.
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    let isCurrent = true;
    fetchSuggestions(articleId).then(
      (loaded) => {
        if (!isCurrent) return;
        setRecords(loaded);
        setError(null);
      },
      (caught: unknown) => isCurrent && setError((caught as Error).message),
    );
    return () => {
      isCurrent = false;
    };
  }, [articleId, signature, reloads]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);

  const run = async (key: string, action: () => Promise<unknown>) => {
    setBusy(key);
    setError(null);
    try {
      await action();
      setReloads((count) => count + 1);
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const byId = new Map((records ?? []).map((record) => [record.id, record]));
  const openIds = new Set(open.map((s) => s.id));
  // Open with their text gone (deleted around them): still shown, so nothing is silently lost.
  const orphaned = (records ?? []).filter((record) => record.state === "open" && !openIds.has(record.id));
  const resolved = (records ?? []).filter((record) => record.state !== "open");

  return (
    <aside id="suggestions-panel" className="suggestions-panel" aria-label="Suggestions">
      <header className="suggestions-panel__header">
        <h2>Suggestions</h2>
        <button type="button" className="button button-quiet button-small" onClick={onClose} aria-label="Close suggestions" title="Close (Escape)">
          ×
        </button>
        {canResolve && open.length > 1 && (
          <div className="suggestions-panel__all">
            <button type="button" className="button button-small" disabled={busy !== null} onClick={() => void run("all", () => resolveAll(articleId, "accept"))}>
              Accept all
            </button>
            <button type="button" className="button button-secondary button-small" disabled={busy !== null} onClick={() => void run("all", () => resolveAll(articleId, "reject"))}>
              Reject all
            </button>
          </div>
        )}
      </header>
      {error && (
        <p className="suggestions-panel__error" role="alert">
          {error}
        </p>
      )}
      {open.length === 0 && orphaned.length === 0 && (
        <p className="suggestions-panel__empty">No open suggestions. {canResolve ? "Switch to Suggesting to propose a change." : ""}</p>
      )}
      <ol className="suggestions-panel__list">
        {open.map((suggestion) => (
          <SuggestionCard
            key={suggestion.id}
            articleId={articleId}
            suggestion={{ ...suggestion, record: byId.get(suggestion.id) }}
            isMine={suggestion.by === currentUserId}
            canResolve={canResolve}
            isBusy={busy !== null}
            onSelect={() => selectInText(editor, suggestion.id)}
            run={run}
          />
        ))}
        {orphaned.map((record) => (
          <SuggestionCard
            key={record.id}
            articleId={articleId}
            suggestion={{ id: record.id, by: record.author.id, kind: record.kind, inserted: record.inserted, deleted: record.deleted, field: record.field, record, isOrphaned: true }}
            isMine={record.author.id === currentUserId}
            canResolve={canResolve}
            isBusy={busy !== null}
            onSelect={() => undefined}
            run={run}
          />
        ))}
      </ol>
      {resolved.length > 0 && (
        <details className="suggestions-panel__resolved">
          <summary>Resolved ({resolved.length})</summary>
          <ol className="suggestions-panel__list">
            {resolved.map((record) => (
              <li key={record.id} className="suggestion-card suggestion-card--resolved">
                <p className="suggestion-card__what">{describeSuggestion(record)}</p>
                <p className="suggestion-card__meta">
                  {record.author.name} · {stateLabel[record.state]}
                  {record.resolvedBy ? ` by ${record.resolvedBy.name}` : ""}
                  {record.resolvedAt && (
                    <>
                      {" "}
                      <RelativeTime iso={record.resolvedAt} />
                    </>
                  )}
                </p>
              </li>
            ))}
          </ol>
        </details>
      )}
    </aside>
  );
}

interface CardProps {
  articleId: string;
  suggestion: Pick<OpenSuggestion, "id" | "by" | "kind" | "inserted" | "deleted" | "field"> & { record?: SuggestionJson; isOrphaned?: boolean };
  isMine: boolean;
  canResolve: boolean;
  isBusy: boolean;
  onSelect: () => void;
  run: (key: string, action: () => Promise<unknown>) => Promise<void>;
}

function SuggestionCard({ articleId, suggestion, isMine, canResolve, isBusy, onSelect, run }: CardProps) {
  const { id, record } = suggestion;
  const [reply, setReply] = useState("");
  const where = fieldLabel[suggestion.field];
  return (
    <li className="suggestion-card" data-suggestion-id={id}>
      <button type="button" className="suggestion-card__select" onClick={onSelect} aria-label={`Show in the text: ${describeSuggestion(suggestion)}`}>
        <span className="suggestion-card__who">{record?.author.name ?? (isMine ? "You" : "…")}</span>
        {record && <RelativeTime iso={record.createdAt} />}
      </button>
      <p className="suggestion-card__what">{describeSuggestion(suggestion)}</p>
      {where && <p className="suggestion-card__where">{where}</p>}
      {suggestion.isOrphaned && <p className="suggestion-card__orphaned">Its text has since been deleted from the article.</p>}
      {record && record.replies.length > 0 && (
        <ol className="suggestion-card__replies">
          {record.replies.map((r) => (
            <li key={r.id}>
              <strong>{r.author.name}</strong> {r.body}
            </li>
          ))}
        </ol>
      )}
      <form
        className="suggestion-card__reply"
        onSubmit={(event) => {
          event.preventDefault();
          if (!reply.trim()) return;
          void run(`reply:${id}`, () => replyTo(articleId, id, reply)).then(() => setReply(""));
        }}
      >
        <input aria-label={`Reply to the suggestion: ${describeSuggestion(suggestion)}`} placeholder="Reply…" value={reply} onChange={(event) => setReply(event.target.value)} maxLength={5000} />
      </form>
      <div className="suggestion-card__actions">
        {canResolve && (
          <>
            <button
              type="button"
              className="button button-small"
              disabled={isBusy}
              aria-label={`Accept: ${describeSuggestion(suggestion)}`}
              onClick={() => void run(id, () => resolveSuggestion(articleId, id, "accept"))}
            >
              Accept
            </button>
            <button
              type="button"
              className="button button-secondary button-small"
              disabled={isBusy}
              aria-label={`Reject: ${describeSuggestion(suggestion)}`}
              onClick={() => void run(id, () => resolveSuggestion(articleId, id, "reject"))}
            >
              Reject
            </button>
          </>
        )}
        {isMine && !canResolve && (
          <button type="button" className="button button-secondary button-small" disabled={isBusy} onClick={() => void run(id, () => resolveSuggestion(articleId, id, "withdraw"))}>
            Withdraw
          </button>
        )}
      </div>
    </li>
  );
}
