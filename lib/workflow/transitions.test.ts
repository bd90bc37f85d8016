import { describe, expect, it } from "vitest";
import { articleStatuses, type ArticleStatus, type Role } from "../db/schema";
import type { Actor, ArticleAccess } from "../policy";
import { availableActions, mayEverTake, workflowActions, type WorkflowAction, type WorkflowState } from "./transitions";

/**
 * Every workflow step for every kind of actor in every status, by hand. One
 * line per actor, one cell per status (draft, in review, changes requested,
 * approved, published, archived); in each cell the steps that actor may take
 * there: S submit, A approve, R request changes, P publish, X archive,
 * O reopen, "-" none. The approved column assumes every sign-off holds a
 * current approval; the published column, corrections waiting to be
 * reviewed. The lines below the table vary those two.
 */
const table: Record<string, [string, string, string, string, string, string]> = {
  //                      draft   in_review  changes   approved  published  archived
  editor: /*         */ ["SX", "ARX", "SX", "RPX", "SX", "O"],
  admin: /*          */ ["SX", "ARX", "SX", "RPX", "SX", "O"],
  writerOwner: /*    */ ["S", "-", "S", "-", "S", "-"],
  writerCoauthor: /* */ ["S", "-", "S", "-", "S", "-"],
  writerElse: /*     */ ["-", "-", "-", "-", "-", "-"],
  reviewerOwing: /*  */ ["-", "AR", "-", "R", "-", "-"],
  reviewerReading: /**/ ["-", "-", "-", "-", "-", "-"],
};

const letters: Record<WorkflowAction, string> = { submit: "S", approve: "A", request_changes: "R", publish: "P", archive: "X", reopen: "O" };

function actorOf(kind: string): { actor: Actor; access: (status: ArticleStatus) => ArticleAccess } {
  const role: Role = kind.startsWith("writer") ? "writer" : kind.startsWith("reviewer") ? "reviewer" : (kind as Role);
  const actor: Actor = { id: "me", role, isDisabled: false };
  return {
    actor,
    access: (status) => ({
      id: "article",
      status,
      ownerId: kind === "writerOwner" ? "me" : "someone",
      membership: kind === "writerCoauthor" ? "author" : kind === "reviewerReading" ? "reviewer" : null,
      owesSignoff: kind === "reviewerOwing",
    }),
  };
}

const state = (status: ArticleStatus, overrides: Partial<WorkflowState> = {}): WorkflowState => ({
  status,
  isSatisfied: status === "approved",
  hasUnpublishedChanges: status === "published",
  ...overrides,
});

const cells = Object.entries(table).flatMap(([kind, row]) => articleStatuses.map((status, i) => ({ kind, status, expected: row[i]! })));

describe("the workflow's state machine", () => {
  it.each(cells)("$kind on a $status article may take: $expected", ({ kind, status, expected }) => {
    const { actor, access } = actorOf(kind);
    const steps = availableActions(actor, access(status), state(status));
    expect(steps.map((step) => letters[step]).join("") || "-").toBe(expected);
  });

  it("never publishes with a missing or stale sign-off, whoever asks", () => {
    for (const kind of Object.keys(table)) {
      const { actor, access } = actorOf(kind);
      expect(availableActions(actor, access("approved"), state("approved", { isSatisfied: false }))).not.toContain("publish");
    }
  });

  it("sends a published article back to review only when it has corrections", () => {
    const { actor, access } = actorOf("editor");
    expect(availableActions(actor, access("published"), state("published", { hasUnpublishedChanges: false }))).toEqual(["archive"]);
    expect(availableActions(actor, access("published"), state("published"))).toEqual(["submit", "archive"]);
  });

  it("tells a step that is not theirs (403) from one that is not now (409)", () => {
    const writer = actorOf("writerOwner");
    const editor = actorOf("editor");
    const reviewer = actorOf("reviewerOwing");
    expect(mayEverTake(writer.actor, "publish", writer.access("draft"))).toBe(false);
    expect(mayEverTake(writer.actor, "approve", writer.access("in_review"))).toBe(false);
    expect(mayEverTake(editor.actor, "publish", editor.access("draft"))).toBe(true);
    expect(mayEverTake(reviewer.actor, "approve", reviewer.access("draft"))).toBe(true);
    expect(mayEverTake(reviewer.actor, "submit", reviewer.access("draft"))).toBe(false);
  });

  it("covers every step", () => {
    expect(Object.keys(letters).sort()).toEqual([...workflowActions].sort());
  });
});
