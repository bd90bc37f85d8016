import { IndexeddbPersistence, PREFERRED_TRIM_SIZE, storeState } from "y-indexeddb";
import type * as Y from "yjs";
import { afterNextPaint, UpdateWriteQueue } from "@/lib/editor/update-write-queue";

/**
 * y-indexeddb's copy of the document, written after the frame instead of
 * inside every document update. The stock persistence opens an IndexedDB
 * transaction in each update, local keystroke and remote change alike, on
 * the way to that change's frame; here the updates of a frame go out merged,
 * in one transaction, once the frame is painted. Reading the copy back,
 * compacting it (storeState) and deleting it stay y-indexeddb's own.
 *
 * Nothing is lost to a reload, offline or not: the page's pagehide, and
 * visibilitychange to hidden before it, start the waiting write at once and
 * commit it explicitly, which IndexedDB completes after the page is gone
 * (a transaction left to commit itself is aborted with the page).
 */
export class DeferredIndexeddbPersistence extends IndexeddbPersistence {
  private readonly queue: UpdateWriteQueue;
  /** clearData() destroys, and so does the session after it: the second time must find nothing to write. */
  private isDestroyed = false;

  constructor(name: string, doc: Y.Doc) {
    super(name, doc);
    this.queue = new UpdateWriteQueue((update) => this.writeUpdate(update), afterNextPaint);
    // The stock listener was registered by the constructor: swap it for one that queues, same conditions.
    doc.off("update", this._storeUpdate);
    this._storeUpdate = (update: Uint8Array, origin: unknown) => {
      // Before the database opens, nothing is lost either: y-indexeddb then stores the whole document.
      if (this.db && origin !== this && !this.isDestroyed) this.queue.push(update);
    };
    doc.on("update", this._storeUpdate);
    window.addEventListener("pagehide", this.queue.flush);
    document.addEventListener("visibilitychange", this.onVisibilityChange);
  }

  override destroy(): Promise<void> {
    if (this.isDestroyed) return Promise.resolve();
    this.isDestroyed = true;
    window.removeEventListener("pagehide", this.queue.flush);
    document.removeEventListener("visibilitychange", this.onVisibilityChange);
    // Before y-indexeddb closes the database: it closes once this transaction is done.
    this.queue.flush();
    return super.destroy();
  }

  private onVisibilityChange = () => {
    if (document.visibilityState === "hidden") this.queue.flush();
  };

  /** What y-indexeddb's own update listener does, for a merged update. */
  private writeUpdate(update: Uint8Array): void {
    const transaction = this.db!.transaction("updates", "readwrite");
    const request = transaction.objectStore("updates").add(update);
    request.onerror = () => console.error(`Could not keep a change in this browser's copy (${this.name})`, request.error);
    // Commit now rather than when this page hears the add succeed: on pagehide it never would, and the unload
    // would abort the transaction.
    transaction.commit?.();
    if (++this._dbsize < PREFERRED_TRIM_SIZE) return;
    // Compact into one update once the store holds many, debounced as y-indexeddb does.
    if (this._storeTimeoutId !== null) clearTimeout(this._storeTimeoutId);
    this._storeTimeoutId = setTimeout(() => {
      void storeState(this, false);
      this._storeTimeoutId = null;
    }, this._storeTimeout);
  }
}
