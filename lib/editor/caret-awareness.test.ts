// @vitest-environment happy-dom
import { Editor } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { yCursorPluginKey } from "@tiptap/y-tiptap";
import { afterEach, describe, expect, it } from "vitest";
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from "y-protocols/awareness";
import * as Y from "yjs";
import { articleFields } from "@/lib/docs/text";
import { caretPluginAwareness } from "./caret-awareness";
import { articleExtensions } from "./extensions";

const editors: Editor[] = [];
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy();
});

/** y-tiptap schedules the caret plugin's transaction with setTimeout(0). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

/** A writer's editor over a body of one paragraph, and a colleague's copy of the document and presence. */
function setUp() {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText("Harbour costs rise again")]);
  doc.getXmlFragment(articleFields.body).insert(0, [paragraph]);
  const colleagueDoc = new Y.Doc();
  Y.applyUpdate(colleagueDoc, Y.encodeStateAsUpdate(doc));
  const awareness = new Awareness(doc);
  const colleague = new Awareness(colleagueDoc);
  const element = document.createElement("div");
  document.body.append(element);
  const editor = new Editor({
    element,
    extensions: [
      ...articleExtensions(),
      Collaboration.configure({ document: doc, field: articleFields.body }),
      CollaborationCaret.configure({ provider: { awareness: caretPluginAwareness(awareness) }, user: { name: "Amira", color: "#c0392b" } }),
    ],
  });
  editors.push(editor);
  let caretRedraws = 0;
  editor.on("transaction", ({ transaction }) => void (transaction.getMeta(yCursorPluginKey) && caretRedraws++));
  /** The colleague puts their caret at `index` of the paragraph's text; it reaches the writer. */
  const colleagueCaretAt = (index: number) => {
    const text = (colleagueDoc.getXmlFragment(articleFields.body).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const caret = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, index));
    colleague.setLocalStateField("user", { name: "Ben", color: "#2e86c1" });
    colleague.setLocalStateField("cursor", { anchor: caret, head: caret });
    applyAwarenessUpdate(awareness, encodeAwarenessUpdate(colleague, [colleague.clientID]), "remote");
  };
  return { editor, doc, awareness, colleagueCaretAt, caretRedraws: () => caretRedraws };
}

describe("caretPluginAwareness", () => {
  it("draws a colleague's caret where they put it", async () => {
    const { editor, colleagueCaretAt } = setUp();
    colleagueCaretAt(7);
    await settle();
    const caret = editor.view.dom.querySelector(".collaboration-carets__caret");
    expect(caret?.textContent).toContain("Ben");
    expect(caret?.previousSibling?.textContent).toBe("Harbour");
  });

  it("redraws carets when a colleague's caret moves, not when this user's own caret or name changes", async () => {
    const { editor, doc, awareness, colleagueCaretAt, caretRedraws } = setUp();
    await settle();
    const before = caretRedraws();
    const text = (doc.getXmlFragment(articleFields.body).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    for (const index of [3, 4, 5]) {
      const caret = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, index));
      awareness.setLocalStateField("cursor", { anchor: caret, head: caret });
    }
    editor.commands.updateUser({ name: "Amira Haddad", color: "#c0392b" });
    await settle();
    expect(caretRedraws()).toBe(before);
    // The real awareness still carries the change, for the provider to send.
    expect(awareness.getLocalState()).toMatchObject({ user: { name: "Amira Haddad" } });

    colleagueCaretAt(2);
    await settle();
    expect(caretRedraws()).toBe(before + 1);
  });

  it("stops calling a listener taken off", () => {
    const awareness = new Awareness(new Y.Doc());
    const colleague = new Awareness(new Y.Doc());
    const view = caretPluginAwareness(awareness);
    let heard = 0;
    const listener = () => heard++;
    view.on("change", listener);
    colleague.setLocalStateField("cursor", 1);
    applyAwarenessUpdate(awareness, encodeAwarenessUpdate(colleague, [colleague.clientID]), "remote");
    expect(heard).toBe(1);
    view.off("change", listener);
    colleague.setLocalStateField("cursor", 2);
    applyAwarenessUpdate(awareness, encodeAwarenessUpdate(colleague, [colleague.clientID]), "remote");
    expect(heard).toBe(1);
  });

  it("sends this user's caret again only when it moved", () => {
    const doc = new Y.Doc();
    const text = doc.getText("t");
    text.insert(0, "Harbour");
    const awareness = new Awareness(doc);
    const view = caretPluginAwareness(awareness);
    let sent = 0;
    awareness.on("update", () => sent++);
    const caretAt = (index: number) => {
      const position = Y.createRelativePositionFromTypeIndex(text, index);
      return { anchor: position, head: position };
    };
    view.setLocalStateField("cursor", caretAt(3));
    view.setLocalStateField("cursor", caretAt(3));
    expect(sent).toBe(1);
    view.setLocalStateField("cursor", caretAt(4));
    view.setLocalStateField("user", { name: "Amira" });
    view.setLocalStateField("user", { name: "Amira" });
    expect(sent).toBe(4);
    view.setLocalStateField("cursor", null);
    expect(awareness.getLocalState()).toMatchObject({ cursor: null });
  });
});
