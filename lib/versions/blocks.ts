import * as Y from "yjs";
import { articleFields } from "../docs/text";
import { parseDirection, type TextDirection } from "../editor/direction";
import { directionOf, runsOf, textOfElement, textOfRuns, type Direction } from "./projection";

/** A text block of the body as a comparison reads it. */
export interface ReadBlock {
  /** "paragraph", "heading2", "heading3", or a paragraph's place: "quote", "bullet", "numbered". */
  type: string;
  dir: TextDirection;
  text: string;
}

/** Where a paragraph sits, named after its nearest container. */
const containerNames: Record<string, string> = { blockquote: "quote", bulletList: "bullet", orderedList: "numbered" };

function collect(element: Y.XmlElement, parent: Direction, container: string | null, out: ReadBlock[]): void {
  const attributes = element.getAttributes() as Record<string, unknown>;
  const override = parseDirection(attributes.dir);
  const children = element.toArray();
  if (children.length === 0 || children.some((child) => child instanceof Y.XmlText)) {
    const text = textOfRuns(runsOf(children));
    if (!text.trim()) return;
    const own = directionOf(element.nodeName, override, () => text, parent);
    const type = element.nodeName === "heading" ? `heading${String(attributes.level ?? 2)}` : (container ?? element.nodeName);
    out.push({ type, dir: own.dir, text });
    return;
  }
  const own = directionOf(element.nodeName, override, () => textOfElement(element), parent);
  const inner = containerNames[element.nodeName] ?? container;
  for (const child of children) if (child instanceof Y.XmlElement) collect(child, own, inner, out);
}

/** The body's text blocks in reading order, with their kind and direction. */
export function readBlocks(doc: Y.Doc): ReadBlock[] {
  const out: ReadBlock[] = [];
  for (const child of doc.getXmlFragment(articleFields.body).toArray()) {
    if (child instanceof Y.XmlElement) collect(child, { dir: "ltr", isFixed: false }, null, out);
  }
  return out;
}
