import { describe, expect, it } from "vitest";
import { roles, type Role } from "../db/schema";
import { can } from "./index";
import { globalActions, type Actor, type GlobalAction } from "./types";

const buildActor = (overrides: Partial<Actor> = {}): Actor => ({
  id: "actor",
  role: "writer",
  isDisabled: false,
  ...overrides,
});

/** Every cell of the global rules, by hand: role × action. */
const expected: Record<GlobalAction, Record<Role, boolean>> = {
  "article:create": { admin: true, editor: true, writer: true, reviewer: false },
  "article:list-all": { admin: true, editor: true, writer: false, reviewer: false },
  "user:manage": { admin: true, editor: false, writer: false, reviewer: false },
  "desk:manage": { admin: true, editor: false, writer: false, reviewer: false },
  "audit:view": { admin: true, editor: false, writer: false, reviewer: false },
};

const cells = globalActions.flatMap((action) => roles.map((role) => ({ action, role, isAllowed: expected[action][role] })));

describe("global policy table", () => {
  it("covers every global action", () => {
    expect(Object.keys(expected).sort()).toEqual([...globalActions].sort());
    expect(cells).toHaveLength(globalActions.length * roles.length);
  });

  it.each(cells)("$role $action → $isAllowed", ({ action, role, isAllowed }) => {
    expect(can(buildActor({ role }), action)).toBe(isAllowed);
  });

  it.each(cells)("a disabled $role may not $action", ({ action, role }) => {
    expect(can(buildActor({ role, isDisabled: true }), action)).toBe(false);
  });

  it("nobody signed in may do any of them", () => {
    for (const action of globalActions) {
      expect(can(null, action)).toBe(false);
      expect(can(undefined, action)).toBe(false);
    }
  });
});
