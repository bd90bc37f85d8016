import * as decoding from "lib0/decoding";
import WebSocket from "ws";
import * as Y from "yjs";
import { nowMs } from "../stats";
import { recordArrivals, type DocTracker, type LatencySink } from "./tracker";
import {
  decodeIncoming, encodeAwareness, encodeAwarenessState, encodeHocuspocusAuth, encodeSync, hocuspocusPong,
  messageAuth, messageAwareness, messageQueryAwareness, messageSaved, messageSync, messageSyncReply,
  syncStep1, syncStep2, syncUpdate, toBytes, type DocSpec, type Framing,
} from "./wire";

export interface EditingClientOptions {
  framing: Framing;
  spec: DocSpec;
  tracker: DocTracker;
  sink: LatencySink;
  name: string;
  /** Which of the document's instance URLs (spec.urls) to use; 0 when it has one. */
  instance?: number;
}

const letters = "abcdefghijklmnopqrstuvwxyz";

/**
 * A raw y-protocols client that behaves like a stock provider on the wire:
 * sync step 1 and its awareness state on open, step 2 in answer to the
 * server's step 1, one update message per local transaction. It types single
 * characters at random positions and timestamps each one for latency.
 */
export class EditingClient {
  readonly doc = new Y.Doc();
  readonly text = this.doc.getText("body");
  isSynced = false;
  isClosed = false;
  private ws: WebSocket | undefined;
  private readonly seen = new Map<number, number>();
  /** Send times of this connection's update messages not yet acknowledged (NaN: not an edit). */
  private readonly unacked: number[] = [];
  private unackedHead = 0;

  constructor(private readonly options: EditingClientOptions) {
    options.tracker.instanceOf.set(this.doc.clientID, options.instance ?? 0);
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === this) return;
      this.send(encodeSync(options.framing, options.spec.name, syncUpdate, update), this.lastEditAt());
    });
  }

  connect(timeoutMs: number): Promise<void> {
    const { framing, spec } = this.options;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`no sync within ${timeoutMs} ms`)), timeoutMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        this.close();
        reject(error);
      };
      const ws = new WebSocket(spec.urls?.[this.options.instance ?? 0] ?? spec.url, { handshakeTimeout: timeoutMs });
      this.ws = ws;
      ws.on("error", (error) => fail(error));
      ws.on("unexpected-response", (_req, res) => fail(new Error(`upgrade refused with ${res.statusCode}`)));
      ws.on("close", (code) => {
        this.isClosed = true;
        if (!this.isSynced) fail(new Error(`closed with ${code} before sync`));
      });
      ws.on("open", () => {
        if (framing === "hocuspocus") ws.send(encodeHocuspocusAuth(spec.name));
        ws.send(encodeSync(framing, spec.name, syncStep1, Y.encodeStateVector(this.doc)));
        ws.send(encodeAwareness(framing, spec.name, this.awarenessUpdate()));
      });
      ws.on("message", (data) => {
        try {
          if (this.handle(toBytes(data)) && !this.isSynced) {
            this.isSynced = true;
            clearTimeout(timer);
            resolve();
          }
        } catch (error) {
          fail(error as Error);
        }
      });
    });
  }

  /** Update messages sent and not yet acknowledged by the server. */
  get pendingAcks(): number {
    return this.unacked.length - this.unackedHead;
  }

  /** Types one character at a random position; its send time is recorded against its Yjs clock. */
  edit(): void {
    if (!this.isSynced || this.isClosed) return;
    const clock = Y.getState(this.doc.store, this.doc.clientID);
    this.options.tracker.record(this.doc.clientID, clock, nowMs());
    const position = Math.floor(Math.random() * (this.text.length + 1));
    this.text.insert(position, letters[Math.floor(Math.random() * letters.length)]!);
  }

  /** Writes text in one transaction (seeding a document's content). */
  write(content: string): void {
    this.text.insert(this.text.length, content);
  }

  close(): void {
    this.isClosed = true;
    this.ws?.terminate();
    this.doc.destroy();
  }

  /** True when this message completed the initial sync. */
  private handle(data: Uint8Array): boolean {
    const { framing, spec } = this.options;
    const incoming = decodeIncoming(framing, data);
    if (!incoming) {
      this.ws?.send(hocuspocusPong);
      return false;
    }
    const { type, decoder } = incoming;
    if (type === messageSync || type === messageSyncReply) {
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (step === syncStep1) {
        this.send(encodeSync(framing, spec.name, syncStep2, Y.encodeStateAsUpdate(this.doc, payload)), Number.NaN);
        return false;
      }
      recordArrivals(payload, this.doc.clientID, this.seen, this.options.tracker, this.options.sink, nowMs());
      // Applied as an editor would: a client that skipped them would insert against a stale view,
      // which makes every server's Yjs integration far costlier than real typing.
      Y.applyUpdate(this.doc, payload, this);
      return step === syncStep2;
    }
    if (type === messageSaved) {
      // Galley: varuint N updates stored; Hocuspocus SyncStatus: one update applied (varint 1).
      const count = framing === "hocuspocus" ? (decoding.readVarInt(decoder) === 1 ? 1 : 0) : decoding.readVarUint(decoder);
      this.acknowledge(count);
    } else if (type === messageQueryAwareness) {
      this.send(encodeAwareness(framing, spec.name, this.awarenessUpdate()));
    } else if (type === messageAuth && framing === "y-websocket") {
      throw new Error("permission denied by the server");
    } else if (type === messageAuth) {
      if (decoding.readVarUint(decoder) === 1) throw new Error("permission denied by the server");
    } else if (type !== messageAwareness) {
      throw new Error(`unexpected message type ${type}`);
    }
    return false;
  }

  /** updateAt: the edit time of an update message (NaN for a non-edit update); undefined for other messages. */
  private send(message: Uint8Array, updateAt?: number): void {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return;
    // Servers acknowledge update-carrying messages in order, so their send times queue here.
    if (updateAt !== undefined) this.unacked.push(updateAt);
    this.ws.send(message);
  }

  private lastEditAt(): number {
    const times = this.options.tracker.sentAt.get(this.doc.clientID);
    const clock = Y.getState(this.doc.store, this.doc.clientID) - 1;
    return times?.[clock] ?? Number.NaN;
  }

  private acknowledge(count: number): void {
    const now = nowMs();
    for (let i = 0; i < count && this.unackedHead < this.unacked.length; i++) {
      const at = this.unacked[this.unackedHead++]!;
      if (Number.isFinite(at) && this.options.sink.isInWindow(at)) this.options.sink.ackSamples.push(now - at);
    }
    if (this.unackedHead > 1024) {
      this.unacked.splice(0, this.unackedHead);
      this.unackedHead = 0;
    }
  }

  private awarenessUpdate(): Uint8Array {
    return encodeAwarenessState(this.doc.clientID, 1, { user: { name: this.options.name, color: "#3366cc" } });
  }
}
