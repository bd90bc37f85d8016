import type { ArticleStatus } from "../db/schema";
import type { Actor, ArticleAccess, ArticleAction } from "./types";

const isDesk = (actor: Actor) => actor.role === "admin" || actor.role === "editor";
const isAuthor = (actor: Actor, article: ArticleAccess) =>
  article.ownerId === actor.id || article.membership === "author";
const isAssignedReviewer = (article: ArticleAccess) => article.membership === "reviewer";
/** Named for one of the article's sign-offs, or a member of a desk that is. */
const owesSignoff = (actor: Actor, article: ArticleAccess) => actor.role === "reviewer" && article.owesSignoff === true;
const inStatus = (article: ArticleAccess, ...statuses: ArticleStatus[]) =>
  statuses.includes(article.status);

/** Text may change until the article is published; the desk may still correct it then. */
const contentOpen = (article: ArticleAccess) =>
  inStatus(article, "draft", "in_review", "changes_requested", "approved");

/** Writers see their own and shared articles; reviewers see what they are assigned or owe a sign-off, and what awaits review. */
function canView(actor: Actor, article: ArticleAccess): boolean {
  if (isDesk(actor)) return true;
  if (actor.role === "writer") return isAuthor(actor, article) || article.membership !== null;
  if (actor.role === "reviewer") return isAssignedReviewer(article) || owesSignoff(actor, article) || inStatus(article, "in_review");
  return false;
}

/**
 * One rule per article action. Each reads as a sentence; `can` has already
 * checked that the actor is active.
 */
export const articleRules: Record<ArticleAction, (actor: Actor, article: ArticleAccess) => boolean> = {
  "article:view": canView,
  // Writers edit their own or shared articles; the desk edits any; reviewers never change the text.
  "article:edit": (actor, article) =>
    (isDesk(actor) && !inStatus(article, "archived")) ||
    (actor.role === "writer" && isAuthor(actor, article) && contentOpen(article)),
  // Anyone who may see an article may discuss it, until it is archived.
  "article:comment": (actor, article) => canView(actor, article) && !inStatus(article, "archived"),
  // From a draft, after changes were requested, or with corrections to what is published (lib/workflow checks there are some).
  // Whoever may discuss the article may propose changes to its text while the text may still change; a change
  // that is only proposed is the author's and the desk's to accept.
  "article:suggest": (actor, article) => canView(actor, article) && contentOpen(article),
  "article:submit": (actor, article) =>
    (isDesk(actor) || (actor.role === "writer" && isAuthor(actor, article))) &&
    inStatus(article, "draft", "changes_requested", "published"),
  // Reviewers who owe a sign-off, and the desk, approve what is in review; writers never approve.
  "article:approve": (actor, article) => (isDesk(actor) || owesSignoff(actor, article)) && inStatus(article, "in_review"),
  "article:request-changes": (actor, article) =>
    (isDesk(actor) || owesSignoff(actor, article)) && inStatus(article, "in_review", "approved"),
  // Only the desk publishes, and only approved copy.
  "article:publish": (actor, article) => isDesk(actor) && inStatus(article, "approved"),
  "article:archive": (actor, article) => isDesk(actor) && !inStatus(article, "archived"),
  // An archived article comes back as a draft.
  "article:reopen": (actor, article) => isDesk(actor) && inStatus(article, "archived"),
  // The publish webhook's deliveries (and "Retry now") are the desk's business.
  "article:deliveries": (actor) => isDesk(actor),
  "article:share": (actor, article) =>
    isDesk(actor) || (actor.role === "writer" && isAuthor(actor, article) && !inStatus(article, "archived")),
  "article:rename": (actor, article) =>
    (isDesk(actor) && !inStatus(article, "archived")) ||
    (actor.role === "writer" && isAuthor(actor, article) && contentOpen(article)),
};
