import type { Duplex } from "node:stream";
import { WebSocket } from "ws";
import type { RefusalReason } from "../metrics";
import type { AwarenessPeer } from "./awareness";
import { frameSaved } from "./messages";
import type { Room } from "./room";

/** Frames written together are copied into one buffer up to this size. */
const copyFramesUpTo = 16 * 1024;

/**
 * How long a "saved" message may wait for other news to the same client.
 * A client in a busy document receives others' edits every few dozen
 * milliseconds and its "saved" rides along in that write; a socket write of
 * its own costs about as much as relaying an edit. A writer alone hears it
 * this much later, well under what a person notices of a "Saved" label.
 */
export const savedDelayMs = 100;

/** Connections owed a "saved" message that nothing else has carried yet; told together. */
const owing = new Set<Connection>();
let owingTimer: NodeJS.Timeout | null = null;

function tellOwing(): void {
  owingTimer = null;
  for (const conn of owing) conn.flushSaved();
  owing.clear();
}

export interface ConnectionUser {
  readonly id: string;
  name: string;
  /** users.token_version when the connection was authenticated: a reset or disable bumps it. */
  readonly tokenVersion: number;
}

/**
 * One open collaboration socket: who is on it, what they may do, and the
 * little bookkeeping its limits need. Kept small on purpose: an idle
 * connection should cost a few kilobytes, most of them the socket's own.
 */
export class Connection implements AwarenessPeer {
  readonly clientIds: number[] = [];
  readonly openedAt = Date.now();
  isClosed = false;
  /** Cleared by each heartbeat, set again by any pong or message. */
  isAlive = true;
  /** Waiting to be sent the server's sync step 1 (deferred while the document is not built yet). */
  isServerStep1Due = false;
  private hasBeenToldReadOnly = false;
  private loggedRefusals: RefusalReason[] | null = null;
  private rateWindowStart = 0;
  private rateWindowCount = 0;
  /** Frame bytes handed to the socket, for telling a slow reader from a busy one. */
  private sentBytes = 0;
  private deliveredBytes = 0;
  private progressAt = Date.now();
  /** Stored updates of this client it has not been told of yet (see savedDelayMs). */
  private owedSaved = 0;

  constructor(
    /** Names this connection in every log line about it, from its upgrade on. */
    readonly id: string,
    readonly ws: WebSocket,
    /** The upgraded TCP socket under `ws`, for frames built once and written to many sockets. */
    private readonly socket: Duplex,
    readonly room: Room,
    readonly user: ConnectionUser,
    /** Whether lib/policy lets this user edit the article (re-evaluated on access changes). */
    public isWritable: boolean,
    /** Whether, not allowed to edit, this user may suggest: each update is then checked before it is applied. */
    public canSuggest: boolean,
    /** Opened with `?saved=1`: wants message type 8 after its updates are stored. */
    readonly hasAskedForSaved: boolean,
    /** Opened with `?events=1`: wants message type 9 (article events); stock providers would log it as unknown. */
    readonly hasAskedForEvents: boolean,
  ) {}

  /** Whether this client's changes may reach the document at all (as edits, or as suggestions once checked). */
  get mayChange(): boolean {
    return this.isWritable || this.canSuggest;
  }

  send(message: Uint8Array): void {
    if (this.isClosed || this.ws.readyState !== WebSocket.OPEN) return;
    const length = message.length;
    this.sentBytes += length + (length < 126 ? 2 : length < 65_536 ? 4 : 10);
    this.ws.send(message);
  }

  /**
   * Writes a complete websocket frame (built once for every recipient of a
   * broadcast) straight to the socket, skipping ws's per-send framing. Safe
   * because ws, without compression, writes each of its own frames whole and
   * at once, so frames never interleave.
   */
  sendFrame(frame: Buffer): void {
    if (this.owedSaved > 0) return this.sendFrames([frame]);
    if (this.isClosed || this.ws.readyState !== WebSocket.OPEN) return;
    this.sentBytes += frame.length;
    this.socket.write(frame);
  }

  /**
   * Several prepared frames in one write, with the "saved" message this
   * client is owed. Small ones are copied into one buffer: a single write
   * costs less than corking them into a writev.
   */
  sendFrames(frames: readonly Buffer[]): void {
    if (this.isClosed || this.ws.readyState !== WebSocket.OPEN) return;
    if (this.owedSaved > 0) {
      frames = [...frames, frameSaved(this.owedSaved)];
      this.owedSaved = 0;
      owing.delete(this);
    }
    if (frames.length === 1) {
      this.sentBytes += frames[0]!.length;
      this.socket.write(frames[0]!);
      return;
    }
    let total = 0;
    for (const frame of frames) total += frame.length;
    this.sentBytes += total;
    if (total <= copyFramesUpTo) {
      this.socket.write(Buffer.concat(frames, total));
      return;
    }
    this.socket.cork();
    for (const frame of frames) this.socket.write(frame);
    this.socket.uncork();
  }

  /** Counts `count` of this client's updates as stored; it is told with its next frame, or after savedDelayMs. */
  oweSaved(count: number): void {
    if (!this.hasAskedForSaved || count <= 0) return;
    this.owedSaved += count;
    owing.add(this);
    owingTimer ??= setTimeout(tellOwing, savedDelayMs).unref();
  }

  /** Tells the client now of every stored update it has not heard of. */
  flushSaved(): void {
    if (this.owedSaved > 0) this.sendFrames([]);
  }

  close(code: number, reason: string): void {
    if (this.isClosed) return;
    // A client told to reconnect (1012) must not resend what is already stored.
    this.flushSaved();
    this.isClosed = true;
    // A close reason may not exceed 123 bytes; ours are short ASCII, this only guards the rule.
    this.ws.close(code, reason.slice(0, 120));
  }

  /** Drops the socket without a closing handshake (for peers that stopped reading or answering). */
  terminate(): void {
    this.isClosed = true;
    this.ws.terminate();
  }

  /** Counts a message against the per-second limit; true once it is exceeded. */
  isOverRate(now: number, maxPerSecond: number): boolean {
    if (now - this.rateWindowStart >= 1000) {
      this.rateWindowStart = now;
      this.rateWindowCount = 0;
    }
    return ++this.rateWindowCount > maxPerSecond;
  }

  /**
   * True when the socket has had data waiting for `timeoutMs` without any of
   * it draining. Judged by progress, not by size, so a client slowly
   * receiving a large document is never mistaken for one that stopped reading.
   */
  isStalled(now: number, timeoutMs: number): boolean {
    const buffered = this.ws.bufferedAmount;
    const delivered = this.sentBytes - buffered;
    if (buffered === 0 || delivered > this.deliveredBytes) {
      this.deliveredBytes = delivered;
      this.progressAt = now;
      return false;
    }
    return now - this.progressAt > timeoutMs;
  }

  /** Once per connection a read-only client hears why its edits go nowhere. */
  shouldTellReadOnly(): boolean {
    if (this.hasBeenToldReadOnly) return false;
    this.hasBeenToldReadOnly = true;
    return true;
  }

  /** Logs the first refusal of each kind per connection; the metric counts them all. */
  isFirstRefusal(reason: RefusalReason): boolean {
    this.loggedRefusals ??= [];
    if (this.loggedRefusals.includes(reason)) return false;
    this.loggedRefusals.push(reason);
    return true;
  }

  /** A permission change made this connection writable again: it may be told read-only anew. */
  resetReadOnlyNotice(): void {
    this.hasBeenToldReadOnly = false;
  }
}
