import * as decoding from "lib0/decoding";
import WebSocket from "ws";
import {
  decodeIncoming, emptyStateVector, emptyUpdate, encodeAwareness, encodeAwarenessState, encodeHocuspocusAuth,
  encodeSync, hocuspocusPong, messageAuth, messageQueryAwareness, messageSync, messageSyncReply,
  syncStep1, syncStep2, toBytes, type DocSpec, type Framing,
} from "./wire";

let nextClientId = 1;

/**
 * An idle editor tab at the lowest client cost: it syncs like a provider
 * (step 1, awareness with a user name, step 2 in answer) but keeps no Y.Doc,
 * so one load worker can hold thousands. Resolves once the server's step 2
 * has arrived; `isOpen` says whether the server still holds it.
 */
export class IdleClient {
  isOpen = false;
  private ws: WebSocket | undefined;
  private readonly clientId = (process.pid * 100_000 + nextClientId++) % 0x7fffffff;

  constructor(private readonly framing: Framing, private readonly spec: DocSpec) {}

  connect(timeoutMs: number): Promise<void> {
    const { framing, spec } = this;
    return new Promise((resolve, reject) => {
      let isSynced = false;
      const fail = (error: Error) => {
        clearTimeout(timer);
        this.close();
        if (!isSynced) reject(error);
      };
      const timer = setTimeout(() => fail(new Error(`no sync within ${timeoutMs} ms`)), timeoutMs);
      const ws = new WebSocket(spec.url, { handshakeTimeout: timeoutMs });
      this.ws = ws;
      ws.on("error", (error) => fail(error));
      ws.on("unexpected-response", (_req, res) => fail(new Error(`upgrade refused with ${res.statusCode}`)));
      ws.on("close", (code) => {
        this.isOpen = false;
        if (!isSynced) fail(new Error(`closed with ${code} before sync`));
      });
      ws.on("open", () => {
        if (framing === "hocuspocus") ws.send(encodeHocuspocusAuth(spec.name));
        ws.send(encodeSync(framing, spec.name, syncStep1, emptyStateVector));
        ws.send(encodeAwareness(framing, spec.name, encodeAwarenessState(this.clientId, 1, { user: { name: `idle ${this.clientId}` } })));
      });
      ws.on("message", (data) => {
        const incoming = decodeIncoming(framing, toBytes(data));
        if (!incoming) return void ws.send(hocuspocusPong);
        const { type, decoder } = incoming;
        if (type === messageAuth && (framing === "y-websocket" || decoding.readVarUint(decoder) === 1)) {
          return fail(new Error("permission denied"));
        }
        if (type === messageQueryAwareness) {
          ws.send(encodeAwareness(framing, spec.name, encodeAwarenessState(this.clientId, 1, { user: { name: `idle ${this.clientId}` } })));
        }
        if (type !== messageSync && type !== messageSyncReply) return;
        const step = decoding.readVarUint(decoder);
        if (step === syncStep1) ws.send(encodeSync(framing, spec.name, syncStep2, emptyUpdate));
        if (step === syncStep2 && !isSynced) {
          isSynced = true;
          this.isOpen = true;
          clearTimeout(timer);
          resolve();
        }
      });
    });
  }

  close(): void {
    this.isOpen = false;
    this.ws?.terminate();
  }
}
