import { describe, expect, it } from "vitest";
import { caretBox, selectionBoxes } from "./field-caret-layout";

/** The overlay sits at (100, 40) in the viewport; rectangles come measured in viewport pixels. */
const origin = { left: 100, top: 40 };
const rect = (left: number, top: number, width: number, height = 28) => ({ left, top, width, height });

describe("caretBox", () => {
  it("centres a two-pixel bar on the caret's edge, in the overlay's coordinates", () => {
    expect(caretBox([rect(180, 76, 0)], origin)).toEqual({ left: 79, top: 36, width: 2, height: 28 });
  });

  it("draws nothing where the browser laid nothing out", () => {
    expect(caretBox([], origin)).toBeNull();
  });
});

describe("selectionBoxes", () => {
  it("tints one rectangle per wrapped line, dropping the empty fragment at the wrap", () => {
    const boxes = selectionBoxes([rect(300, 40, 220), rect(520, 40, 0), rect(100, 76, 140)], origin);
    expect(boxes).toEqual([
      { left: 200, top: 0, width: 220, height: 28 },
      { left: 0, top: 36, width: 140, height: 28 },
    ]);
  });

  it("joins the touching runs of mixed Arabic and English text on one line, so tints never overlap", () => {
    const boxes = selectionBoxes([rect(260, 40, 80), rect(180, 40, 80.3), rect(340.2, 40, 40)], origin);
    expect(boxes).toEqual([{ left: 80, top: 0, width: 200.2, height: 28 }]);
  });

  it("keeps runs apart when bidi reordering puts unselected text between them", () => {
    const boxes = selectionBoxes([rect(400, 40, 50), rect(180, 40, 60)], origin);
    expect(boxes.map((box) => [box.left, box.width])).toEqual([
      [80, 60],
      [300, 50],
    ]);
  });
});
