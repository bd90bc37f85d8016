import { AppError } from "../errors";
import { articleRules } from "./article";
import type { Actor, ArticleAccess } from "./types";

/** What the comment rules need to know about one comment. */
export interface CommentAccess {
  id: string;
  authorId: string;
  /** A thread's root (resolving concerns roots only). */
  isRoot: boolean;
  isDeleted: boolean;
}

/** What a person may do to a comment, as the UI offers it (allowedActions). */
export const commentActions = ["comment:edit", "comment:delete", "comment:resolve"] as const;
/**
 * Plus moving a thread's anchor onto the same text after the editor rebuilt
 * its paragraph (a merge, split or change of block type): the editor does that
 * by itself, so it is never offered as a button.
 */
export type CommentAction = (typeof commentActions)[number] | "comment:reanchor";

const isDesk = (actor: Actor) => actor.role === "admin" || actor.role === "editor";
const isAuthorOf = (actor: Actor, comment: CommentAccess) => comment.authorId === actor.id;
const mayComment = (actor: Actor, article: ArticleAccess) => articleRules["article:comment"](actor, article);

/**
 * One rule per comment action, each a sentence. Commenting itself is
 * "article:comment" (anyone who may view an article may discuss it until it is
 * archived); none of these ever asks for "article:edit".
 */
export const commentRules: Record<
  CommentAction,
  (actor: Actor, comment: CommentAccess, article: ArticleAccess) => boolean
> = {
  // Only the author edits a comment, while the article is open for discussion; a deleted one stays deleted.
  "comment:edit": (actor, comment, article) =>
    !comment.isDeleted && isAuthorOf(actor, comment) && mayComment(actor, article),
  // Authors delete their own while they may comment; editors and admins delete any, even on archived articles.
  "comment:delete": (actor, comment, article) =>
    !comment.isDeleted &&
    ((isAuthorOf(actor, comment) && mayComment(actor, article)) ||
      (isDesk(actor) && articleRules["article:view"](actor, article))),
  // Anyone who may comment on an article resolves and reopens its threads (the desk may comment on all of them).
  "comment:resolve": (actor, comment, article) => comment.isRoot && mayComment(actor, article),
  // Whoever may change the text or discuss it may move a thread's anchor to text that is still there.
  "comment:reanchor": (actor, comment, article) =>
    comment.isRoot && (articleRules["article:edit"](actor, article) || mayComment(actor, article)),
};

const messages: Record<CommentAction, string> = {
  "comment:edit": "Only its author can edit a comment.",
  "comment:delete": "Only its author, an editor or an administrator can delete a comment.",
  "comment:resolve": "You may not resolve or reopen threads on this article.",
  "comment:reanchor": "You may not move threads on this article.",
};

/** May this actor do this to this comment on this article? A disabled or missing actor may do nothing. */
export function canOnComment(
  actor: Actor | null | undefined,
  action: CommentAction,
  comment: CommentAccess,
  article: ArticleAccess,
): boolean {
  if (!actor || actor.isDisabled) return false;
  return commentRules[action](actor, comment, article);
}

/** `canOnComment`, or an AppError: 401 without an active actor, 403 (in words) otherwise. */
export function authorizeComment(
  actor: Actor | null | undefined,
  action: CommentAction,
  comment: CommentAccess,
  article: ArticleAccess,
): asserts actor is Actor {
  if (!actor || actor.isDisabled) throw new AppError("unauthorized", "Please sign in.");
  if (!articleRules["article:view"](actor, article)) {
    throw new AppError("forbidden", "You do not have access to this article.");
  }
  // A deleted root with replies is still a thread on its passage: it may be resolved or follow its text, but its words are gone for good.
  if (comment.isDeleted && action !== "comment:resolve" && action !== "comment:reanchor") throw new AppError("conflict", "This comment was deleted.");
  if (!canOnComment(actor, action, comment, article)) throw new AppError("forbidden", messages[action]);
}
