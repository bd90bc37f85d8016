import { describe, expect, it } from "vitest";
import { Awareness } from "y-protocols/awareness";
import * as Y from "yjs";
import { peopleFromAwareness } from "./presence-avatars";

/** An awareness holding our own state plus the remote states given, as the provider would after a sync. */
function awarenessWith(self: object, others: [clientId: number, state: object | null][]) {
  const awareness = new Awareness(new Y.Doc());
  awareness.setLocalState(self);
  for (const [clientId, state] of others) {
    if (state) awareness.states.set(clientId, state);
  }
  return awareness;
}

describe("peopleFromAwareness", () => {
  it("lists each person once, yourself first, the rest by name", () => {
    const awareness = awarenessWith({ user: { id: "u-zoe", name: "Zoe", color: "#b4232a" } }, [
      [101, { user: { id: "u-ben", name: "Ben", color: "#2d7a32" } }],
      [102, { user: { id: "u-ada", name: "Ada", color: "#1d4ed8" } }],
      [103, { user: { id: "u-ben", name: "Ben", color: "#2d7a32" } }], // Ben's second tab
    ]);
    expect(peopleFromAwareness(awareness).map((p) => [p.name, p.isSelf])).toEqual([
      ["Zoe", true],
      ["Ada", false],
      ["Ben", false],
    ]);
  });

  it("marks viewers, and counts someone editing in any tab as editing", () => {
    const awareness = awarenessWith({ user: { id: "u-me", name: "Me" } }, [
      [201, { user: { id: "u-rui", name: "Rui", isViewOnly: true } }],
      [202, { user: { id: "u-ben", name: "Ben", isViewOnly: true } }],
      [203, { user: { id: "u-ben", name: "Ben", isViewOnly: false } }],
    ]);
    const byName = Object.fromEntries(peopleFromAwareness(awareness).map((p) => [p.name, p.isViewOnly]));
    expect(byName).toEqual({ Me: false, Rui: true, Ben: false });
  });

  it("marks suggesters, and counts a suggesting tab over a viewing one and an editing tab over both", () => {
    const awareness = awarenessWith({ user: { id: "u-me", name: "Me" } }, [
      [401, { user: { id: "u-sam", name: "Sam", isSuggesting: true } }],
      [402, { user: { id: "u-sam", name: "Sam", isViewOnly: true } }],
      [403, { user: { id: "u-ada", name: "Ada", isSuggesting: true } }],
      [404, { user: { id: "u-ada", name: "Ada" } }],
    ]);
    const modes = Object.fromEntries(peopleFromAwareness(awareness).map((p) => [p.name, p.isViewOnly ? "view" : p.isSuggesting ? "suggest" : "edit"]));
    expect(modes).toEqual({ Me: "edit", Sam: "suggest", Ada: "edit" });
  });

  it("skips clients without a user and never passes on a colour that is not #rrggbb", () => {
    const awareness = awarenessWith({ user: { id: "u-me", name: "Me", color: "red;background:url(x)" } }, [[301, { cursor: null }]]);
    const people = peopleFromAwareness(awareness);
    expect(people).toHaveLength(1);
    expect(people[0]!.color).toMatch(/^#[0-9a-f]{6}$/i);
  });
});
