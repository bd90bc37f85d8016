import type { RefusalReason } from "../metrics";
import type { Connection } from "./connection";
import type { CollabLimits } from "./limits";
import type { RoomRegistry } from "./room-registry";

/** A client that never sends its own sync step 1 still gets the server's after this long. */
const serverStep1FallbackMs = 1000;

/**
 * One timer for every connection (none per connection, to keep idle ones
 * cheap): heartbeats, slow readers, awareness states nobody renewed, and the
 * server's sync step 1 for clients that never asked for the document.
 */
export class Housekeeping {
  private readonly timer: NodeJS.Timeout;
  private lastHeartbeatAt = Date.now();

  constructor(
    private readonly rooms: RoomRegistry,
    private readonly limits: CollabLimits,
    private readonly drop: (conn: Connection, reason: RefusalReason) => void,
  ) {
    // Often enough to honour the smallest configured timeout (tests set small ones).
    const intervalMs = Math.max(20, Math.min(1000, limits.slowReaderTimeoutMs / 4, limits.heartbeatMs / 2));
    this.timer = setInterval(() => this.run(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private run(): void {
    const now = Date.now();
    const isHeartbeat = now - this.lastHeartbeatAt >= this.limits.heartbeatMs;
    if (isHeartbeat) this.lastHeartbeatAt = now;
    for (const room of this.rooms.loaded()) {
      room.awareness.sweep(now);
      if (room.awareness.hasChanges) this.rooms.markDirty(room);
      for (const conn of room.conns) {
        if (conn.isClosed) continue;
        if (conn.isStalled(now, this.limits.slowReaderTimeoutMs)) {
          this.drop(conn, "slow_reader");
        } else if (isHeartbeat && !conn.isAlive) {
          this.drop(conn, "heartbeat_timeout");
        } else if (isHeartbeat) {
          conn.isAlive = false;
          conn.ws.ping();
        } else if (conn.isServerStep1Due && now - conn.openedAt > serverStep1FallbackMs) {
          room.requestClientState(conn);
        }
      }
    }
  }
}
