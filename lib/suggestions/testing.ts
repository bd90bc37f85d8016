import * as Y from "yjs";
import { articleFields } from "../docs/text";
import type { SuggestionMark } from "./marks";

/** An article document as the editor makes it: headline, standfirst and one body paragraph. */
export function buildArticle(parts: { headline?: string; standfirst?: string; body?: string } = {}): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    doc.getText(articleFields.headline).insert(0, parts.headline ?? "Forty dead in flood");
    doc.getText(articleFields.standfirst).insert(0, parts.standfirst ?? "Rescuers search the valley");
    const paragraph = new Y.XmlElement("paragraph");
    doc.getXmlFragment(articleFields.body).insert(0, [paragraph]);
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    text.insert(0, parts.body ?? "The river rose forty feet overnight.");
  });
  return doc;
}

/** The body's first paragraph's text. */
export const bodyText = (doc: Y.Doc) => (doc.getXmlFragment(articleFields.body).get(0) as Y.XmlElement).get(0) as Y.XmlText;

/** What another client sends after making `change` on its own copy of `doc` (a Yjs update). */
export function updateFrom(doc: Y.Doc, change: (copy: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(copy);
  const updates: Uint8Array[] = [];
  copy.on("update", (update: Uint8Array) => updates.push(update));
  copy.transact(() => change(copy));
  copy.destroy();
  return updates.length > 0 ? Y.mergeUpdates(updates) : Y.encodeStateAsUpdate(new Y.Doc(), before);
}

let counter = 0;
/** A suggestion mark by `by` (a fresh id unless given). */
export function markBy(by: string, id = `suggestion${String(++counter).padStart(4, "0")}`): SuggestionMark {
  return { id, by, at: 1_765_000_000_000 + counter };
}
