/**
 * Review, approval and publishing: the state machine (transitions.ts), the
 * sign-offs an article needs and the decisions on them (review.ts), desks
 * (desks.ts), and what a content change does to approvals (staleness.ts).
 * lib/policy says who may take a step; this module says when it applies.
 */
export {
  appliesNow,
  availableActions,
  mayEverTake,
  policyAction,
  workflowActions,
  type WorkflowAction,
  type WorkflowState,
} from "./transitions";
export { isCurrentApproval, loadReview, signoffJson, type Approval, type Review, type Signoff } from "./review";
export { deleteDeskMember, deskKey, findDesksByName, insertDesk, insertDeskMember, listDesks, type Desk } from "./desks";
export { dropStaleApprovals } from "./staleness";
export { articlesWaitingFor } from "./waiting";
export { authorsOf, notifyReview, signoffOwers } from "./notify";
export { articleTimeline, type TimelineEntry } from "./timeline";
export { canSignOff, listSigners, signerRoles } from "./signers";
