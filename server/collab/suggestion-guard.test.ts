import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { suggestInsert } from "../../lib/suggestions/marks";
import { bodyText, buildArticle, markBy, updateFrom } from "../../lib/suggestions/testing";
import { SuggestionGuard } from "./suggestion-guard";

const reviewer = "reviewer-1";

/** The reviewer's suggestion typed at the start of the body, on their copy of `room` as it is now. */
const suggestion = (room: Y.Doc) => updateFrom(room, (copy) => bodyText(copy).insert(0, "Breaking: ", { [suggestInsert]: markBy(reviewer) }));
/** A colleague's plain edit, applied to the room as the apply stage does. */
const colleagueTypes = (room: Y.Doc, text: string) => Y.applyUpdate(room, updateFrom(room, (copy) => bodyText(copy).insert(bodyText(copy).length, text)));

describe("SuggestionGuard", () => {
  it("keeps up with the room's changes between checks, so a suggestion built on them passes", () => {
    const room = buildArticle();
    const guard = new SuggestionGuard();
    const first = suggestion(room);
    expect(guard.check(room, first, reviewer)).toBeNull();
    Y.applyUpdate(room, first);
    colleagueTypes(room, " More.");
    // Typed after the colleague's words reached the reviewer: it builds on them.
    const second = updateFrom(room, (copy) => bodyText(copy).insert(bodyText(copy).length, "!", { [suggestInsert]: markBy(reviewer) }));
    expect(guard.check(room, second, reviewer)).toBeNull();
  });

  it("catches up by state vector when more changes came than it keeps one by one", () => {
    const room = buildArticle();
    const guard = new SuggestionGuard();
    expect(guard.check(room, suggestion(room), reviewer)).toBeNull();
    const colleague = new Y.Doc();
    Y.applyUpdate(colleague, Y.encodeStateAsUpdate(room));
    colleague.on("update", (update: Uint8Array) => Y.applyUpdate(room, update));
    for (let i = 0; i < 2100; i++) bodyText(colleague).insert(0, "x");
    const built = updateFrom(room, (copy) => bodyText(copy).insert(bodyText(copy).length, "?", { [suggestInsert]: markBy(reviewer) }));
    expect(guard.check(room, built, reviewer)).toBeNull();
  });

  it("starts again from the room after a refusal, which the copy must not keep", () => {
    const room = buildArticle();
    const guard = new SuggestionGuard();
    const plain = updateFrom(room, (copy) => bodyText(copy).insert(0, "Unmarked "));
    expect(guard.check(room, plain, reviewer)).toEqual(expect.any(String));
    expect(guard.check(room, suggestion(room), reviewer)).toBeNull();
  });
});
