import type { ArticleStatus, MemberRole, Role } from "../db/schema";

/** Who is asking: always loaded from the store, never taken from the client. */
export interface Actor {
  id: string;
  role: Role;
  isDisabled: boolean;
}

/** What the policy needs to know about one article, from this actor's point of view. */
export interface ArticleAccess {
  id: string;
  status: ArticleStatus;
  ownerId: string;
  /** The actor's membership of this article, if any. */
  membership: MemberRole | null;
  /** The actor owes one of its sign-offs: named for it, or a member of a desk named for it (lib/workflow). */
  owesSignoff?: boolean;
}

export const articleActions = [
  "article:view",
  "article:edit",
  "article:comment",
  "article:suggest",
  "article:submit",
  "article:approve",
  "article:request-changes",
  "article:publish",
  "article:archive",
  "article:reopen",
  "article:deliveries",
  "article:share",
  "article:rename",
] as const;
export type ArticleAction = (typeof articleActions)[number];

export const globalActions = [
  "article:create",
  "article:list-all",
  "user:manage",
  "desk:manage",
  "audit:view",
] as const;
export type GlobalAction = (typeof globalActions)[number];

export type Action = ArticleAction | GlobalAction;
