import { updateYFragment } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { articleFields } from "../docs/text";
import { readArticleContent } from "../editor/export/article-content";
import { diffText } from "../editor/text-diff";

/**
 * The change that turns `current` into what `target` says, as one Yjs
 * update made against `current`: the headline and standfirst by one splice
 * each, the body by y-prosemirror's own comparison, which leaves every block
 * (and every character) that did not change as it is. So a restore arrives
 * at everyone's editor as an ordinary edit, and carets and comments on text
 * that survives stay where they are. Null when there is nothing to change.
 */
export function restoreChange(current: Y.Doc, target: Y.Doc): Uint8Array | null {
  const scratch = new Y.Doc();
  try {
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(current));
    const updates: Uint8Array[] = [];
    scratch.on("update", (update: Uint8Array) => updates.push(update));
    scratch.transact(() => {
      for (const field of [articleFields.headline, articleFields.standfirst]) {
        const text = scratch.getText(field);
        const splice = diffText(text.toString(), target.getText(field).toString());
        if (!splice) continue;
        if (splice.remove) text.delete(splice.index, splice.remove);
        if (splice.insert) text.insert(splice.index, splice.insert);
      }
      const body = readArticleContent(target, { withSuggestions: true }).body;
      updateYFragment(scratch, scratch.getXmlFragment(articleFields.body), body, { mapping: new Map(), isOMark: new Map() });
    });
    return updates.length > 0 ? Y.mergeUpdates(updates) : null;
  } finally {
    scratch.destroy();
  }
}
