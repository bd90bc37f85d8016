import * as Y from "yjs";
import { applyAndCheckSuggestion, copyDocument } from "../../lib/suggestions/check";

/**
 * The apply stage's check for suggesters (README: "Read-only on the
 * server"): a shadow copy of the room's document that a suggester's update
 * is tried on first (lib/suggestions/check.ts). It exists only while a
 * suggester sends changes; it catches up with the document on each check
 * (only what it lacks), so no other client's update pays for it; after a
 * refusal it is thrown away, since it then holds the refused change.
 */
export class SuggestionGuard {
  private shadow: Y.Doc | null = null;

  /** Null when every change in `update` is `userId`'s own suggestion; otherwise why not. */
  check(doc: Y.Doc, update: Uint8Array, userId: string): string | null {
    if (this.shadow) Y.applyUpdate(this.shadow, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(this.shadow)));
    else this.shadow = copyDocument(doc);
    const refusal = applyAndCheckSuggestion(doc, this.shadow, update, userId);
    if (refusal) this.release();
    return refusal;
  }

  /** Frees the copy (the last suggester left, or the room unloads). */
  release(): void {
    this.shadow?.destroy();
    this.shadow = null;
  }
}
