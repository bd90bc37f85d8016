/**
 * The ten other people in the article, as Node y-websocket clients rather
 * than browser pages: on two cores, ten more Chromium renderers would measure
 * the machine's contention, not the editor. Each one types into its own
 * paragraph at a steady human pace (a character every ~200 ms, jittered) and
 * moves its caret with the text, as a browser client would announce it.
 */
import { WebsocketProvider } from "y-websocket";
import WebSocket from "ws";
import * as Y from "yjs";
import { articleFields } from "@/lib/docs/text";

export interface CollaboratorOptions {
  origin: string;
  articleId: string;
  token: string;
  name: string;
  color: string;
  /** Which top-level paragraph of the body this person types into. */
  paragraphIndex: number;
  intervalMs: number;
}

const letters = "the harbour council said costs would rise again ";

export class Collaborator {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private typed = 0;
  /** Keystrokes this client sent. */
  sent = 0;

  constructor(private readonly options: CollaboratorOptions) {
    this.provider = new WebsocketProvider(`${options.origin}/collab`, options.articleId, this.doc, {
      params: { token: options.token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    // The server refuses awareness states a connection does not own; the stock provider echoes everyone's.
    const { awareness } = this.provider;
    const send = this.provider._awarenessUpdateHandler;
    awareness.off("update", send);
    awareness.on("update", (changes: unknown, origin: unknown) => {
      if (origin !== this.provider && origin !== "timeout") send(changes as never, origin);
    });
    awareness.setLocalStateField("user", { name: options.name, color: options.color, isViewOnly: false });
  }

  whenSynced(timeoutMs = 20_000): Promise<void> {
    if (this.provider.synced) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.options.name} did not sync within ${timeoutMs} ms`)), timeoutMs);
      this.provider.once("sync", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** The Y.XmlText of this person's paragraph (a paragraph's only child until marks split it). */
  private target(): Y.XmlText {
    const body = this.doc.getXmlFragment(articleFields.body);
    const paragraphs = body.toArray().filter((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === "paragraph");
    const paragraph = paragraphs[this.options.paragraphIndex % paragraphs.length]!;
    const texts = paragraph.toArray().filter((node): node is Y.XmlText => node instanceof Y.XmlText);
    return texts.at(-1)!;
  }

  private typeOne = () => {
    const text = this.target();
    const at = text.length;
    text.insert(at, letters[this.typed++ % letters.length]!);
    this.sent++;
    const caret = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, at + 1));
    this.provider.awareness.setLocalStateField("cursor", { anchor: caret, head: caret });
    const jitter = this.options.intervalMs * (0.5 + Math.random());
    this.timer = setTimeout(this.typeOne, jitter);
  };

  start(): void {
    if (!this.timer) this.timer = setTimeout(this.typeOne, Math.random() * this.options.intervalMs);
  }

  pause(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  destroy(): void {
    this.pause();
    this.provider.destroy();
    this.doc.destroy();
  }
}
