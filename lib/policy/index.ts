import { AppError } from "../errors";
import { articleRules } from "./article";
import { globalRules } from "./global";
import { articleActions, type Action, type Actor, type ArticleAccess, type ArticleAction, type GlobalAction } from "./types";

export * from "./types";

const isArticleAction = (action: Action): action is ArticleAction =>
  (articleActions as readonly string[]).includes(action);

/**
 * The one question everyone asks: may this actor do this (to this article)?
 * A disabled or missing actor may do nothing.
 */
export function can(actor: Actor | null | undefined, action: GlobalAction): boolean;
export function can(actor: Actor | null | undefined, action: ArticleAction, article: ArticleAccess): boolean;
export function can(actor: Actor | null | undefined, action: Action, article?: ArticleAccess): boolean {
  if (!actor || actor.isDisabled) return false;
  if (isArticleAction(action)) {
    if (!article) throw new Error(`${action} needs an article`);
    return articleRules[action](actor, article);
  }
  return globalRules[action].includes(actor.role);
}

/**
 * `can`, or an AppError: 401 without an active actor, 403 otherwise, with
 * "You do not have access to this article." when it may not even be seen.
 */
export function authorize(actor: Actor | null | undefined, action: GlobalAction): asserts actor is Actor;
export function authorize(
  actor: Actor | null | undefined,
  action: ArticleAction,
  article: ArticleAccess,
): asserts actor is Actor;
export function authorize(actor: Actor | null | undefined, action: Action, article?: ArticleAccess): void {
  if (!actor || actor.isDisabled) throw new AppError("unauthorized", "Please sign in.");
  if (article && isArticleAction(action)) {
    if (!can(actor, "article:view", article)) {
      throw new AppError("forbidden", "You do not have access to this article.");
    }
    if (!can(actor, action, article)) throw new AppError("forbidden", forbiddenMessage(action));
    return;
  }
  if (!can(actor, action as GlobalAction)) throw new AppError("forbidden", forbiddenMessage(action));
}

/** The article actions this actor may take now, for the UI to show only those. */
export function allowedArticleActions(actor: Actor | null | undefined, article: ArticleAccess): ArticleAction[] {
  return articleActions.filter((action) => can(actor, action, article));
}

function forbiddenMessage(action: Action): string {
  const messages: Partial<Record<Action, string>> = {
    "article:edit": "You may not change the text of this article.",
    "article:create": "Your role may not create articles.",
    "user:manage": "Only administrators manage users.",
    "audit:view": "Only administrators see the audit log.",
    "article:publish": "Only an editor or administrator can publish an approved article.",
  };
  return messages[action] ?? "You are not allowed to do that.";
}

export {
  authorizeComment,
  canOnComment,
  commentActions,
  commentRules,
  type CommentAccess,
  type CommentAction,
} from "./comment";
