import type { ArticleStatus } from "../db/schema";
import { can, type Actor, type ArticleAccess, type ArticleAction } from "../policy";

/** What `POST /api/articles/<id>/workflow` accepts as `action`. */
export const workflowActions = ["submit", "approve", "request_changes", "publish", "archive", "reopen"] as const;
export type WorkflowAction = (typeof workflowActions)[number];

/** The policy question behind each step: lib/policy says who, this module says when. */
export const policyAction: Record<WorkflowAction, ArticleAction> = {
  submit: "article:submit",
  approve: "article:approve",
  request_changes: "article:request-changes",
  publish: "article:publish",
  archive: "article:archive",
  reopen: "article:reopen",
};

/** What the article's state says about the next steps, besides its status. */
export interface WorkflowState {
  status: ArticleStatus;
  /** Every sign-off holds an approval of the content as it is now. */
  isSatisfied: boolean;
  /** A published article's content differs from its published version. */
  hasUnpublishedChanges: boolean;
}

/**
 * The state machine: draft → in review → changes requested ↔ in review →
 * approved → published; a published article with corrections goes through
 * review again; archived from any status, and reopened as a draft.
 */
export function appliesNow(action: WorkflowAction, state: WorkflowState): boolean {
  switch (action) {
    case "submit":
      return state.status === "draft" || state.status === "changes_requested" || (state.status === "published" && state.hasUnpublishedChanges);
    case "approve":
      return state.status === "in_review";
    case "request_changes":
      return state.status === "in_review" || state.status === "approved";
    case "publish":
      // Never with a missing or stale sign-off.
      return state.status === "approved" && state.isSatisfied;
    case "archive":
      return state.status !== "archived";
    case "reopen":
      return state.status === "archived";
  }
}

/** The status in which each step applies, to tell "not you" (403) from "not now" (409). */
const statusWhereItApplies: Record<WorkflowAction, ArticleStatus> = {
  submit: "draft",
  approve: "in_review",
  request_changes: "in_review",
  publish: "approved",
  archive: "draft",
  reopen: "archived",
};

/** Whether this actor could take the step at all, in the status where it applies (their role and relation to the article). */
export const mayEverTake = (actor: Actor, action: WorkflowAction, access: ArticleAccess): boolean =>
  can(actor, policyAction[action], { ...access, status: statusWhereItApplies[action] });

/** The steps this actor may take now: the buttons to show, and `allowed` in a 409. */
export function availableActions(actor: Actor, access: ArticleAccess, state: WorkflowState): WorkflowAction[] {
  return workflowActions.filter((action) => can(actor, policyAction[action], access) && appliesNow(action, state));
}
