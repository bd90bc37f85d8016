import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { messageYjsSyncStep2, messageYjsUpdate } from "y-protocols/sync";
import { messageSync } from "y-websocket";
import * as Y from "yjs";
import { earlySocketGlobal } from "./early-socket-script";

/** What the page's inline script left behind (early-socket-script.ts). */
interface EarlySocket {
  url: string;
  socket: WebSocket;
  /** Messages that arrived before the provider took the socket over, in order. */
  messages: MessageEvent[];
  close: CloseEvent | null;
}

declare global {
  interface Window {
    [earlySocketGlobal]?: EarlySocket;
  }
}

type SendData = ArrayBufferLike | ArrayBufferView | string | Blob;

/** The page's early socket to `url`, once: a later connection (a reconnect, another article) opens its own. */
function takeEarlySocket(url: string): EarlySocket | null {
  const early = typeof window === "undefined" ? undefined : window[earlySocketGlobal];
  if (!early || early.url !== url) return null;
  delete window[earlySocketGlobal];
  return early;
}


/** The update a sync message carries (step 2 or update), or null for any other message. */
function updateIn(message: MessageEvent): { kind: number; update: Uint8Array } | null {
  if (!(message.data instanceof ArrayBuffer)) return null;
  const decoder = decoding.createDecoder(new Uint8Array(message.data));
  if (decoding.readVarUint(decoder) !== messageSync) return null;
  const kind = decoding.readVarUint(decoder);
  if (kind !== messageYjsSyncStep2 && kind !== messageYjsUpdate) return null;
  return { kind, update: decoding.readVarUint8Array(decoder) };
}

/** A Yjs update with no structs and no deletions (what Y.encodeStateAsUpdate gives for an empty doc). */
const emptyUpdate = new Uint8Array([0, 0]);

/** The same kind of sync message carrying an empty update: step 2 still marks the provider synced. */
function emptyUpdateMessage(kind: number): MessageEvent {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSync);
  encoding.writeVarUint(encoder, kind);
  encoding.writeVarUint8Array(encoder, emptyUpdate);
  return new MessageEvent("message", { data: encoding.toUint8Array(encoder).buffer });
}

/**
 * Applies the document the early socket to `url` has already received to
 * `doc`, and leaves an empty update in each such message's place, so the
 * provider that adopts the socket still sees its sync step 2 without
 * decoding the article again. For a doc nothing listens to yet: Yjs encodes
 * each change once more for its "update" listeners (≈ 60 ms for a
 * 20,000-word article), and none of them (the provider, the browser copy,
 * the save tracker) has a use for the server's own copy.
 */
export function applyEarlyDocument(url: string, doc: Y.Doc): void {
  const early = typeof window === "undefined" ? undefined : window[earlySocketGlobal];
  if (!early || early.url !== url) return;
  early.messages = early.messages.map((message) => {
    try {
      const carried = updateIn(message);
      if (!carried) return message;
      Y.applyUpdate(doc, carried.update, earlySocketGlobal);
      return emptyUpdateMessage(carried.kind);
    } catch (error) {
      // Unreadable here: the provider reads it as it would have, and reports it its own way.
      console.error("Could not apply a message from the early collab socket", error);
      return message;
    }
  });
}

/**
 * A WebSocket constructor for the provider (its WebSocketPolyfill option):
 * the page's early socket when it was opened to the same URL, else `Open`.
 * `onSend` sees every frame the adopted socket sends (`Open` sees its own).
 */
export function adoptingWebSocket(Open: typeof WebSocket, onSend: (data: SendData) => void = () => {}): typeof WebSocket {
  function GalleyWebSocket(url: string, protocols?: string | string[]) {
    const early = takeEarlySocket(url);
    return early ? new AdoptedWebSocket(early, onSend) : new Open(url, protocols);
  }
  // Called with `new`: an object returned from a constructor is what `new` gives.
  return GalleyWebSocket as unknown as typeof WebSocket;
}

type Handler<E> = ((event: E) => void) | null;

/**
 * The early socket as the stock y-websocket provider drives a WebSocket: it
 * sets the on* handlers right after construction, so what the socket heard
 * before is handed over in the next microtask, in order. The messages first
 * and "open" after them: the provider answers "open" with its own sync
 * step 1, and once the early reply is in, that asks the server for nothing.
 */
class AdoptedWebSocket {
  // The standard's numbers, spelled out: Node (the tests) has no global WebSocket to read them from.
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  onopen: Handler<Event> = null;
  onmessage: Handler<MessageEvent> = null;
  onclose: Handler<CloseEvent> = null;
  onerror: Handler<Event> = null;
  private readonly socket: WebSocket;

  constructor(
    early: EarlySocket,
    private readonly onSend: (data: SendData) => void,
  ) {
    const { socket } = early;
    this.socket = socket;
    socket.onmessage = (event) => this.onmessage?.(event);
    socket.onerror = (event) => this.onerror?.(event);
    socket.onclose = (event) => this.onclose?.(event);
    socket.onopen = (event) => this.onopen?.(event);
    queueMicrotask(() => {
      for (const message of early.messages) this.onmessage?.(message);
      early.messages = [];
      if (early.close) this.onclose?.(early.close);
      else if (socket.readyState === this.OPEN) this.onopen?.(new Event("open"));
      // Still connecting: the socket's own "open" reaches the provider above, which sends its step 1 itself.
    });
  }

  get readyState(): number {
    return this.socket.readyState;
  }

  get binaryType(): BinaryType {
    return this.socket.binaryType;
  }

  set binaryType(type: BinaryType) {
    this.socket.binaryType = type;
  }

  send(data: SendData): void {
    this.onSend(data);
    this.socket.send(data as ArrayBufferView<ArrayBuffer>);
  }

  close(code?: number, reason?: string): void {
    this.socket.close(code, reason);
  }
}
