import { expect, it } from "vitest";
import type { ArticleAccess } from "../../lib/policy";
import type { User } from "../../lib/users";
import { decideAccess } from "./access-verdict";

const person = (role: User["role"], isDisabled = false): User => ({
  id: `u-${role}`,
  email: `${role}@example.test`,
  name: role,
  role,
  isDisabled,
  tokenVersion: 0,
  createdAt: "2026-12-01T00:00:00.000Z",
  updatedAt: "2026-12-01T00:00:00.000Z",
});
const article = (membership: ArticleAccess["membership"], status: ArticleAccess["status"] = "draft", ownerId = "someone-else"): ArticleAccess => ({
  id: "a1",
  status,
  ownerId,
  membership,
});

it("decides the socket's access as lib/policy does, for the upgrade and the watcher alike", () => {
  expect(decideAccess(null, article("author"))).toBe("signed-out");
  expect(decideAccess(person("writer", true), article("author"))).toBe("signed-out");
  expect(decideAccess(person("writer"), null)).toBe("not-found");
  expect(decideAccess(person("writer"), article(null))).toBe("forbidden");
  expect(decideAccess(person("writer"), article("author"))).toBe("writable");
  // Reviewers never edit; while the text may change, they suggest.
  expect(decideAccess(person("reviewer"), article("reviewer"))).toBe("suggest-only");
  expect(decideAccess(person("reviewer"), article("reviewer", "published"))).toBe("read-only");
  expect(decideAccess(person("editor"), article(null))).toBe("writable");
  // Published text is the desk's to correct, not the author's.
  expect(decideAccess(person("writer"), article("author", "published"))).toBe("read-only");
});
