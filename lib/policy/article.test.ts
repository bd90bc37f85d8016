import { describe, expect, it } from "vitest";
import { articleStatuses, roles, type ArticleStatus, type MemberRole, type Role } from "../db/schema";
import { can } from "./index";
import { articleActions, type Actor, type ArticleAccess, type ArticleAction } from "./types";

/**
 * Every cell of the article rules, written out by hand: one line per action, one column per
 * kind of actor (`kindOf` below says which kind each role is in each relation to the article),
 * and in each cell one character per status in this order. "Y" allowed, "." refused.
 */
const statusOrder = ["draft", "in_review", "changes_requested", "approved", "published", "archived"] as const;

/** "signoff": named for one of the article's sign-offs (or on a desk that is), with no membership row. */
type Relation = "owner" | "author" | "reviewer" | "signoff" | "none";

/** The kinds of actor whose rights differ, in the table's column order. */
const kinds = [
  "desk",
  "writerAuthor",
  // A writer assigned to review someone else's piece reads and comments, nothing more.
  "writerAssignedReviewer",
  "nothing",
  "reviewerAssigned",
  // Not assigned: a reviewer sees only what is in review, and owning or co-authoring changes nothing.
  "reviewerUnassigned",
  // Owing a sign-off: sees the article whatever its status, approves or asks for changes while it is in review.
  "reviewerOwing",
] as const;
type Kind = (typeof kinds)[number];
type OneCellEach<Columns extends readonly unknown[]> = { readonly [column in keyof Columns]: string };
type Marks = OneCellEach<typeof kinds>;

//                                  desk      writer    writer    nothing   reviewer  reviewer    reviewer
//                                            author    reviewing           assigned  unassigned  owing
const table: Record<ArticleAction, Marks> = {
  "article:view": /*           */ ["YYYYYY", "YYYYYY", "YYYYYY", "......", "YYYYYY", ".Y....", "YYYYYY"],
  "article:edit": /*           */ ["YYYYY.", "YYYY..", "......", "......", "......", "......", "......"],
  "article:comment": /*        */ ["YYYYY.", "YYYYY.", "YYYYY.", "......", "YYYYY.", ".Y....", "YYYYY."],
  "article:suggest": /*        */ ["YYYY..", "YYYY..", "YYYY..", "......", "YYYY..", ".Y....", "YYYY.."],
  "article:submit": /*         */ ["Y.Y.Y.", "Y.Y.Y.", "......", "......", "......", "......", "......"],
  "article:approve": /*        */ [".Y....", "......", "......", "......", "......", "......", ".Y...."],
  "article:request-changes": /**/ [".Y.Y..", "......", "......", "......", "......", "......", ".Y.Y.."],
  "article:publish": /*        */ ["...Y..", "......", "......", "......", "......", "......", "......"],
  "article:archive": /*        */ ["YYYYY.", "......", "......", "......", "......", "......", "......"],
  "article:reopen": /*         */ [".....Y", "......", "......", "......", "......", "......", "......"],
  "article:deliveries": /*     */ ["YYYYYY", "......", "......", "......", "......", "......", "......"],
  "article:share": /*          */ ["YYYYYY", "YYYYY.", "......", "......", "......", "......", "......"],
  "article:rename": /*         */ ["YYYYY.", "YYYY..", "......", "......", "......", "......", "......"],
};

const kindOf: Record<Role, Record<Relation, Kind>> = {
  admin: { owner: "desk", author: "desk", reviewer: "desk", signoff: "desk", none: "desk" },
  editor: { owner: "desk", author: "desk", reviewer: "desk", signoff: "desk", none: "desk" },
  // A writer is never named for a sign-off (nor staffs a desk); if one were, it would give them nothing.
  writer: { owner: "writerAuthor", author: "writerAuthor", reviewer: "writerAssignedReviewer", signoff: "nothing", none: "nothing" },
  reviewer: {
    owner: "reviewerUnassigned",
    author: "reviewerUnassigned",
    reviewer: "reviewerAssigned",
    signoff: "reviewerOwing",
    none: "reviewerUnassigned",
  },
};

const relations: Relation[] = ["owner", "author", "reviewer", "signoff", "none"];

function buildActor(overrides: Partial<Actor> = {}): Actor {
  return { id: "actor", role: "writer", isDisabled: false, ...overrides };
}

/** The article as seen by `actor`: owned (no membership row, to isolate ownership), shared, assigned, or unrelated. */
function buildArticle(actor: Actor, relation: Relation, status: ArticleStatus): ArticleAccess {
  const membership: MemberRole | null = relation === "author" || relation === "reviewer" ? relation : null;
  return { id: "article", status, ownerId: relation === "owner" ? actor.id : "someone-else", membership, owesSignoff: relation === "signoff" };
}

const cells = roles.flatMap((role) =>
  relations.flatMap((relation) =>
    articleActions.flatMap((action) =>
      statusOrder.map((status, i) => ({
        role,
        relation,
        action,
        status,
        isAllowed: table[action][kinds.indexOf(kindOf[role][relation])]![i] === "Y",
      })),
    ),
  ),
);

describe("article policy table", () => {
  it("has a row for every action and a column for every status", () => {
    expect([...statusOrder]).toEqual([...articleStatuses]);
    expect(Object.keys(table).sort()).toEqual([...articleActions].sort());
    for (const row of Object.values(table)) {
      expect(row).toHaveLength(kinds.length);
      for (const marks of row) expect(marks).toMatch(/^[Y.]{6}$/);
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
