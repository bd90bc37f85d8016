import * as Y from "yjs";
import { articleFields } from "../docs/text";

/**
 * The body a new article opens with: a "News" section and an empty
 * paragraph to write in. Headline and standfirst start empty (the editor
 * shows placeholders there).
 */
export const bodyTemplate = [
  { type: "heading", attrs: { level: 2 }, text: "News" },
  { type: "paragraph", attrs: {}, text: "" },
] as const;

/** Yjs client ids are 32-bit; FNV-1a of the template keeps the id tied to the content. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The client id the template is written under. Derived from the template,
 * so changing the template changes the id: two different templates never
 * claim the same Yjs ids. (A Yjs upgrade that changed how a fragment is
 * built would need the same care; bump the "v2" then.)
 */
export const templateClientId = fnv1a(`galley-template-v2:${JSON.stringify(bodyTemplate)}`);

let templateUpdate: Uint8Array | undefined;

/** The template as one Yjs update, identical byte for byte on every client. */
export function buildTemplateUpdate(): Uint8Array {
  if (templateUpdate) return templateUpdate;
  const seed = new Y.Doc();
  seed.clientID = templateClientId;
  const body = seed.getXmlFragment(articleFields.body);
  seed.transact(() => {
    body.insert(
      0,
      bodyTemplate.map((block) => {
        const element = new Y.XmlElement(block.type);
        for (const [key, value] of Object.entries(block.attrs)) element.setAttribute(key, value as unknown as string);
        // An empty block still gets its (empty) text: see text-anchors.ts for why.
        element.insert(0, [new Y.XmlText(block.text)]);
        return element;
      }),
    );
  });
  templateUpdate = Y.encodeStateAsUpdate(seed);
  seed.destroy();
  return templateUpdate;
}

/** Origin of the template transaction: not one of the user's own edits, so undo leaves it alone. */
export const templateOrigin = Symbol("galley-template");

/**
 * Gives an empty article its template. Call it once the document is synced
 * with the server (and with the browser's copy), and only for a user who may
 * edit.
 *
 * Why two first visitors do not get two templates: the template is always
 * the same Yjs update, written under one fixed client id with the same
 * clocks. If two clients both find the body empty and both apply it, the
 * second copy carries ids Yjs already has and is ignored, wherever it
 * arrives first. A client that already typed into the body sees it non-empty
 * and adds nothing.
 */
export function seedArticleTemplate(doc: Y.Doc): boolean {
  if (doc.getXmlFragment(articleFields.body).length > 0) return false;
  Y.applyUpdate(doc, buildTemplateUpdate(), templateOrigin);
  return true;
}
