"use client";

import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor } from "@tiptap/react";
import { useEffect, useId, useState, useSyncExternalStore } from "react";
import { articleFields } from "@/lib/docs/text";
import { articleExtensions } from "@/lib/editor/extensions";
import type { ArticleAction } from "@/lib/policy/types";
import { TextblockAnchors } from "@/lib/editor/text-anchors";
import { IncrementalRemoteSync } from "@/lib/editor/incremental-remote-sync";
import { RenderedCaretBlocks } from "@/lib/editor/rendered-caret-blocks";
import { ExactRemoteCaret } from "@/lib/editor/exact-remote-caret";
import { ExactLocalSplice } from "@/lib/editor/exact-local-splice";
import { caretPluginAwareness } from "@/lib/editor/caret-awareness";
import { CommentHighlights } from "../comments/comment-highlights";
import { CommentsSidebar } from "../comments/comments-sidebar";
import { colorForUser } from "../presence/identity";
import { PresenceAvatars, type PresenceUser } from "../presence/presence-avatars";
import { Byline } from "./byline";
import { CollabSession } from "./collab-session";
import { ConnectionIndicator } from "./connection-indicator";
import { DocumentStats } from "./document-stats";
import { EditorToolbar } from "./editor-toolbar";
import { YTextField } from "./y-text-field";
import { RefusedChangesNotice } from "./refused-changes-notice";
import { isSuggesting, Suggesting } from "@/lib/editor/suggesting";
import { SuggestionsButton } from "../suggestions/suggestions-button";
import { EditingModeSwitch, UnsuggestableNotice } from "../suggestions/editing-mode";
import "./editor.css";

export interface ArticleEditorProps {
  articleId: string;
  currentUser: { id: string; name: string };
  /** lib/policy's allowedArticleActions for this user: the editor offers only what they may do (the server enforces it). */
  allowedActions: readonly ArticleAction[];
  /** The owner first, then co-authors: the byline. */
  authors: { id: string; name: string }[];
  wordTarget: number | null;
  /** Where /collab is served, when not by this page's origin (ws://host:port). */
  collabOrigin?: string;
  /** A short-lived collab token, when no session cookie reaches the socket. */
  collabToken?: string;
  /** From /articles/:id?thread=…: the comment thread to open (an inbox link). */
  initialThreadId?: string;
}

/**
 * The article as everyone in it edits it live: headline, standfirst, byline
 * and body over one Y.Doc (see lib/docs/text.ts for its layout), with
 * presence, the connection line and live counts.
 */
export function ArticleEditor(props: ArticleEditorProps) {
  const { articleId, currentUser, allowedActions, collabOrigin, collabToken } = props;
  const canEdit = allowedActions.includes("article:edit");
  const isSuggestOnly = !canEdit && allowedActions.includes("article:suggest");
  const [session, setSession] = useState<CollabSession | null>(null);
  // Changes the server refused: this browser's copy that held them, kept so their text can be copied.
  const [refused, setRefused] = useState<Uint8Array | null>(null);
  // How often the article was opened again from the server's copy after a refusal.
  const [reopenings, setReopenings] = useState(0);

  useEffect(() => {
    let isRefusing = false;
    const created: CollabSession = new CollabSession({
      articleId,
      userId: currentUser.id,
      canEdit,
      canSuggest: isSuggestOnly,
      origin: collabOrigin,
      token: collabToken,
      // Refused edits mean the right to edit is gone; a refused suggestion only that one change.
      isServerReadOnly: reopenings > 0 && !isSuggestOnly,
      // Back to what the server stores: the copy leaves IndexedDB, and a new session (this effect again) opens.
      onChangesRefused: () => {
        if (isRefusing) return;
        isRefusing = true;
        void created.discardLocalCopy().then((copy) => {
          setRefused(copy);
          setReopenings((count) => count + 1);
        });
      },
    });
    // The session is the external system here (a socket, IndexedDB): created after mount, destroyed on unmount.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSession(created);
    return () => {
      setSession(null);
      created.destroy();
    };
  }, [articleId, currentUser.id, canEdit, isSuggestOnly, collabOrigin, collabToken, reopenings]);

  if (!session) {
    return (
      <div className="article-editor" aria-busy="true">
        <p className="connection-status" data-tone="pending" aria-live="polite">
          Opening the article…
        </p>
      </div>
    );
  }
  return <ArticleWorkspace {...props} session={session} refused={refused} onRefusalSeen={() => setRefused(null)} />;
}

interface WorkspaceProps extends ArticleEditorProps {
  session: CollabSession;
  refused: Uint8Array | null;
  onRefusalSeen: () => void;
}

function ArticleWorkspace(props: WorkspaceProps) {
  const { session, articleId, currentUser, allowedActions, authors, wordTarget, initialThreadId, refused, onRefusalSeen } = props;
  const canEdit = allowedActions.includes("article:edit");
  const canSuggest = allowedActions.includes("article:suggest");
  const isSuggestOnly = canSuggest && !canEdit;
  const canComment = allowedActions.includes("article:comment");
  // Suggesting: this person's changes to the body are proposed, not made (always so for who may only suggest).
  const [isSuggestingMode, setSuggestingMode] = useState(isSuggestOnly);
  // Said when something was typed that cannot be suggested (a paragraph break, formatting).
  const [unsuggestable] = useState(() => new EventTarget());
  // The editor (a highlight clicked, Mod-Alt-M) and the Comment button ask the sidebar, which owns the threads.
  const [commentRequests] = useState(() => new EventTarget());
  // Only this fact of the session: its status line changes per keystroke ("Saving…", "Saved"), and a render
  // here re-renders everything below, React reading the DOM selection across the whole body on each commit.
  const readServerReadOnly = () => session.getSnapshot().isServerReadOnly;
  const isServerReadOnly = useSyncExternalStore(session.subscribe, readServerReadOnly, readServerReadOnly);
  const isEditable = (canEdit || canSuggest) && !isServerReadOnly;
  const areFieldsEditable = !isServerReadOnly && (isSuggestingMode ? canSuggest : canEdit);
  // Mod-K is handled inside the editor; the toolbar, which owns the link dialog, listens for it.
  const [linkRequests] = useState(() => new EventTarget());
  const standfirstId = useId();

  const editor = useEditor(
    {
      extensions: [
        ...articleExtensions({ onLinkShortcut: () => linkRequests.dispatchEvent(new Event("open")), suggesterColor: colorForUser }),
        Collaboration.configure({ document: session.doc, field: articleFields.body }),
        TextblockAnchors,
        IncrementalRemoteSync,
        ExactRemoteCaret,
        ExactLocalSplice,
        Suggesting.configure({
          userId: canSuggest ? currentUser.id : null,
          isInitiallyOn: isSuggestOnly,
          onUnsuggestable: () => unsuggestable.dispatchEvent(new Event("refused")),
        }),
        RenderedCaretBlocks,
        CommentHighlights.configure({
          onHighlightClick: (threadId) => commentRequests.dispatchEvent(new CustomEvent("focus", { detail: threadId })),
          onCommentShortcut: () => commentRequests.dispatchEvent(new Event("comment")),
        }),
        CollaborationCaret.configure({
          provider: { awareness: caretPluginAwareness(session.provider.awareness) },
          user: {
            name: currentUser.name,
            color: colorForUser(currentUser.id),
            isViewOnly: !canEdit && !canSuggest,
            isSuggesting: isSuggestOnly,
          } satisfies PresenceUser,
        }),
      ],
      editable: canEdit || canSuggest,
      immediatelyRender: false,
      // Toolbar, counts and status subscribe to what they show; nothing re-renders per keystroke.
      shouldRerenderOnTransaction: false,
      editorProps: {
        // A rich-text field is a multi-line textbox to assistive technology (WAI-ARIA's own pattern).
        attributes: { id: "article-body", class: "article-body", role: "textbox", "aria-label": "Article body", "aria-multiline": "true" },
      },
    },
    [session],
  );

  // The server may downgrade the connection (a role or status change): stop typing and tell the others.
  useEffect(() => {
    if (!editor || editor.isEditable === isEditable) return;
    editor.setEditable(isEditable);
    editor.commands.updateUser({ name: currentUser.name, color: colorForUser(currentUser.id), isViewOnly: !isEditable, isSuggesting: isSuggestingMode });
  }, [editor, isEditable, currentUser.name, currentUser.id, isSuggestingMode]);

  useEffect(() => {
    if (!editor || isSuggesting(editor.state) === isSuggestingMode) return;
    editor.commands.setSuggesting(isSuggestingMode);
    // The others see who is suggesting rather than editing.
    editor.commands.updateUser({ name: currentUser.name, color: colorForUser(currentUser.id), isViewOnly: !isEditable, isSuggesting: isSuggestingMode });
  }, [editor, isSuggestingMode, isEditable, currentUser.name, currentUser.id]);

  const doc = session.doc;
  return (
    <div className="article-workspace">
      <div className="article-editor" data-editable={isEditable}>
        <div className="article-editor__bar">
          <PresenceAvatars awareness={session.provider.awareness} />
          {!isEditable && (
            <span className="view-only-badge" title="You can follow this article live but not change it">
              View only
            </span>
          )}
          {isEditable && isSuggestOnly && (
            <span className="suggesting-badge" title="What you type is shown as a suggestion for the author to accept or reject">
              Suggesting
            </span>
          )}
          {isEditable && canEdit && canSuggest && <EditingModeSwitch isSuggesting={isSuggestingMode} onChange={setSuggestingMode} />}
          <SuggestionsButton
            articleId={articleId}
            doc={session.doc}
            editor={editor}
            currentUserId={currentUser.id}
            canResolve={canEdit && !isServerReadOnly}
          />
          {canComment && (
            <button
              type="button"
              className="button button-secondary button-small"
              title="Comment on the selected passage (Ctrl+Alt+M)"
              aria-keyshortcuts="Control+Alt+M Meta+Alt+M"
              // Keep the text's selection: it is what the comment is about.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => commentRequests.dispatchEvent(new Event("comment"))}
            >
              Comment
            </button>
          )}
          <ConnectionIndicator session={session} />
        </div>
        {refused && <RefusedChangesNotice session={session} refused={refused} onDismiss={onRefusalSeen} isSuggester={isSuggestOnly} />}
        {isEditable && isSuggestingMode && <UnsuggestableNotice events={unsuggestable} />}
        {isEditable && canEdit && !isSuggestingMode && editor && <EditorToolbar editor={editor} linkRequests={linkRequests} />}
        <div className="article-sheet">
          <YTextField
            text={doc.getText(articleFields.headline)}
            label="Headline"
            placeholder="Headline"
            className="article-headline"
            isReadOnly={!areFieldsEditable}
            suggesterId={isSuggestingMode ? currentUser.id : null}
            onEnter={() => document.getElementById(standfirstId)?.focus()}
            awareness={session.provider.awareness}
          />
          <YTextField
            text={doc.getText(articleFields.standfirst)}
            label="Standfirst"
            placeholder="Standfirst: the story in a sentence or two"
            className="article-standfirst"
            isReadOnly={!areFieldsEditable}
            suggesterId={isSuggestingMode ? currentUser.id : null}
            id={standfirstId}
            onEnter={() => editor?.commands.focus("start")}
            awareness={session.provider.awareness}
          />
          <Byline authors={authors} />
          <EditorContent editor={editor} className="article-body-frame" />
        </div>
        {editor && (
          <DocumentStats
            editor={editor}
            wordTarget={wordTarget}
            targetSetting={allowedActions.includes("article:rename") ? { articleId } : undefined}
          />
        )}
      </div>
      <CommentsSidebar
        articleId={articleId}
        editor={editor}
        session={session}
        currentUserId={currentUser.id}
        canComment={canComment}
        requests={commentRequests}
        initialThreadId={initialThreadId}
      />
    </div>
  );
}
