import { describe, expect, it } from "vitest";
import { layoutThreads } from "./thread-layout";

describe("layoutThreads", () => {
  it("puts each card beside its passage when there is room", () => {
    const tops = layoutThreads(
      [
        { id: "a", desiredTop: 10, height: 50 },
        { id: "b", desiredTop: 300, height: 50 },
      ],
      8,
    );
    expect(tops.get("a")).toBe(10);
    expect(tops.get("b")).toBe(300);
  });

  it("stacks cards on nearby passages without overlap, in passage order", () => {
    const tops = layoutThreads(
      [
        { id: "later", desiredTop: 40, height: 100 },
        { id: "first", desiredTop: 20, height: 100 },
        { id: "third", desiredTop: 60, height: 30 },
      ],
      10,
    );
    expect(tops.get("first")).toBe(20);
    expect(tops.get("later")).toBe(130);
    expect(tops.get("third")).toBe(240);
  });

  it("places threads without a passage after the others", () => {
    const tops = layoutThreads(
      [
        { id: "deleted", desiredTop: null, height: 40 },
        { id: "anchored", desiredTop: 500, height: 60 },
      ],
      10,
    );
    expect(tops.get("anchored")).toBe(500);
    expect(tops.get("deleted")).toBe(570);
  });

  it("keeps the focused card beside its passage and moves the ones above it up", () => {
    const items = [
      { id: "a", desiredTop: 100, height: 80 },
      { id: "b", desiredTop: 110, height: 80 },
      { id: "c", desiredTop: 200, height: 40 },
    ];
    const tops = layoutThreads(items, 10, "c");
    expect([tops.get("a"), tops.get("b"), tops.get("c")]).toEqual([20, 110, 200]);
    // Unfocused, "c" would be pushed below "b" instead.
    expect(layoutThreads(items, 10).get("c")).toBe(280);
  });

  it("never moves cards above the sidebar's top to make room", () => {
    const items = [
      { id: "a", desiredTop: 100, height: 80 },
      { id: "b", desiredTop: 110, height: 80 },
      { id: "c", desiredTop: 120, height: 40 },
    ];
    const tops = layoutThreads(items, 10, "c");
    expect([tops.get("a"), tops.get("b"), tops.get("c")]).toEqual([0, 90, 180]);
  });
});
