import { describe, expect, it } from "vitest";
import { settleDeletedPassages } from "./deleted-grace";

describe("settleDeletedPassages", () => {
  it("shows a passage that went missing as deleted only once its grace has run out", () => {
    const since = new Map<string, number>();
    expect(settleDeletedPassages(["a"], new Set(), since, 1000, 1500)).toEqual({ deleted: new Set(), recheckInMs: 1500 });
    expect(settleDeletedPassages(["a", "b"], new Set(), since, 2000, 1500)).toEqual({ deleted: new Set(), recheckInMs: 500 });
    expect(settleDeletedPassages(["a", "b"], new Set(), since, 2500, 1500)).toEqual({ deleted: new Set(["a"]), recheckInMs: 1000 });
  });

  it("a passage back within its grace never shows as deleted, and starts afresh if it goes again", () => {
    const since = new Map<string, number>();
    settleDeletedPassages(["a"], new Set(), since, 0, 1500);
    expect(settleDeletedPassages([], new Set(), since, 400, 1500)).toEqual({ deleted: new Set(), recheckInMs: null });
    expect(settleDeletedPassages(["a"], new Set(), since, 1600, 1500).deleted.size).toBe(0);
  });

  it("what is already known deleted (shown so, or by the server) needs no grace", () => {
    expect(settleDeletedPassages(["a"], new Set(["a"]), new Map(), 0, 1500)).toEqual({ deleted: new Set(["a"]), recheckInMs: null });
  });
});
