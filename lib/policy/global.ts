import type { Role } from "../db/schema";
import type { GlobalAction } from "./types";

/** Actions that do not concern one article: who may do them, by role. */
export const globalRules: Record<GlobalAction, readonly Role[]> = {
  "article:create": ["admin", "editor", "writer"],
  "article:list-all": ["admin", "editor"],
  "user:manage": ["admin"],
  // Desks decide who signs off for Legal, Copy, Standards: staffed by administrators.
  "desk:manage": ["admin"],
  "audit:view": ["admin"],
};
