"use client";

import type { Editor } from "@tiptap/core";
import { useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from "react";
import type { CollabSession } from "../editor/collab-session";
import { LabelledOptions } from "../ui/labelled-options";
import { CommentComposer } from "./comment-composer";
import {
  findHighlight,
  selectionAnchor,
  setCommentHighlights,
  type AnchorMove,
  type HighlightAnchor,
} from "./comment-highlights";
import { CommentsStore } from "./comments-store";
import { ThreadCard } from "./thread-card";
import { matchesFilter, threadFilters, type ThreadFilter } from "./thread-filter";
import { useThreadLayout } from "./use-thread-layout";
import "./comments.css";

export interface CommentsSidebarProps {
  articleId: string;
  editor: Editor | null;
  session: CollabSession;
  currentUserId: string;
  canComment: boolean;
  /** "comment": the Comment button or Mod-Alt-M; "focus" (CustomEvent<string>): a highlight was clicked. */
  requests: EventTarget;
  /** From ?thread=: open and focus this thread once loaded. */
  initialThreadId?: string;
}

type Draft = { start: string; end: string; quote: string };

/** Resolves once the server has stored every change this page made (the connection line reads Saved or Connected). */
function whenSaved(session: CollabSession): Promise<void> {
  const isSaved = () => session.getSnapshot().status.tone === "ok";
  return new Promise((resolve) => {
    if (isSaved()) return resolve();
    const unsubscribe = session.subscribe(() => {
      if (!isSaved()) return;
      unsubscribe();
      resolve();
    });
  });
}

/**
 * The article's comment threads beside the text: each card next to its
 * highlighted passage, stacked without overlap, live for everyone (the collab
 * socket says when to reload). Cards are placed by writing their `top`
 * directly, so typing never re-renders React.
 */
export function CommentsSidebar(props: CommentsSidebarProps) {
  const { articleId, editor, session, currentUserId, canComment, requests, initialThreadId } = props;
  const [store] = useState(() => new CommentsStore(articleId));
  const { threads, isLoaded, loadError } = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  const [filter, setFilter] = useState<ThreadFilter>("open");
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const pendingFocus = useRef(initialThreadId ?? null);
  const sentHighlights = useRef<{ editor: Editor; key: string } | null>(null);
  const { listRef, cards, relayout, deletedLive } = useThreadLayout({ editor, session, store, focusedId });

  const visible = threads.filter((thread) => matchesFilter(thread, filter, currentUserId));

  useEffect(() => {
    void store.reload();
    const reload = (event: Event) => {
      const detail = (event as CustomEvent<{ articleId?: string }>).detail;
      if (!detail || detail.articleId === articleId) void store.reload();
    };
    session.articleEvents.addEventListener("comment.changed", reload);
    session.articleEvents.addEventListener("resync", reload);
    return () => {
      session.articleEvents.removeEventListener("comment.changed", reload);
      session.articleEvents.removeEventListener("resync", reload);
    };
  }, [store, session, articleId]);

  // This editor rebuilt paragraphs holding passages (a merge, split or new block type): store where they are now.
  useEffect(() => {
    if (!editor) return;
    const saveMoves = ({ moves }: { moves: AnchorMove[] }) => {
      for (const move of moves) store.reanchor(move.threadId, { start: move.start, end: move.end }, () => whenSaved(session));
    };
    editor.on("commentAnchorsMoved", saveMoves);
    return () => void editor.off("commentAnchorsMoved", saveMoves);
  }, [editor, store, session]);

  // Highlights follow the visible threads; the card layout follows highlights, card sizes and the text.
  useLayoutEffect(() => {
    if (!editor || editor.isDestroyed) return;
    // Every anchored thread, shown or filtered out: a hidden one must follow its text too.
    const shown = new Set(visible.map((thread) => thread.id));
    const anchors: HighlightAnchor[] = threads.flatMap((thread) =>
      thread.position
        ? [{ threadId: thread.id, ...thread.position, isResolved: thread.resolved, isShown: shown.has(thread.id) }]
        : [],
    );
    // Only a real change reaches the editor: the plugin then re-resolves every anchor.
    const key = JSON.stringify([anchors, focusedId]);
    if (sentHighlights.current?.editor !== editor || sentHighlights.current.key !== key) {
      sentHighlights.current = { editor, key };
      editor.view.dispatch(setCommentHighlights(editor.state.tr, { anchors, focusedId }));
    }
    relayout();
  });

  const focusThread = useCallback(
    (threadId: string, options: { selectPassage: boolean }) => {
      setFocusedId(threadId);
      const thread = store.getSnapshot().threads.find((t) => t.id === threadId);
      if (thread && !matchesFilter(thread, filter, currentUserId)) setFilter("all");
      const range = editor && !editor.isDestroyed ? findHighlight(editor.state, threadId) : null;
      if (editor && range && options.selectPassage) {
        editor.chain().setTextSelection(range).scrollIntoView().run();
        editor.view.focus();
      }
      requestAnimationFrame(() => cards.current.get(threadId)?.scrollIntoView({ block: "nearest", behavior: "smooth" }));
    },
    [editor, store, filter, currentUserId, cards],
  );

  useEffect(() => {
    const startComment = () => {
      if (!editor || !canComment) return;
      const anchor = selectionAnchor(editor.state);
      if (!anchor) {
        setNotice("Select the passage you want to comment on, then choose Comment.");
        return;
      }
      setNotice(null);
      setDraft(anchor);
    };
    const onFocus = (event: Event) => focusThread((event as CustomEvent<string>).detail, { selectPassage: false });
    requests.addEventListener("comment", startComment);
    requests.addEventListener("focus", onFocus);
    return () => {
      requests.removeEventListener("comment", startComment);
      requests.removeEventListener("focus", onFocus);
    };
  }, [requests, editor, canComment, focusThread]);

  // ?thread=…: once that thread and (if it has one) its highlight are there, open it.
  useEffect(() => {
    const id = pendingFocus.current;
    if (!id || !isLoaded || !editor) return;
    const thread = threads.find((t) => t.id === id);
    if (!thread) return;
    if (thread.anchor.state === "attached" && !findHighlight(editor.state, id) && matchesFilter(thread, filter, currentUserId)) {
      return;
    }
    pendingFocus.current = null;
    focusThread(id, { selectPassage: true });
  });

  return (
    <aside className="comments-sidebar" aria-label="Comments">
      <div className="comments-sidebar__head">
        <h2 className="comments-sidebar__title">Comments</h2>
        <label className="comments-sidebar__filter">
          <span>Show</span>
          <select value={filter} onChange={(event) => setFilter(event.target.value as ThreadFilter)}>
            <LabelledOptions values={Object.keys(threadFilters) as ThreadFilter[]} labels={threadFilters} />
          </select>
        </label>
      </div>
      {notice && (
        <p className="comments-sidebar__notice" role="status">
          {notice}
        </p>
      )}
      {loadError && (
        <p className="comment-composer__error" role="alert">
          Comments could not be loaded: {loadError}
        </p>
      )}
      {draft && (
        <section className="thread-card thread-card--draft" aria-label="New comment">
          <q className="thread-card__quote">{draft.quote}</q>
          <CommentComposer
            articleId={articleId}
            label="Comment"
            submitLabel="Comment"
            autoFocus
            onSubmit={async (body) => {
              const comment = await store.create({ body, quote: draft.quote.slice(0, 1000), anchor: { start: draft.start, end: draft.end } });
              setDraft(null);
              if (filter !== "open" && filter !== "all" && filter !== "mine") setFilter("open");
              setFocusedId(comment.id);
            }}
            onCancel={() => setDraft(null)}
          />
        </section>
      )}
      {isLoaded && visible.length === 0 && !draft && (
        <p className="muted comments-sidebar__empty">
          {threads.length === 0
            ? canComment
              ? "No comments yet. Select a passage and choose Comment."
              : "No comments yet."
            : `No threads under “${threadFilters[filter]}”.`}
        </p>
      )}
      <div className="comments-sidebar__threads" ref={listRef}>
        {visible.map((thread) => (
          <ThreadCard
            key={thread.id}
            ref={(element) => {
              if (element) cards.current.set(thread.id, element);
              else cards.current.delete(thread.id);
            }}
            thread={thread}
            articleId={articleId}
            store={store}
            canComment={canComment}
            isFocused={thread.id === focusedId}
            isOnDeletedText={thread.position && session.provider.synced ? deletedLive.has(thread.id) : thread.anchor.state === "deleted"}
            onFocus={(id) => focusThread(id, { selectPassage: true })}
          />
        ))}
      </div>
    </aside>
  );
}
