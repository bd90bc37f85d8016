import { cliActor, systemActor, type AuditActor } from "../audit";
import { authorize, type GlobalAction } from "../policy";
import { toActor, type User } from "../users";

/**
 * Who runs a command: a signed-in user (checked against lib/policy), the
 * operator at the command line, who already holds the store's files, or
 * Galley itself at start-up.
 */
export type Principal = User | "cli" | "system";

export const isOperator = (principal: Principal): principal is "cli" | "system" =>
  principal === "cli" || principal === "system";

export function auditActorOf(principal: Principal): AuditActor {
  if (principal === "cli") return cliActor;
  if (principal === "system") return systemActor;
  return { id: principal.id, name: principal.name };
}

export function authorizePrincipal(principal: Principal, action: GlobalAction): void {
  if (isOperator(principal)) return;
  authorize(toActor(principal), action);
}
