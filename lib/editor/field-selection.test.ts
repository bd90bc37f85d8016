import { describe, expect, it } from "vitest";
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from "y-protocols/awareness";
import * as Y from "yjs";
import { articleFields } from "@/lib/docs/text";
import {
  encodeFieldSelection,
  FieldSelectionPublisher,
  remoteFieldSelections,
  resolveFieldSelection,
  type FieldSelectionState,
} from "./field-selection";

/** Two people's copies of one article, the headline already shared. */
function twoCopies(headline: string) {
  const ada = new Y.Doc();
  const ben = new Y.Doc();
  ada.getText(articleFields.headline).insert(0, headline);
  Y.applyUpdate(ben, Y.encodeStateAsUpdate(ada));
  const sync = () => {
    Y.applyUpdate(ada, Y.encodeStateAsUpdate(ben, Y.encodeStateVector(ada)));
    Y.applyUpdate(ben, Y.encodeStateAsUpdate(ada, Y.encodeStateVector(ben)));
  };
  return { ada, ben, sync };
}

/** What the state's selection covers in the text, as the other person's screen would draw it. */
function selectedOn(text: Y.Text, state: FieldSelectionState) {
  const selection = resolveFieldSelection(text, JSON.parse(JSON.stringify(state)))!;
  const [from, to] = [Math.min(selection.anchor, selection.head), Math.max(selection.anchor, selection.head)];
  return { ...selection, selected: text.toString().slice(from, to) };
}

describe("a selection in a field, as relative positions", () => {
  it("comes back as the same indexes, backwards selections included", () => {
    const text = new Y.Doc().getText(articleFields.headline);
    text.insert(0, "Council votes to close the bridge");
    expect(selectedOn(text, encodeFieldSelection(text, 8, 13))).toEqual({ anchor: 8, head: 13, selected: "votes" });
    expect(selectedOn(text, encodeFieldSelection(text, 13, 8))).toEqual({ anchor: 13, head: 8, selected: "votes" });
    expect(selectedOn(text, encodeFieldSelection(text, 33, 33))).toMatchObject({ anchor: 33, head: 33 });
  });

  it("stays on the same words while someone else types before it at the same time", () => {
    const { ada, ben, sync } = twoCopies("Council votes to close the bridge");
    const bensHeadline = ben.getText(articleFields.headline);
    const selection = encodeFieldSelection(bensHeadline, 8, 13);
    // Concurrently: Ada rewrites the start, Ben types after his selection.
    ada.getText(articleFields.headline).delete(0, 7);
    ada.getText(articleFields.headline).insert(0, "City council");
    bensHeadline.insert(33, " tonight");
    sync();
    const adasHeadline = ada.getText(articleFields.headline);
    expect(adasHeadline.toString()).toBe("City council votes to close the bridge tonight");
    expect(selectedOn(adasHeadline, selection)).toEqual({ anchor: 13, head: 18, selected: "votes" });
  });

  it("collapses to where the selected words were when someone deletes them", () => {
    const { ada, ben, sync } = twoCopies("Council votes to close the bridge");
    const selection = encodeFieldSelection(ben.getText(articleFields.headline), 8, 14);
    ada.getText(articleFields.headline).delete(8, 9);
    sync();
    const adasHeadline = ada.getText(articleFields.headline);
    expect(adasHeadline.toString()).toBe("Council close the bridge");
    expect(selectedOn(adasHeadline, selection)).toEqual({ anchor: 8, head: 8, selected: "" });
  });

  it("is not drawn in another field, and nonsense from a peer is ignored without touching the document", () => {
    const doc = new Y.Doc();
    const headline = doc.getText(articleFields.headline);
    const standfirst = doc.getText(articleFields.standfirst);
    headline.insert(0, "Bridge");
    expect(resolveFieldSelection(standfirst, encodeFieldSelection(headline, 0, 3))).toBeNull();
    const nonsense: unknown[] = [
      null,
      "headline",
      { name: "headline" },
      { name: "headline", anchor: {}, head: {} },
      { name: "headline", anchor: { tname: "secrets" }, head: { tname: "secrets" } },
      { name: "headline", anchor: { item: { client: "x", clock: 1 } }, head: { tname: "headline" } },
      { name: "headline", anchor: { item: { client: 424242, clock: 7 } }, head: { tname: "headline" } },
    ];
    for (const value of nonsense) expect(resolveFieldSelection(headline, value)).toBeNull();
    expect([...doc.share.keys()].sort()).toEqual([articleFields.headline, articleFields.standfirst].sort());
  });
});

/** Ada's and Ben's presence, exchanged the way the provider relays it. */
function twoAwarenesses() {
  const { ada, ben, sync } = twoCopies("Council votes to close the bridge");
  const adaAwareness = new Awareness(ada);
  const benAwareness = new Awareness(ben);
  adaAwareness.setLocalState({ user: { name: "Ada Lovelace", color: "#1d4ed8" } });
  benAwareness.setLocalState({ user: { name: "Ben Carter", color: "#2d7a32" } });
  const relay = () => applyAwarenessUpdate(adaAwareness, encodeAwarenessUpdate(benAwareness, [benAwareness.clientID]), "remote");
  return { ada, ben, sync, adaAwareness, benAwareness, relay };
}

describe("others' carets in a field", () => {
  it("lists each other person's caret in this field with their name and colour, never your own", () => {
    const { ada, ben, adaAwareness, benAwareness, relay } = twoAwarenesses();
    new FieldSelectionPublisher(benAwareness, ben.getText(articleFields.headline)).publish(8, 13);
    new FieldSelectionPublisher(adaAwareness, ada.getText(articleFields.headline)).publish(0, 0);
    relay();
    expect(remoteFieldSelections(adaAwareness, ada.getText(articleFields.headline))).toEqual([
      { clientId: benAwareness.clientID, userName: "Ben Carter", color: "#2d7a32", anchor: 8, head: 13 },
    ]);
    expect(remoteFieldSelections(adaAwareness, ada.getText(articleFields.standfirst))).toEqual([]);
  });

  it("leaves the body's cursor alone and disappears when the field loses focus", () => {
    const { ada, ben, adaAwareness, benAwareness, relay } = twoAwarenesses();
    benAwareness.setLocalStateField("cursor", { anchor: "body", head: "body" });
    const publisher = new FieldSelectionPublisher(benAwareness, ben.getText(articleFields.headline));
    publisher.publish(3, 3);
    publisher.clear();
    relay();
    expect(benAwareness.getLocalState()).toMatchObject({ cursor: { anchor: "body", head: "body" }, field: null });
    expect(remoteFieldSelections(adaAwareness, ada.getText(articleFields.headline))).toEqual([]);
  });

  it("sends a caret that did not move only once, and a field that lost focus does not clear the next one", () => {
    const { ben, benAwareness } = twoAwarenesses();
    let sent = 0;
    benAwareness.on("change", () => sent++);
    const headline = new FieldSelectionPublisher(benAwareness, ben.getText(articleFields.headline));
    const standfirst = new FieldSelectionPublisher(benAwareness, ben.getText(articleFields.standfirst));
    headline.publish(4, 4);
    headline.publish(4, 4);
    headline.publish(5, 5);
    expect(sent).toBe(2);
    standfirst.publish(0, 0);
    headline.clear();
    expect(benAwareness.getLocalState()?.field).toMatchObject({ name: articleFields.standfirst });
  });

  it("shows someone without a valid colour in grey rather than in a colour they injected", () => {
    const { ada, ben, adaAwareness, benAwareness, relay } = twoAwarenesses();
    benAwareness.setLocalStateField("user", { name: "Ben Carter", color: "red; background: url(x)" });
    new FieldSelectionPublisher(benAwareness, ben.getText(articleFields.headline)).publish(0, 7);
    relay();
    expect(remoteFieldSelections(adaAwareness, ada.getText(articleFields.headline))[0]).toMatchObject({ color: "#4b5563" });
  });
});
