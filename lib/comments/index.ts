/**
 * Comments on passages: threads with replies, anchored to the article's text
 * by Yjs relative positions, with mentions and an inbox of notifications.
 * Writes go through lib/commands (create-comment.ts and its neighbours).
 */
import type { DbOrTx } from "../db/client";
import { loadDocument } from "../docs";
import { createAnchorResolver, type AnchorView } from "./anchors";
import { findComment, listComments, type CommentRecord } from "./repository";
import { buildThreads, presentThread, type AnchorResolver, type ThreadView, type Viewer } from "./threads";

export { createAnchorResolver, decodeAnchorPosition, encodeAnchorPosition } from "./anchors";
export type { AnchorState, AnchorView, StoredAnchor } from "./anchors";
export { keepValidMentions, listUsersWhoMayView, mentionsAsNames, parseMentionIds } from "./mentions";
export { countUnreadNotifications, listNotifications, type NotificationView } from "./notifications";
export { findComment, listComments, toCommentAccess, type CommentRecord, type PersonRef } from "./repository";
export { buildThreads, presentReply, presentThread, type ReplyView, type ThreadView, type Viewer } from "./threads";

const noAnchor: AnchorResolver = () => ({ state: "none", text: "" }) satisfies AnchorView;

/**
 * Resolves anchors against the article's stored document, loaded only when
 * some comment has an anchor. The caller gets the resolver and a cleanup.
 */
export async function withAnchorResolver<T>(
  db: DbOrTx,
  articleId: string,
  comments: CommentRecord[],
  present: (resolve: AnchorResolver) => T,
): Promise<T> {
  if (!comments.some((c) => c.anchor)) return present(noAnchor);
  const doc = await loadDocument(db, articleId);
  try {
    return present(createAnchorResolver(doc));
  } finally {
    doc.destroy();
  }
}

/** Every thread of an article, oldest first, with replies and where each passage is now. */
export async function listThreads(db: DbOrTx, articleId: string, viewer?: Viewer): Promise<ThreadView[]> {
  const comments = await listComments(db, articleId);
  return withAnchorResolver(db, articleId, comments, (resolve) => buildThreads(comments, resolve, viewer));
}

/** The thread holding a comment (root or reply), even when its root is deleted. */
export async function findThread(db: DbOrTx, commentId: string, viewer?: Viewer): Promise<ThreadView | undefined> {
  const comment = await findComment(db, commentId);
  if (!comment) return undefined;
  const rootId = comment.threadId ?? comment.id;
  const comments = await listComments(db, comment.articleId, { threadId: rootId });
  const root = comments.find((c) => c.id === rootId);
  if (!root) return undefined;
  const replies = comments.filter((c) => c.threadId === rootId);
  return withAnchorResolver(db, comment.articleId, [root], (resolve) =>
    presentThread(root, replies, resolve, viewer),
  );
}
