import { describe, expect, it } from "vitest";
import { articleStatuses, roles, type ArticleStatus, type MemberRole, type Role } from "../db/schema";
import { can } from "./index";
import { articleActions, type Actor, type ArticleAccess, type ArticleAction } from "./types";

/**
 * Every cell of the article rules, written out by hand: role × the actor's
 * relation to the article × action, with one character per status in this
 * order. "Y" allowed, "." refused.
 */
const statusOrder = ["draft", "in_review", "changes_requested", "approved", "published", "archived"] as const;
//                     dr ir cr ap pu ar

type Relation = "owner" | "author" | "reviewer" | "none";
type Row = Record<ArticleAction, string>;

const desk: Row = {
  "article:view": /*           */ "YYYYYY",
  "article:edit": /*           */ "YYYYY.",
  "article:comment": /*        */ "YYYYY.",
  "article:submit": /*         */ "Y.Y...",
  "article:approve": /*        */ ".Y....",
  "article:request-changes": /**/ ".Y.Y..",
  "article:publish": /*        */ "...Y..",
  "article:archive": /*        */ "YYYYY.",
  "article:share": /*          */ "YYYYYY",
  "article:rename": /*         */ "YYYYY.",
};

const writerAuthor: Row = {
  "article:view": /*           */ "YYYYYY",
  "article:edit": /*           */ "YYYY..",
  "article:comment": /*        */ "YYYYY.",
  "article:submit": /*         */ "Y.Y...",
  "article:approve": /*        */ "......",
  "article:request-changes": /**/ "......",
  "article:publish": /*        */ "......",
  "article:archive": /*        */ "......",
  "article:share": /*          */ "YYYYY.",
  "article:rename": /*         */ "YYYY..",
};

/** A writer assigned to review someone else's piece reads and comments, nothing more. */
const writerAssignedReviewer: Row = {
  "article:view": /*           */ "YYYYYY",
  "article:edit": /*           */ "......",
  "article:comment": /*        */ "YYYYY.",
  "article:submit": /*         */ "......",
  "article:approve": /*        */ "......",
  "article:request-changes": /**/ "......",
  "article:publish": /*        */ "......",
  "article:archive": /*        */ "......",
  "article:share": /*          */ "......",
  "article:rename": /*         */ "......",
};

const nothing: Row = {
  "article:view": /*           */ "......",
  "article:edit": /*           */ "......",
  "article:comment": /*        */ "......",
  "article:submit": /*         */ "......",
  "article:approve": /*        */ "......",
  "article:request-changes": /**/ "......",
  "article:publish": /*        */ "......",
  "article:archive": /*        */ "......",
  "article:share": /*          */ "......",
  "article:rename": /*         */ "......",
};

const reviewerAssigned: Row = {
  "article:view": /*           */ "YYYYYY",
  "article:edit": /*           */ "......",
  "article:comment": /*        */ "YYYYY.",
  "article:submit": /*         */ "......",
  "article:approve": /*        */ ".Y....",
  "article:request-changes": /**/ ".Y.Y..",
  "article:publish": /*        */ "......",
  "article:archive": /*        */ "......",
  "article:share": /*          */ "......",
  "article:rename": /*         */ "......",
};

/** Not assigned: a reviewer sees only what is in review, and owning or co-authoring changes nothing. */
const reviewerUnassigned: Row = {
  "article:view": /*           */ ".Y....",
  "article:edit": /*           */ "......",
  "article:comment": /*        */ ".Y....",
  "article:submit": /*         */ "......",
  "article:approve": /*        */ ".Y....",
  "article:request-changes": /**/ ".Y....",
  "article:publish": /*        */ "......",
  "article:archive": /*        */ "......",
  "article:share": /*          */ "......",
  "article:rename": /*         */ "......",
};

const expected: Record<Role, Record<Relation, Row>> = {
  admin: { owner: desk, author: desk, reviewer: desk, none: desk },
  editor: { owner: desk, author: desk, reviewer: desk, none: desk },
  writer: { owner: writerAuthor, author: writerAuthor, reviewer: writerAssignedReviewer, none: nothing },
  reviewer: {
    owner: reviewerUnassigned,
    author: reviewerUnassigned,
    reviewer: reviewerAssigned,
    none: reviewerUnassigned,
  },
};

const relations: Relation[] = ["owner", "author", "reviewer", "none"];

function buildActor(overrides: Partial<Actor> = {}): Actor {
  return { id: "actor", role: "writer", isDisabled: false, ...overrides };
}

/** The article as seen by `actor`: owned (no membership row, to isolate ownership), shared, assigned, or unrelated. */
function buildArticle(actor: Actor, relation: Relation, status: ArticleStatus): ArticleAccess {
  const membership: MemberRole | null = relation === "author" || relation === "reviewer" ? relation : null;
  return { id: "article", status, ownerId: relation === "owner" ? actor.id : "someone-else", membership };
}

const cells = roles.flatMap((role) =>
  relations.flatMap((relation) =>
    articleActions.flatMap((action) =>
      statusOrder.map((status, i) => ({
        role,
        relation,
        action,
        status,
        isAllowed: expected[role][relation][action][i] === "Y",
      })),
    ),
  ),
);

describe("article policy table", () => {
  it("has a row for every action and a column for every status", () => {
    expect([...statusOrder]).toEqual([...articleStatuses]);
    for (const role of roles) {
      for (const relation of relations) {
        const row = expected[role][relation];
        expect(Object.keys(row).sort()).toEqual([...articleActions].sort());
        for (const marks of Object.values(row)) expect(marks).toMatch(/^[Y.]{6}$/);
      }
    }
    expect(cells).toHaveLength(roles.length * relations.length * articleActions.length * articleStatuses.length);
  });

  it.each(cells)("$role ($relation) $action on $status → $isAllowed", ({ role, relation, action, status, isAllowed }) => {
    const actor = buildActor({ role });
    expect(can(actor, action, buildArticle(actor, relation, status))).toBe(isAllowed);
  });

  it("an owner who is also listed as author has the same rights as either alone", () => {
    const actor = buildActor({ role: "writer" });
    for (const status of articleStatuses) {
      const both: ArticleAccess = { id: "a", status, ownerId: actor.id, membership: "author" };
      for (const action of articleActions) {
        expect(can(actor, action, both)).toBe(can(actor, action, buildArticle(actor, "owner", status)));
      }
    }
  });
});

describe("disabled and missing actors", () => {
  const disabledCells = roles.flatMap((role) =>
    relations.flatMap((relation) => articleStatuses.map((status) => ({ role, relation, status }))),
  );

  it.each(disabledCells)("a disabled $role ($relation) may do nothing on $status", ({ role, relation, status }) => {
    const actor = buildActor({ role, isDisabled: true });
    const article = buildArticle(actor, relation, status);
    for (const action of articleActions) expect(can(actor, action, article)).toBe(false);
  });

  it("no actor may do anything", () => {
    const article: ArticleAccess = { id: "a", status: "draft", ownerId: "x", membership: null };
    for (const action of articleActions) {
      expect(can(null, action, article)).toBe(false);
      expect(can(undefined, action, article)).toBe(false);
    }
  });

  it("asking about an article action without the article is a programming error", () => {
    expect(() => can(buildActor({ role: "admin" }), "article:edit" as never)).toThrow("article:edit needs an article");
  });
});
