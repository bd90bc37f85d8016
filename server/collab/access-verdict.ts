import { can, type ArticleAccess } from "../../lib/policy";
import { toActor, type User } from "../../lib/users";

/** What a connection may do with its article, decided from the store by lib/policy. */
export type AccessVerdict = "writable" | "suggest-only" | "read-only" | "signed-out" | "forbidden" | "not-found";

/**
 * The one access decision of the collab socket, made at the upgrade
 * (decideUpgrade) and again whenever something changed (AccessWatcher): no
 * user is signed out, no article is not found, then lib/policy's view and
 * edit rights, and for who may not edit, whether they may suggest (their
 * updates are then checked, lib/suggestions/check.ts). Whether a session still holds (a password reset, a disabled
 * account) is the caller's to say, by passing no user.
 */
export function decideAccess(user: User | null | undefined, access: ArticleAccess | null | undefined): AccessVerdict {
  if (!user || user.isDisabled) return "signed-out";
  if (!access) return "not-found";
  const actor = toActor(user);
  if (!can(actor, "article:view", access)) return "forbidden";
  if (can(actor, "article:edit", access)) return "writable";
  return can(actor, "article:suggest", access) ? "suggest-only" : "read-only";
}
