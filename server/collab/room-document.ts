import * as Y from "yjs";
import { encodeSyncStep2 } from "./messages";

/** What the document newly holds after a change, as Yjs encodes it, and who made it. */
export type UpdateListener = (update: Uint8Array, origin: unknown) => void;

/**
 * A room's document, cold until someone edits (stage 2, load, in README.md).
 * A freshly opened article is only its stored bytes: clients are answered
 * from them, and the Y.Doc is built on the first change, because building
 * the document of a long article takes tens of milliseconds that would hold
 * up every other client of the server. The answer to a client that holds
 * nothing is kept until the document changes.
 */
export class RoomDocument {
  private doc: Y.Doc | null = null;
  private storedState: Uint8Array | null = null;
  /** The stored state's state vector, read from its bytes while the document is not built. */
  private storedStateVector: Uint8Array | null = null;
  /** The sync step 2 for a client with an empty document. */
  private fullStateMessage: Uint8Array | null = null;

  /** `from`: a built document (the store had updates to apply), or the stored state alone. */
  constructor(
    from: Y.Doc | Uint8Array,
    private readonly onUpdate: UpdateListener,
  ) {
    if (from instanceof Y.Doc) this.attach(from);
    else this.storedState = from;
  }

  /** The document if it is built (null while only its stored bytes are loaded). */
  get built(): Y.Doc | null {
    return this.doc;
  }

  /** The document, built from the stored bytes on first need. */
  ensure(): Y.Doc {
    if (this.doc) return this.doc;
    const doc = new Y.Doc();
    if (this.storedState) Y.applyUpdate(doc, this.storedState);
    this.storedState = null;
    this.storedStateVector = null;
    this.attach(doc);
    return doc;
  }

  stateVector(): Uint8Array {
    return this.doc ? Y.encodeStateVector(this.doc) : (this.storedStateVector ??= Y.encodeStateVectorFromUpdate(this.storedState!));
  }

  /** The sync step 2 that gives a client holding `stateVector` what it lacks (throws on a malformed one). */
  syncStep2(stateVector: Uint8Array): Uint8Array {
    if (stateVector.length === 1 && stateVector[0] === 0) {
      return (this.fullStateMessage ??= encodeSyncStep2(this.storedState ?? Y.encodeStateAsUpdate(this.doc!)));
    }
    return encodeSyncStep2(this.doc ? Y.encodeStateAsUpdate(this.doc, stateVector) : Y.diffUpdate(this.storedState!, stateVector));
  }

  /**
   * Applies updates whose encoding is known already (another instance
   * relayed them as it stored them): the update listener is not told, so
   * Yjs does not encode them again (about half of what applying one costs).
   */
  applyKnown(updates: readonly Uint8Array[], origin: unknown): Y.Doc {
    const doc = this.ensure();
    doc.off("update", this.onUpdate);
    try {
      for (const update of updates) Y.applyUpdate(doc, update, origin);
    } finally {
      doc.on("update", this.onUpdate);
    }
    this.changed();
    return doc;
  }

  /** The document changed: the kept answer is stale. */
  changed(): void {
    this.fullStateMessage = null;
  }

  destroy(): void {
    this.doc?.destroy();
    this.doc = null;
    this.storedState = null;
    this.storedStateVector = null;
    this.fullStateMessage = null;
  }

  private attach(doc: Y.Doc): void {
    this.doc = doc;
    doc.on("update", this.onUpdate);
  }
}
