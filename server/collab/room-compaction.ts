import type * as Y from "yjs";
import type { CompactionResult, LiveDocument, StoredDocument } from "../../lib/docs";

/**
 * A room's part in compaction (post-commit stage, README.md): which stored
 * rows its document holds, so a compaction from memory folds and deletes
 * exactly those, and an upper bound of the document's size for the size
 * cap. Kept beside the room, which tells it what was applied and stored.
 */
export class RoomCompaction {
  private uncompactedRows: number;
  /** Size of the stored state the document was loaded or last compacted from. */
  private baseBytes: number;
  /** Bytes of every change applied since load; and that count when the base was taken and compaction asked for. */
  private appliedBytes = 0;
  private appliedAtBase = 0;
  private appliedAtRequest = 0;
  /** Stored rows the document holds, oldest first. */
  private readonly heldIds: number[] = [];
  /** The snapshot the document holds: a compaction from memory writes only over it. */
  private snapshotRevision: number | null;
  private lastHeldIds: readonly number[] | undefined;

  constructor(stored: StoredDocument, heldIds: readonly number[]) {
    this.uncompactedRows = stored.updates.length;
    this.snapshotRevision = stored.snapshot?.revision ?? null;
    this.baseBytes = (stored.snapshot?.state.length ?? 0) + stored.updates.reduce((n, u) => n + u.data.length, 0);
    this.heldIds.push(...heldIds);
  }

  /** Stored update rows not yet folded into the snapshot. */
  get uncompacted(): number {
    return this.uncompactedRows;
  }

  /** An upper bound of the document's encoded size (changes only add until a compaction). */
  get estimatedBytes(): number {
    return this.baseBytes + this.appliedBytes - this.appliedAtBase;
  }

  /** A change of this many bytes was applied to the document. */
  applied(bytes: number): void {
    this.appliedBytes += bytes;
  }

  /** `count` changes were stored as rows `ids` (a commit of two turns shares its ids: they are held once). */
  stored(count: number, ids: readonly number[] | undefined): void {
    if (ids && ids !== this.lastHeldIds) this.heldIds.push(...ids);
    this.lastHeldIds = ids ?? this.lastHeldIds;
    this.uncompactedRows += count;
  }

  /**
   * The document for compaction from memory, or null (not built yet): compact
   * from the store. Rows others stored (relayed, caught up) are not held:
   * they are folded by whoever holds them, or from the store. `applyState`
   * puts a snapshot written by someone else into the document.
   */
  live(doc: Y.Doc | null, applyState: (state: Uint8Array) => void): LiveDocument | null {
    if (!doc) return null;
    const absorb = (state: Uint8Array, revision: number) => {
      applyState(state);
      this.snapshotRevision = revision;
    };
    return { doc, heldIds: this.heldIds, snapshotRevision: this.snapshotRevision, onFolded: this.onFolded, absorb };
  }

  requested(): void {
    this.appliedAtRequest = this.appliedBytes;
  }

  /** A compaction folded `rows` into a state of `stateBytes`; what was applied since it was asked for comes on top. */
  compacted(rows: number, stateBytes: number): void {
    this.uncompactedRows = Math.max(0, this.uncompactedRows - rows);
    this.baseBytes = stateBytes;
    this.appliedAtBase = this.appliedAtRequest;
  }

  private readonly onFolded = (result: CompactionResult): void => {
    // Rows stored meanwhile were appended after the ones folded, which were the first `folded`.
    this.heldIds.splice(0, result.folded);
    if (result.revision !== undefined) this.snapshotRevision = result.revision;
  };
}
