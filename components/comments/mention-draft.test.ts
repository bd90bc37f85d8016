import { describe, expect, it } from "vitest";
import { draftFromBody, draftToBody, editDraft, insertMention, type MentionDraft } from "./mention-draft";

const tomas = { id: "u1", name: "Tomas Reyes" };
const empty: MentionDraft = { text: "", mentions: [] };

/** Types `typed` at the caret `at`, as the field reports it. */
const typeInto = (draft: MentionDraft, at: number, typed: string) =>
  editDraft(draft, draft.text.slice(0, at) + typed + draft.text.slice(at), at + typed.length);

describe("the comment composer's draft", () => {
  it("shows a picked colleague by name and sends the mention's markup", () => {
    const typed = typeInto(empty, 0, "Ask @To please");
    const { draft, caret } = insertMention(typed, { start: 4, end: 7 }, tomas);
    expect(draft.text).toBe("Ask @Tomas Reyes  please");
    expect(caret).toBe("Ask @Tomas Reyes ".length);
    expect(draftToBody(draft)).toBe("Ask @[Tomas Reyes](u1)  please");
  });

  it("keeps brackets in a name from ending the mention early", () => {
    const { draft } = insertMention(typeInto(empty, 0, "@"), { start: 0, end: 1 }, { id: "u2", name: "Ana [desk]" });
    expect(draft.text).toBe("@Ana desk ");
    expect(draftToBody(draft)).toBe("@[Ana desk](u2) ");
  });

  it("moves a mention with text typed before it, and keeps it when text is typed right after it", () => {
    let { draft } = insertMention(typeInto(empty, 0, "@T"), { start: 0, end: 2 }, tomas);
    draft = typeInto(draft, 0, "Hi ");
    draft = typeInto(draft, draft.text.length, "check par 2");
    expect(draft.text).toBe("Hi @Tomas Reyes check par 2");
    expect(draftToBody(draft)).toBe("Hi @[Tomas Reyes](u1) check par 2");
  });

  it("turns a mention whose name was edited into plain text", () => {
    const { draft } = insertMention(typeInto(empty, 0, "@T"), { start: 0, end: 2 }, tomas);
    const cut = editDraft(draft, "@Tomas Rey ", "@Tomas Rey".length);
    expect(cut.mentions).toEqual([]);
    expect(draftToBody(cut)).toBe("@Tomas Rey ");
  });

  it("opens a stored comment with its mentions as names, and sends it back unchanged", () => {
    const body = "@[Tomas Reyes](u1) and @[Ana Lima](u3): see par 2";
    const draft = draftFromBody(body);
    expect(draft.text).toBe("@Tomas Reyes and @Ana Lima: see par 2");
    expect(draftToBody(draft)).toBe(body);
  });

  it("sends hand-typed mention markup as typed (the server decides whether it is a mention)", () => {
    expect(draftToBody(typeInto(empty, 0, "@[Fake Admin](nonexistentid)"))).toBe("@[Fake Admin](nonexistentid)");
  });
});
