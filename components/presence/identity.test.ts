import { describe, expect, it } from "vitest";
import { colorForUser, initialsOf, presenceColors } from "./identity";

describe("colorForUser", () => {
  it("gives one person the same valid colour every time", () => {
    expect(colorForUser("user-123")).toBe(colorForUser("user-123"));
    expect(colorForUser("user-123")).toMatch(/^#[0-9a-f]{6}$/);
  });

  it("spreads people over the palette", () => {
    const used = new Set(Array.from({ length: 60 }, (_, i) => colorForUser(`person-${i}`)));
    expect(used.size).toBeGreaterThan(presenceColors.length / 2);
  });
});

describe("initialsOf", () => {
  it.each([
    ["Ada Lovelace", "AL"],
    ["  grace  brewster murray hopper ", "GH"],
    ["Prince", "P"],
    ["نور الهدى", "نا"],
    ["", "?"],
  ])("%j → %s", (name, initials) => {
    expect(initialsOf(name)).toBe(initials);
  });
});
