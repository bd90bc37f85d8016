import * as Y from "yjs";
import { articleFields } from "./text";

/**
 * What happens to changes the collab server refuses (a connection that may
 * not edit, say a writer whose share was just changed to reviewer, sent
 * edits it made offline or before it heard): the server tells it with
 * refusedChangesReason (./denial-reasons.ts); the browser then drops its copy
 * of the refused changes, goes back to the stored document, and offers the
 * refused text to copy.
 */

/**
 * Whether `update` would change `doc`: adds something it lacks, or deletes
 * something it still shows. An empty update (the sync reply of a client with
 * nothing new) or one the document already holds would not.
 */
export function changesDocument(doc: Y.Doc, update: Uint8Array): boolean {
  const missing = Y.decodeUpdate(Y.diffUpdate(update, Y.encodeStateVector(doc)));
  if (missing.structs.some((struct) => struct instanceof Y.Item || struct instanceof Y.GC)) return true;
  const store = doc.store;
  for (const [client, deletions] of missing.ds.clients) {
    const known = Y.getState(store, client);
    for (const { clock, len } of deletions) {
      // Walk the items in the range: one still shown means the deletion is news.
      for (let at = clock; at < Math.min(clock + len, known); ) {
        const item = Y.getItem(store, Y.createID(client, at));
        if (!item.deleted) return true;
        at = item.id.clock + item.length;
      }
    }
  }
  return false;
}

const textOfRun = (text: Y.XmlText) =>
  (text.toDelta() as { insert?: unknown }[]).map((op) => (typeof op.insert === "string" ? op.insert : "")).join("");

/** A block's words: its text runs, and its inner blocks a line each. */
function textOfElement(element: Y.XmlElement): string {
  const parts = element.toArray().map((child) =>
    child instanceof Y.XmlElement ? textOfElement(child) : child instanceof Y.XmlText ? textOfRun(child) : "",
  );
  return parts.join(element.firstChild instanceof Y.XmlElement ? "\n" : "");
}

/**
 * The text that `local` (a browser's copy, as an update) holds and `stored`
 * does not: what the refused changes typed, a piece a line, in the order
 * Yjs applies them. Deletions and formatting are not text to copy.
 */
export function refusedText(stored: Y.Doc, local: Uint8Array): string {
  const scratch = new Y.Doc();
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(stored));
  const pieces: string[] = [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types its deep events as YEvent<any>
  const collect = (events: readonly Y.YEvent<any>[]) => {
    for (const event of events) {
      if (event instanceof Y.YTextEvent) {
        for (const op of event.delta) if (typeof op.insert === "string") pieces.push(op.insert);
        continue;
      }
      for (const op of event.changes.delta) {
        if (!Array.isArray(op.insert)) continue;
        for (const item of op.insert) {
          if (item instanceof Y.XmlElement) pieces.push(textOfElement(item));
          else if (item instanceof Y.XmlText) pieces.push(textOfRun(item));
        }
      }
    }
  };
  scratch.getText(articleFields.headline).observe((event) => collect([event]));
  scratch.getText(articleFields.standfirst).observe((event) => collect([event]));
  scratch.getXmlFragment(articleFields.body).observeDeep(collect);
  Y.applyUpdate(scratch, local);
  scratch.destroy();
  return pieces.map((piece) => piece.trim()).filter(Boolean).join("\n");
}
