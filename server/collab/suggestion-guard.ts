import * as Y from "yjs";
import { applyAndCheckSuggestion, copyDocument } from "../../lib/suggestions/check";

/** Others' updates kept for the next check; past this many, the copy catches up by state vector instead. */
const maxMissed = 2000;

/**
 * The apply stage's check for suggesters (README: "Read-only on the
 * server"): a shadow copy of the room's document that a suggester's update
 * is tried on first (lib/suggestions/check.ts). It exists only while a
 * suggester sends changes. Meanwhile it keeps the room's updates as they
 * happen (a reference each: the room encodes them anyway) and applies them
 * at the next check, which costs what changed rather than a state-vector
 * diff of the whole document and its deletions; after a refusal it is
 * thrown away, since it then holds the refused change.
 */
export class SuggestionGuard {
  private shadow: Y.Doc | null = null;
  private watched: Y.Doc | null = null;
  private missed: Uint8Array[] = [];
  private isBehind = false;

  private readonly onUpdate = (update: Uint8Array) => {
    if (this.isBehind) return;
    if (this.missed.push(update) > maxMissed) {
      this.missed = [];
      this.isBehind = true;
    }
  };

  /** Null when every change in `update` is `userId`'s own suggestion; otherwise why not. */
  check(doc: Y.Doc, update: Uint8Array, userId: string): string | null {
    if (this.shadow && this.watched === doc) this.catchUp(doc, this.shadow);
    else this.start(doc);
    const refusal = applyAndCheckSuggestion(doc, this.shadow!, update, userId);
    if (refusal) this.release();
    return refusal;
  }

  /** Frees the copy (the last suggester left, or the room unloads). */
  release(): void {
    this.watched?.off("update", this.onUpdate);
    this.watched = null;
    this.shadow?.destroy();
    this.shadow = null;
    this.missed = [];
    this.isBehind = false;
  }

  private start(doc: Y.Doc): void {
    this.release();
    this.shadow = copyDocument(doc);
    this.watched = doc;
    doc.on("update", this.onUpdate);
  }

  private catchUp(doc: Y.Doc, shadow: Y.Doc): void {
    if (this.isBehind) Y.applyUpdate(shadow, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(shadow)));
    else for (const update of this.missed) Y.applyUpdate(shadow, update);
    this.missed = [];
    this.isBehind = false;
  }
}
