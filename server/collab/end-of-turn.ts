import type { InsertedIds, UpdateWriter } from "../../lib/docs";
import type { Room } from "./room";

/**
 * Stage 4, commit (README.md), across rooms: at the end of each turn of the
 * event loop in which some room changed, every such room hands its turn to
 * the group commit, which then starts at once (one transaction for all of
 * them) instead of a trip around the event loop later.
 */
export class EndOfTurn {
  private dirty: Room[] = [];
  private isScheduled = false;

  constructor(
    private readonly writer: UpdateWriter,
    /** Yjs failed to merge what a room had accepted: that room cannot go on. */
    private readonly onRoomFailed: (room: Room, error: unknown) => void,
  ) {}

  /** Queues the update for this turn's group commit; settles once it is stored. */
  persist(articleId: string, update: Uint8Array): Promise<InsertedIds> {
    return this.writer.append(articleId, update);
  }

  /** Asks for room.endTurn() once this turn of the event loop is over. */
  markDirty(room: Room): void {
    if (room.isDirty) return;
    room.isDirty = true;
    this.dirty.push(room);
    if (!this.isScheduled) {
      this.isScheduled = true;
      setImmediate(this.run);
    }
  }

  /** Ends the turn now (shutdown, tests) instead of waiting for setImmediate. */
  now(): void {
    if (this.isScheduled) this.run();
  }

  private readonly run = (): void => {
    this.isScheduled = false;
    const rooms = this.dirty;
    this.dirty = [];
    for (const room of rooms) {
      try {
        room.endTurn();
      } catch (error) {
        room.isFailed = true;
        this.onRoomFailed(room, error);
      }
    }
    this.writer.flush();
  };
}
