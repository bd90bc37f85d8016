"use client";

import { forwardRef, useState } from "react";
import { RelativeTime } from "../ui/relative-time";
import { CommentBody } from "./comment-body";
import { CommentComposer } from "./comment-composer";
import type { CommentsStore, Reply, Thread } from "./comments-store";

interface ThreadCardProps {
  thread: Thread;
  articleId: string;
  store: CommentsStore;
  canComment: boolean;
  isFocused: boolean;
  /** Nothing of the passage is left in the text (as the live document says, or the server when it cannot). */
  isOnDeletedText: boolean;
  /** The card was chosen: focus it and select its passage. */
  onFocus: (threadId: string) => void;
}

/** One thread in the sidebar: its passage (or "On deleted text"), the comments, and what this user may do. */
export const ThreadCard = forwardRef<HTMLElement, ThreadCardProps>(function ThreadCard(props, ref) {
  const { thread, articleId, store, canComment, isFocused, isOnDeletedText, onFocus } = props;
  const [isReplying, setIsReplying] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const canResolve = thread.allowedActions?.includes("comment:resolve") ?? false;

  const run = async (action: () => Promise<void>) => {
    setActionError(null);
    try {
      await action();
    } catch (error) {
      setActionError((error as Error).message);
    }
  };

  return (
    <article
      ref={ref}
      className="thread-card"
      data-thread-id={thread.id}
      data-focused={isFocused || undefined}
      data-resolved={thread.resolved || undefined}
      aria-label={`Thread by ${thread.author.name}`}
      onClick={(event) => {
        // Buttons, links and fields inside the card do their own thing.
        if ((event.target as HTMLElement).closest("button, a, textarea, input, select, [role=option]")) return;
        onFocus(thread.id);
      }}
    >
      {isOnDeletedText ? (
        <p className="thread-card__deleted">
          <strong>On deleted text</strong>
          {thread.quote && <q className="thread-card__quote">{thread.quote}</q>}
        </p>
      ) : (
        (thread.quote ?? thread.anchor.text) && (
          // The passage's quote is also the keyboard's way to the passage.
          <button
            type="button"
            className="thread-card__goto"
            aria-label={`Show in the text: ${thread.quote ?? thread.anchor.text}`}
            onClick={() => onFocus(thread.id)}
          >
            <q className="thread-card__quote">{thread.quote ?? thread.anchor.text}</q>
          </button>
        )
      )}
      {thread.resolved && (
        <p className="thread-card__resolved">
          Resolved{thread.resolvedBy ? ` by ${thread.resolvedBy.name}` : ""}
        </p>
      )}
      <ol className="thread-card__comments list-column">
        {[{ ...thread, threadId: thread.id } as Reply, ...thread.replies].map((comment) => (
          <CommentItem key={comment.id} comment={comment} articleId={articleId} store={store} run={run} />
        ))}
      </ol>
      {actionError && (
        <p className="comment-composer__error" role="alert">
          {actionError}
        </p>
      )}
      {isReplying ? (
        <CommentComposer
          articleId={articleId}
          label="Reply"
          submitLabel="Reply"
          autoFocus
          onSubmit={async (body) => {
            await store.create({ body, parentId: thread.id });
            setIsReplying(false);
          }}
          onCancel={() => setIsReplying(false)}
        />
      ) : (
        <div className="thread-card__actions">
          {canComment && !thread.resolved && (
            <button type="button" className="button button-secondary button-small" onClick={() => setIsReplying(true)}>
              Reply
            </button>
          )}
          {canResolve && (
            <button
              type="button"
              className="button button-quiet button-small"
              onClick={() => void run(() => store.setResolved(thread.id, !thread.resolved))}
            >
              {thread.resolved ? "Reopen" : "Resolve"}
            </button>
          )}
        </div>
      )}
    </article>
  );
});

interface CommentItemProps {
  comment: Reply;
  articleId: string;
  store: CommentsStore;
  run: (action: () => Promise<void>) => Promise<void>;
}

function CommentItem({ comment, articleId, store, run }: CommentItemProps) {
  const [isEditing, setIsEditing] = useState(false);
  if (comment.deleted) {
    return <li className="comment comment--deleted">Comment deleted</li>;
  }
  const may = (action: "comment:edit" | "comment:delete") => comment.allowedActions?.includes(action) ?? false;
  return (
    <li className="comment" aria-label={`Comment by ${comment.author.name}`}>
      <p className="comment__meta">
        <span className="comment__author">{comment.author.name}</span> <RelativeTime iso={comment.createdAt} />
        {comment.editedAt && <span className="comment__edited"> (edited)</span>}
      </p>
      {isEditing ? (
        <CommentComposer
          articleId={articleId}
          label="Edit comment"
          submitLabel="Save"
          initialBody={comment.body}
          autoFocus
          onSubmit={async (body) => {
            await store.edit(comment.id, body);
            setIsEditing(false);
          }}
          onCancel={() => setIsEditing(false)}
        />
      ) : (
        <CommentBody body={comment.body} />
      )}
      {!isEditing && (may("comment:edit") || may("comment:delete")) && (
        <div className="comment__actions">
          {may("comment:edit") && (
            <button type="button" className="button button-quiet button-small" onClick={() => setIsEditing(true)}>
              Edit
            </button>
          )}
          {may("comment:delete") && (
            <button
              type="button"
              className="button button-danger-quiet button-small"
              onClick={() => {
                if (window.confirm("Delete this comment?")) void run(() => store.remove(comment.id));
              }}
            >
              Delete
            </button>
          )}
        </div>
      )}
    </li>
  );
}
