import { describe, expect, it } from "vitest";
import { actionLabel, describeChange } from "./audit-format";

describe("describeChange", () => {
  it("shows a role change as before and after", () => {
    expect(describeChange({ role: "writer" }, { role: "reviewer" })).toEqual([
      { key: "role", before: "writer", after: "reviewer" },
    ]);
  });

  it("shows a creation as the values it set", () => {
    expect(describeChange(null, { email: "a@example.test", role: "writer" })).toEqual([
      { key: "email", after: "a@example.test" },
      { key: "role", after: "writer" },
    ]);
  });

  it("keeps a field that stayed the same, so a re-share still says who it was about", () => {
    expect(describeChange({ member: "m@example.test", as: "author" }, { member: "m@example.test", as: "reviewer" })).toEqual([
      { key: "member", after: "m@example.test" },
      { key: "as", before: "author", after: "reviewer" },
    ]);
  });

  it("writes booleans and missing values in words a reader can follow", () => {
    expect(describeChange({ disabled: false }, { disabled: true })).toEqual([
      { key: "disabled", before: "false", after: "true" },
    ]);
    expect(describeChange(null, null)).toEqual([]);
  });

  it("shows a mention in a comment body as the name a reader saw, not its markup", () => {
    expect(describeChange(null, { body: "@[Ann Lee](u1) check the figures" })).toEqual([
      { key: "body", after: "@Ann Lee check the figures" },
    ]);
  });
});

describe("actionLabel", () => {
  it("names known actions and shows unknown ones as recorded", () => {
    expect(actionLabel("user.set-role")).toBe("Changed role");
    expect(actionLabel("comment.resolve")).toBe("Resolved thread");
    expect(actionLabel("article.publish")).toBe("article.publish");
  });
});
