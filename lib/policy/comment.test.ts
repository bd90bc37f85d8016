import { describe, expect, it } from "vitest";
import type { ArticleStatus, MemberRole, Role } from "../db/schema";
import { AppError } from "../errors";
import { authorizeComment, canOnComment, type CommentAccess } from "./comment";
import type { Actor, ArticleAccess } from "./types";

type Who = "admin" | "editor" | "owner writer" | "assigned reviewer" | "unrelated writer" | "unassigned reviewer";
type Whose = "own" | "other's" | "own reply" | "other's reply" | "own deleted";

const actors: Record<Who, { role: Role; relation: "owner" | MemberRole | null }> = {
  admin: { role: "admin", relation: null },
  editor: { role: "editor", relation: null },
  "owner writer": { role: "writer", relation: "owner" },
  "assigned reviewer": { role: "reviewer", relation: "reviewer" },
  "unrelated writer": { role: "writer", relation: null },
  "unassigned reviewer": { role: "reviewer", relation: null },
};

const buildActor = (who: Who): Actor => ({ id: "actor", role: actors[who].role, isDisabled: false });

function buildArticle(who: Who, status: ArticleStatus): ArticleAccess {
  const { relation } = actors[who];
  return {
    id: "article",
    status,
    ownerId: relation === "owner" ? "actor" : "someone-else",
    membership: relation === "owner" || relation === null ? null : relation,
  };
}

const buildComment = (whose: Whose): CommentAccess => ({
  id: "comment",
  authorId: whose.startsWith("own") ? "actor" : "someone-else",
  isRoot: !whose.endsWith("reply"),
  isDeleted: whose === "own deleted",
});

/** Edit / delete / resolve / move the anchor as "EDRM" with "." for refused, by hand. */
const table: [Who, Whose, ArticleStatus, string][] = [
  // Only the author edits; the desk deletes anything it can see; anyone who may comment resolves a thread
  // and moves its anchor (whoever may edit the text may comment too), whoever wrote it.
  ["admin", "own", "in_review", "EDRM"],
  ["admin", "other's", "in_review", ".DRM"],
  ["admin", "other's reply", "in_review", ".D.."],
  ["admin", "other's", "archived", ".D.."],
  ["editor", "other's", "published", ".DRM"],
  ["editor", "other's", "draft", ".DRM"],
  ["editor", "own", "archived", ".D.."],
  ["owner writer", "own", "draft", "EDRM"],
  ["owner writer", "other's", "draft", "..RM"],
  ["owner writer", "own reply", "draft", "ED.."],
  ["owner writer", "other's reply", "draft", "...."],
  ["owner writer", "own", "archived", "...."],
  ["owner writer", "own deleted", "draft", "..RM"],
  // Reviewers never edit the text but fully take part in the discussion.
  ["assigned reviewer", "own", "draft", "EDRM"],
  ["assigned reviewer", "other's", "in_review", "..RM"],
  ["assigned reviewer", "own", "published", "EDRM"],
  ["assigned reviewer", "own", "archived", "...."],
  ["unassigned reviewer", "own", "in_review", "EDRM"],
  ["unassigned reviewer", "own", "approved", "...."],
  ["unrelated writer", "own", "draft", "...."],
  ["unrelated writer", "other's", "in_review", "...."],
];

describe("comment policy table", () => {
  it.each(table)("%s, %s comment, article %s → %s", (who, whose, status, marks) => {
    const actor = buildActor(who);
    const article = buildArticle(who, status);
    const comment = buildComment(whose);
    const got = [
      canOnComment(actor, "comment:edit", comment, article) ? "E" : ".",
      canOnComment(actor, "comment:delete", comment, article) ? "D" : ".",
      canOnComment(actor, "comment:resolve", comment, article) ? "R" : ".",
      canOnComment(actor, "comment:reanchor", comment, article) ? "M" : ".",
    ].join("");
    expect(got).toBe(marks);
  });

  it("a disabled or missing actor may do nothing, even to their own comment", () => {
    const article = buildArticle("admin", "draft");
    const comment = buildComment("own");
    for (const action of ["comment:edit", "comment:delete", "comment:resolve", "comment:reanchor"] as const) {
      expect(canOnComment({ ...buildActor("admin"), isDisabled: true }, action, comment, article)).toBe(false);
      expect(canOnComment(null, action, comment, article)).toBe(false);
    }
  });
});

describe("authorizeComment", () => {
  const outcome = (who: Who, whose: Whose, status: ArticleStatus, action: "comment:edit" | "comment:delete") => {
    try {
      authorizeComment(buildActor(who), action, buildComment(whose), buildArticle(who, status));
      return "allowed";
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return `${error.status} ${error.message}`;
    }
  };

  it("tells a non-author why they cannot edit, and hides articles the actor may not see", () => {
    expect(outcome("editor", "other's", "draft", "comment:edit")).toBe("403 Only its author can edit a comment.");
    expect(outcome("owner writer", "other's reply", "draft", "comment:delete")).toBe(
      "403 Only its author, an editor or an administrator can delete a comment.",
    );
    expect(outcome("unrelated writer", "own", "draft", "comment:edit")).toBe("403 You do not have access to this article.");
    expect(outcome("owner writer", "own deleted", "draft", "comment:edit")).toBe("409 This comment was deleted.");
    expect(outcome("owner writer", "own", "draft", "comment:edit")).toBe("allowed");
  });
});
