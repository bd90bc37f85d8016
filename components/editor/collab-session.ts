import * as authProtocol from "y-protocols/auth";
import * as decoding from "lib0/decoding";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { messageType } from "@/lib/collab-protocol";
import { refusedChangesReason } from "@/lib/docs/denial-reasons";
import { describeConnection, type ConnectionFacts, type ConnectionStatus } from "@/lib/editor/connection-status";
import { isUpdateMessage, SaveTracker } from "@/lib/editor/save-tracker";
import { seedArticleTemplate } from "@/lib/editor/template";
import { notificationEventName } from "../notifications/notification-events";
import { articleChangedEventName } from "./article-events";
import { DeferredIndexeddbPersistence } from "./deferred-indexeddb-persistence";
import { adoptingWebSocket, applyEarlyDocument } from "./early-socket";
import { collabQuery } from "./early-socket-script";


/** What the collab server tells an open article besides the document: ids only, the UI refetches. */
export type ArticleEvent =
  | { type: "comment.changed"; articleId: string; commentId: string; threadId: string }
  | { type: "notification.created"; userId: string }
  | { type: "article.changed"; articleId: string };

export interface CollabSessionOptions {
  articleId: string;
  userId: string;
  /** The user may change the text (policy's article:edit); the server enforces it regardless. */
  canEdit: boolean;
  /** The user may suggest changes (policy's article:suggest): without edit, each update is checked as a suggestion. */
  canSuggest?: boolean;
  /** ws(s)://host serving /collab; the page's own origin by default (the session cookie rides along). */
  origin?: string;
  /** A short-lived collab token, where no session cookie reaches the socket (another origin, the test harness). */
  token?: string;
  /** Known read-only before the server says so (a session opened again after changes were refused). */
  isServerReadOnly?: boolean;
  /**
   * The server refused changes this browser holds (its user may no longer edit): the owner of the session
   * takes the browser's copy (discardLocalCopy) and opens the article again from what the server stores.
   */
  onChangesRefused?: () => void;
}

export interface SessionSnapshot {
  status: ConnectionStatus;
  /** The server told this connection it is read-only (a role or status changed since the page loaded). */
  isServerReadOnly: boolean;
  /** The document synced with the server at some point (it holds what the server stores). */
  hasSynced: boolean;
}

function defaultOrigin(): string {
  return `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}`;
}

/**
 * One article's live document in the browser: the Y.Doc, its copy in
 * IndexedDB (so a reload while offline loses nothing; written after each
 * frame, see DeferredIndexeddbPersistence), the stock y-websocket
 * provider to /collab/<articleId>, and what the connection line shows.
 */
export class CollabSession {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly persistence: DeferredIndexeddbPersistence | null;
  /** "comment.changed" events (a CustomEvent whose detail is the ArticleEvent) and "resync" after a reconnect. */
  readonly articleEvents = new EventTarget();
  private readonly tracker = new SaveTracker();
  private readonly listeners = new Set<() => void>();
  private facts: ConnectionFacts;
  private snapshot: SessionSnapshot;
  private isServerReadOnly: boolean;
  private isDestroyed = false;
  private readonly sendOwnAwareness: (changes: unknown, origin: unknown) => void;

  constructor(private readonly options: CollabSessionOptions) {
    const tracker = this.tracker;
    this.isServerReadOnly = options.isServerReadOnly ?? false;
    this.facts = {
      socket: "connecting",
      isSynced: false,
      hasSynced: false,
      hasLostConnection: false,
      isOnline: navigator.onLine,
      pendingChanges: 0,
      hasSaved: false,
      isReadOnly: !this.mayChange,
      closeCode: null,
    };
    this.snapshot = { status: describeConnection(this.facts), isServerReadOnly: this.isServerReadOnly, hasSynced: false };
    const params: Record<string, string> = { ...collabQuery };
    if (options.token) params.token = options.token;
    const serverUrl = `${options.origin ?? defaultOrigin()}/collab`;
    // Before anything listens for updates (early-socket.ts): the URL is the one the provider builds below.
    applyEarlyDocument(`${serverUrl}/${options.articleId}?${new URLSearchParams(params)}`, this.doc);
    // Registered before the provider's own listener, so a change is counted before the message carrying it is sent.
    this.doc.on("update", (_update: Uint8Array, origin: unknown) => {
      if (origin === this.provider || origin === this.persistence) return;
      tracker.recordLocalChange();
      this.refresh();
    });
    // Per user: a shared computer must not hand one person's copy to the next.
    this.persistence =
      typeof indexedDB === "undefined"
        ? null
        : new DeferredIndexeddbPersistence(`galley:${options.userId}:${options.articleId}`, this.doc);

    const trackSend = (data: string | ArrayBufferLike | Blob | ArrayBufferView) => {
      if (isUpdateMessage(data)) tracker.recordUpdateSent();
    };
    class TrackingWebSocket extends WebSocket {
      override send(data: string | ArrayBufferLike | Blob | ArrayBufferView) {
        trackSend(data);
        super.send(data as ArrayBufferView<ArrayBuffer>);
      }
    }
    this.provider = new WebsocketProvider(serverUrl, options.articleId, this.doc, {
      params,
      // Its first socket is the one the page opened early, when there is one (early-socket-script.ts).
      WebSocketPolyfill: adoptingWebSocket(TrackingWebSocket, trackSend),
      // Only the server carries updates: another tab of a reviewer must not feed edits in sideways.
      disableBc: true,
    });
    this.provider.messageHandlers[messageType.saved] = (_encoder, decoder) => {
      tracker.recordSaved(decoding.readVarUint(decoder));
      this.refresh();
    };
    this.provider.messageHandlers[messageType.auth] = (_encoder, decoder) => {
      authProtocol.readAuthMessage(decoder, this.doc, (_doc, reason) => {
        // A suggester's change that was not a suggestion: refused, but they still suggest once back in step.
        const isSuggester = this.options.canSuggest === true && !this.options.canEdit;
        if (!(isSuggester && reason === refusedChangesReason)) this.isServerReadOnly = true;
        this.refresh();
        if (reason === refusedChangesReason) this.options.onChangesRefused?.();
      });
    };
    this.provider.messageHandlers[messageType.articleEvent] = (_encoder, decoder) => {
      this.receiveArticleEvent(decoding.readVarString(decoder));
    };
    // The stock provider sends every awareness change it hears, others' too, back to the server, which
    // refuses states of clients a connection does not own: send only this client's own.
    const { awareness } = this.provider;
    const sendAwareness = this.provider._awarenessUpdateHandler;
    awareness.off("update", sendAwareness);
    this.sendOwnAwareness = (changes: unknown, origin: unknown) => {
      if (origin !== this.provider && origin !== "timeout") sendAwareness(changes, origin);
    };
    awareness.on("update", this.sendOwnAwareness);
    this.provider.on("status", ({ status }) => this.refresh({ socket: status }));
    this.provider.on("sync", (isSynced: boolean) => {
      this.refresh({ isSynced, hasSynced: this.facts.hasSynced || isSynced });
      if (isSynced) void this.seedWhenReady();
      // Events sent while the socket was down are lost: whoever shows comments refetches them.
      if (isSynced) this.articleEvents.dispatchEvent(new Event("resync"));
    });
    this.provider.on("connection-close", () => {
      tracker.recordSocketClosed();
      this.refresh({ hasLostConnection: true });
    });
    this.provider.on("closed", ({ code }) => this.refresh({ closeCode: code }));
    window.addEventListener("online", this.onNetworkChange);
    window.addEventListener("offline", this.onNetworkChange);
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  /**
   * This browser's copy of the article (all it holds, refused changes included) as an update, after deleting
   * it from IndexedDB, so that the next session starts from what the server stores.
   */
  async discardLocalCopy(): Promise<Uint8Array> {
    const copy = Y.encodeStateAsUpdate(this.doc);
    await this.persistence?.clearData();
    return copy;
  }

  destroy(): void {
    this.isDestroyed = true;
    window.removeEventListener("online", this.onNetworkChange);
    window.removeEventListener("offline", this.onNetworkChange);
    this.provider.awareness.off("update", this.sendOwnAwareness);
    this.provider.destroy();
    void this.persistence?.destroy();
    this.doc.destroy();
    this.listeners.clear();
  }

  private receiveArticleEvent(json: string): void {
    let event: ArticleEvent;
    try {
      event = JSON.parse(json) as ArticleEvent;
    } catch (error) {
      console.error("Unreadable article event from the collab server", error);
      return;
    }
    if (event.type === "comment.changed") {
      this.articleEvents.dispatchEvent(new CustomEvent(event.type, { detail: event }));
    } else if (event.type === "notification.created") {
      window.dispatchEvent(new CustomEvent(notificationEventName, { detail: event }));
    } else if (event.type === "article.changed") {
      window.dispatchEvent(new CustomEvent(articleChangedEventName, { detail: event }));
    }
  }

  private onNetworkChange = () => this.refresh({ isOnline: navigator.onLine });

  /** The template, once both the server's and the browser's copies are in: only then is "empty" known. */
  private async seedWhenReady(): Promise<void> {
    if (!this.options.canEdit || this.isServerReadOnly) return;
    await this.persistence?.whenSynced;
    if (this.isDestroyed || !this.provider.synced || this.isServerReadOnly) return;
    seedArticleTemplate(this.doc);
  }

  /** Whether changes made here may reach the server (as edits, or as suggestions it checks). */
  private get mayChange(): boolean {
    return (this.options.canEdit || this.options.canSuggest === true) && !this.isServerReadOnly;
  }

  /** Recomputes the line; listeners hear only of a change to what is shown, not of every keystroke. */
  private refresh(changes: Partial<ConnectionFacts> = {}): void {
    this.facts = {
      ...this.facts,
      ...changes,
      pendingChanges: this.tracker.pendingChanges,
      hasSaved: this.tracker.hasSaved,
      isReadOnly: !this.mayChange,
    };
    const status = describeConnection(this.facts);
    const previous = this.snapshot;
    if (
      previous.status.label === status.label &&
      previous.status.tone === status.tone &&
      previous.isServerReadOnly === this.isServerReadOnly &&
      previous.hasSynced === this.facts.hasSynced
    ) {
      return;
    }
    this.snapshot = { status, isServerReadOnly: this.isServerReadOnly, hasSynced: this.facts.hasSynced };
    for (const listener of this.listeners) listener();
  }
}
