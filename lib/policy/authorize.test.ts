import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { allowedArticleActions, authorize } from "./index";
import type { Action, Actor, ArticleAccess } from "./types";

const buildActor = (overrides: Partial<Actor> = {}): Actor => ({
  id: "actor",
  role: "writer",
  isDisabled: false,
  ...overrides,
});

const buildArticle = (overrides: Partial<ArticleAccess> = {}): ArticleAccess => ({
  id: "article",
  status: "draft",
  ownerId: "someone-else",
  membership: null,
  ...overrides,
});

/** Runs authorize and answers what a route or socket would send back. */
function outcome(actor: Actor | null, action: Action, article?: ArticleAccess) {
  try {
    if (article) authorize(actor, action as "article:view", article);
    else authorize(actor, action as "user:manage");
    return "allowed";
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { status: error.status, closeCode: error.closeCode, message: error.message };
  }
}

const signIn = { status: 401, closeCode: 4401, message: "Please sign in." };
const forbidden = (message: string) => ({ status: 403, closeCode: 4403, message });

const noAccess = "You do not have access to this article.";
const onlyTheDeskPublishes = "Only an editor or administrator can publish an approved article.";

describe("authorize", () => {
  it.each([
    { name: "nobody, global action", actor: null, action: "article:create", article: undefined },
    { name: "nobody, article action", actor: null, action: "article:view", article: buildArticle() },
    { name: "a disabled admin, global action", actor: buildActor({ role: "admin", isDisabled: true }), action: "user:manage", article: undefined },
    { name: "a disabled owner, their own draft", actor: buildActor({ isDisabled: true }), action: "article:edit", article: buildArticle({ ownerId: "actor" }) },
  ] as const)("asks $name to sign in (401)", ({ actor, action, article }) => {
    expect(outcome(actor, action, article)).toEqual(signIn);
  });

  it.each([
    { role: "writer", action: "user:manage", message: "Only administrators manage users." },
    { role: "editor", action: "user:manage", message: "Only administrators manage users." },
    { role: "editor", action: "audit:view", message: "Only administrators see the audit log." },
    { role: "reviewer", action: "article:create", message: "Your role may not create articles." },
    { role: "writer", action: "article:list-all", message: "You are not allowed to do that." },
  ] as const)("refuses a $role $action with 403: $message", ({ role, action, message }) => {
    expect(outcome(buildActor({ role }), action)).toEqual(forbidden(message));
  });

  it("lets an admin manage users and an editor create articles", () => {
    expect(outcome(buildActor({ role: "admin" }), "user:manage")).toBe("allowed");
    expect(outcome(buildActor({ role: "editor" }), "article:create")).toBe("allowed");
  });

  // Each row: who asks, their role, the action, how the article differs from someone else's unshared draft, the answer.
  it.each([
    ["a writer opening someone else's unshared draft", "writer", "article:edit", {}, noAccess],
    ["a reviewer looking at an unassigned draft", "reviewer", "article:view", {}, noAccess],
    ["a reviewer editing the text they review", "reviewer", "article:edit", { status: "in_review", membership: "reviewer" }, "You may not change the text of this article."],
    ["a writer publishing their approved article", "writer", "article:publish", { status: "approved", ownerId: "actor" }, onlyTheDeskPublishes],
    ["an editor publishing a draft", "editor", "article:publish", {}, onlyTheDeskPublishes],
    ["a writer approving their own article", "writer", "article:approve", { status: "in_review", ownerId: "actor" }, "You are not allowed to do that."],
  ] as const)("refuses %s with 403", (_name, role, action, article, message) => {
    expect(outcome(buildActor({ role }), action, buildArticle(article))).toEqual(forbidden(message));
  });

  it("lets a co-author edit a shared draft and a reviewer who owes a sign-off approve", () => {
    expect(outcome(buildActor(), "article:edit", buildArticle({ membership: "author" }))).toBe("allowed");
    expect(
      outcome(buildActor({ role: "reviewer" }), "article:approve", buildArticle({ status: "in_review", membership: "reviewer", owesSignoff: true })),
    ).toBe("allowed");
    // Reading along is not signing off.
    expect(
      outcome(buildActor({ role: "reviewer" }), "article:approve", buildArticle({ status: "in_review", membership: "reviewer" })),
    ).toEqual(forbidden("You are not allowed to do that."));
  });
});

describe("allowedArticleActions", () => {
  it("lists what the UI may offer, in a stable order", () => {
    const owner = buildActor();
    expect(allowedArticleActions(owner, buildArticle({ ownerId: "actor" }))).toEqual([
      "article:view",
      "article:edit",
      "article:comment",
      "article:suggest",
      "article:submit",
      "article:share",
      "article:rename",
    ]);
    expect(
      allowedArticleActions(buildActor({ role: "reviewer" }), buildArticle({ status: "in_review", owesSignoff: true })),
    ).toEqual(["article:view", "article:comment", "article:suggest", "article:approve", "article:request-changes"]);
    expect(allowedArticleActions(buildActor({ role: "editor" }), buildArticle({ status: "archived" }))).toEqual([
      "article:view",
      "article:reopen",
      "article:deliveries",
      "article:share",
    ]);
  });

  it("offers nothing to a disabled or missing actor", () => {
    const article = buildArticle({ ownerId: "actor" });
    expect(allowedArticleActions(buildActor({ isDisabled: true }), article)).toEqual([]);
    expect(allowedArticleActions(null, article)).toEqual([]);
  });
});
