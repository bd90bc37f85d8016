import { canOnComment, commentActions, type Actor, type ArticleAccess, type CommentAction } from "../policy";
import type { AnchorView, StoredAnchor } from "./anchors";
import { toCommentAccess, type CommentRecord, type PersonRef } from "./repository";

/** Who is looking: with one, every view says what they may do to it, so the UI shows only those buttons. */
export interface Viewer {
  actor: Actor;
  article: ArticleAccess;
}

/** A reply as the API and the sidebar show it. A deleted one keeps its place but not its words. */
export interface ReplyView {
  id: string;
  threadId: string;
  body: string;
  author: PersonRef;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  /** What the viewer may do to this comment (present when a viewer was given). */
  allowedActions?: CommentAction[];
}

export interface ThreadView extends Omit<ReplyView, "threadId"> {
  resolved: boolean;
  resolvedAt: string | null;
  resolvedBy: PersonRef | null;
  /** The text the thread was opened on, for when the passage is deleted. */
  quote: string | null;
  anchor: AnchorView;
  /** The stored Yjs relative positions (base64), so an editor can highlight the passage live; null without one. */
  position: StoredAnchor | null;
  replies: ReplyView[];
}

export type AnchorResolver = (anchor: StoredAnchor | null) => AnchorView;

function allowedActions(comment: CommentRecord, viewer: Viewer | undefined) {
  if (!viewer) return {};
  const access = toCommentAccess(comment);
  return {
    allowedActions: commentActions.filter((action) => canOnComment(viewer.actor, action, access, viewer.article)),
  };
}

export function presentReply(comment: CommentRecord, viewer?: Viewer): ReplyView {
  const deleted = comment.deletedAt !== null;
  return {
    id: comment.id,
    threadId: comment.threadId ?? comment.id,
    body: deleted ? "" : comment.body,
    author: comment.author,
    createdAt: comment.createdAt,
    editedAt: deleted ? null : comment.editedAt,
    deleted,
    ...allowedActions(comment, viewer),
  };
}

export function presentThread(
  root: CommentRecord,
  replies: CommentRecord[],
  resolveAnchor: AnchorResolver,
  viewer?: Viewer,
): ThreadView {
  const reply = presentReply(root, viewer);
  return {
    id: reply.id,
    body: reply.body,
    author: reply.author,
    createdAt: reply.createdAt,
    editedAt: reply.editedAt,
    deleted: reply.deleted,
    resolved: root.resolvedAt !== null,
    resolvedAt: root.resolvedAt,
    resolvedBy: root.resolvedBy,
    quote: root.quote,
    anchor: resolveAnchor(root.anchor),
    position: root.anchor,
    replies: replies.map((r) => presentReply(r, viewer)),
    ...allowedActions(root, viewer),
  };
}

/**
 * Groups an article's comments (oldest first) into threads. A deleted root
 * stays as a placeholder while any reply is left; with none it is gone.
 */
export function buildThreads(
  comments: CommentRecord[],
  resolveAnchor: AnchorResolver,
  viewer?: Viewer,
): ThreadView[] {
  const repliesOf = new Map<string, CommentRecord[]>();
  for (const comment of comments) {
    if (comment.threadId === null) continue;
    const list = repliesOf.get(comment.threadId) ?? [];
    list.push(comment);
    repliesOf.set(comment.threadId, list);
  }
  return comments
    .filter((comment) => comment.threadId === null)
    .filter((root) => root.deletedAt === null || (repliesOf.get(root.id) ?? []).some((r) => r.deletedAt === null))
    .map((root) => presentThread(root, repliesOf.get(root.id) ?? [], resolveAnchor, viewer));
}
