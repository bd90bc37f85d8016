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
  private snapshotThroughId: number | null;
  private lastHeldIds: readonly number[] | undefined;
  /** Off once the store was compacted under this room by someone else: its row bookkeeping may be stale. */
  private isLiveOn = true;

  constructor(stored: StoredDocument, heldIds: readonly number[]) {
    this.uncompactedRows = stored.updates.length;
    this.snapshotThroughId = stored.snapshot?.throughId ?? null;
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
    if (ids && ids !== this.lastHeldIds && this.isLiveOn) this.heldIds.push(...ids);
    this.lastHeldIds = ids ?? this.lastHeldIds;
    this.uncompactedRows += count;
  }

  /** The document for compaction from memory, or null: compact from the store. */
  live(doc: Y.Doc | null): LiveDocument | null {
    if (!doc || !this.isLiveOn) return null;
    return { doc, heldIds: this.heldIds, snapshotThroughId: this.snapshotThroughId, onFolded: this.onFolded };
  }

  /** Others wrote rows this room does not hold (a compaction from the store, or another instance): only the store sees them all. */
  stopLive(): void {
    this.isLiveOn = false;
    this.heldIds.length = 0;
  }

  get isLive(): boolean {
    return this.isLiveOn;
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
    if (result.throughId !== undefined) this.snapshotThroughId = result.throughId;
  };
}
