/**
 * Which of this browser's changes the server has stored, from the collab
 * server's "saved" acknowledgements (message type 8, varUint N: "the next N
 * update messages you sent are stored", counted per connection in the order
 * sent; only sync step 2 and update messages count).
 *
 * Every local change gets a sequence number. Each update message sent
 * records the last local change it covers: a step 2 carries everything the
 * server lacks, an update message the change just made (earlier ones went
 * out before it on the same socket or in its step 2). Acks arrive in order,
 * so an acknowledged message means every change up to its mark is stored.
 */
export class SaveTracker {
  private lastChange = 0;
  private lastSaved = 0;
  /** Per update message sent on the current socket and not yet acknowledged: the last change it covers. */
  private inFlight: number[] = [];
  private ackCount = 0;

  /** A change made here (not one received from the server). Call before the provider sends it. */
  recordLocalChange(): void {
    this.lastChange++;
  }

  /** An update message (sync step 2 or update) went out on the socket. */
  recordUpdateSent(): void {
    this.inFlight.push(this.lastChange);
  }

  /** The server stored the next `count` update messages of this socket. */
  recordSaved(count: number): void {
    for (let i = 0; i < count; i++) {
      const mark = this.inFlight.shift();
      if (mark === undefined) break;
      this.lastSaved = Math.max(this.lastSaved, mark);
    }
    this.ackCount += count;
  }

  /** The socket closed: what was in flight is not known to be stored and goes out again in the next step 2. */
  recordSocketClosed(): void {
    this.inFlight = [];
  }

  /** Changes made here that the server has not confirmed storing. */
  get pendingChanges(): number {
    return this.lastChange - this.lastSaved;
  }

  /** Whether the server ever confirmed a store on this page (a first sync with nothing new is confirmed too). */
  get hasSaved(): boolean {
    return this.ackCount > 0;
  }
}

/** Whether a y-websocket frame carries document content (sync step 2 or update), the messages acks count. */
export function isUpdateMessage(frame: ArrayBufferLike | ArrayBufferView | string | Blob): boolean {
  if (typeof frame === "string" || (typeof Blob !== "undefined" && frame instanceof Blob)) return false;
  const bytes = ArrayBuffer.isView(frame)
    ? new Uint8Array(frame.buffer, frame.byteOffset, Math.min(frame.byteLength, 2))
    : new Uint8Array(frame as ArrayBufferLike, 0, Math.min((frame as ArrayBufferLike).byteLength, 2));
  return bytes.length === 2 && bytes[0] === 0 && (bytes[1] === 1 || bytes[1] === 2);
}
