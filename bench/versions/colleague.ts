/** A colleague with the article open: a stock y-websocket client, as in the collab server's own tests. */
import { WebsocketProvider } from "y-websocket";
import WebSocket from "ws";
import * as Y from "yjs";
import { projectArticle, readerText } from "@/lib/versions";

export class Colleague {
  readonly doc = new Y.Doc();
  private readonly provider: WebsocketProvider;

  constructor(origin: string, articleId: string, token: string) {
    this.provider = new WebsocketProvider(`${origin.replace(/^http/, "ws")}/collab`, articleId, this.doc, {
      params: { token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
  }

  whenSynced(timeoutMs = 20_000): Promise<void> {
    if (this.provider.synced) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the colleague did not sync within ${timeoutMs} ms`)), timeoutMs);
      this.provider.once("sync", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Resolves once this copy reads as `text` (headline, standfirst and body, as versions keep it). */
  whenReads(text: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (readerText(projectArticle(this.doc)) !== text) return;
        clearTimeout(timer);
        this.doc.off("update", check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.doc.off("update", check);
        reject(new Error(`the colleague's copy did not read as the restored version within ${timeoutMs} ms`));
      }, timeoutMs);
      this.doc.on("update", check);
    });
  }

  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}
