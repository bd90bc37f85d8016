import * as Y from "yjs";
import { articleFields } from "../docs";
import { AppError } from "../errors";

/** Where a thread's passage is now: still in the text, deleted, or a thread on no passage at all. */
export type AnchorState = "attached" | "deleted" | "none";

export interface AnchorView {
  state: AnchorState;
  /** The passage's current text ("" when deleted or none). */
  text: string;
}

export interface StoredAnchor {
  /** base64 of Y.encodeRelativePosition. */
  start: string;
  end: string;
}

/** Stands for an embedded node inside a text, so indexes line up; never reported. */
const embedMark = "\uFFFC";

/** Decodes one stored position, or answers a 400 naming the field. */
export function decodeAnchorPosition(base64: string, field: string): Y.RelativePosition {
  try {
    const bytes = Buffer.from(base64, "base64");
    if (bytes.length === 0 || bytes.toString("base64") !== base64.replace(/\s/g, "")) throw new Error("not base64");
    return Y.decodeRelativePosition(new Uint8Array(bytes));
  } catch {
    throw new AppError("bad_request", "The anchor is not a Yjs relative position in base64.", field);
  }
}

export const encodeAnchorPosition = (position: Y.RelativePosition): string =>
  Buffer.from(Y.encodeRelativePosition(position)).toString("base64");

/**
 * The article's texts in reading order (headline, standfirst, then every text
 * node of the body), flattened into one string with "\n" between nodes, and
 * where each text starts in it. A position inside a text maps to
 * start + index, so a passage may span paragraphs.
 */
class FlatText {
  readonly starts = new Map<Y.AbstractType<unknown>, number>();
  text = "";

  constructor(doc: Y.Doc) {
    this.add(doc.getText(articleFields.headline));
    this.add(doc.getText(articleFields.standfirst));
    this.walk(doc.getXmlFragment(articleFields.body));
  }

  private walk(parent: Y.XmlFragment | Y.XmlElement): void {
    for (const child of parent.toArray()) {
      if (child instanceof Y.XmlText) this.add(child);
      else if (child instanceof Y.XmlElement) this.walk(child);
    }
  }

  private add(type: Y.Text | Y.XmlText): void {
    if (this.text.length > 0) this.text += "\n";
    this.starts.set(type as Y.AbstractType<unknown>, this.text.length);
    // toDelta, not toString: XmlText.toString renders marks as tags. Embeds count one index.
    for (const op of type.toDelta() as { insert?: unknown }[]) {
      this.text += typeof op.insert === "string" ? op.insert : embedMark;
    }
  }

  offsetOf(position: Y.RelativePosition, doc: Y.Doc): number | null {
    const absolute = Y.createAbsolutePositionFromRelativePosition(position, doc);
    if (!absolute) return null;
    const start = this.starts.get(absolute.type as Y.AbstractType<unknown>);
    // Not among the live texts: the paragraph or element holding it was deleted.
    return start === undefined ? null : start + absolute.index;
  }
}

/**
 * Resolves anchors against one document. Build it once per request and ask
 * for every thread: the document is flattened only once.
 */
export function createAnchorResolver(doc: Y.Doc) {
  let flat: FlatText | null = null;
  return (anchor: StoredAnchor | null): AnchorView => {
    if (!anchor) return { state: "none", text: "" };
    flat ??= new FlatText(doc);
    let start: number | null;
    let end: number | null;
    try {
      start = flat.offsetOf(Y.decodeRelativePosition(Buffer.from(anchor.start, "base64")), doc);
      end = flat.offsetOf(Y.decodeRelativePosition(Buffer.from(anchor.end, "base64")), doc);
    } catch {
      return { state: "deleted", text: "" };
    }
    // A collapsed range, or an end whose paragraph is gone: nothing of the passage is left to show.
    if (start === null || end === null || end <= start) return { state: "deleted", text: "" };
    const text = flat.text.slice(start, end).replaceAll(embedMark, "");
    return text.trim().length === 0 ? { state: "deleted", text: "" } : { state: "attached", text };
  };
}
