import type { ReplyView, ThreadView } from "@/lib/comments";

export type Thread = ThreadView;
export type Reply = ReplyView;

export interface CommentsSnapshot {
  threads: Thread[];
  isLoaded: boolean;
  /** Why the last load failed, shown above the threads until a load succeeds. */
  loadError: string | null;
}

/** An API refusal, with the server's message (e.g. the length limit) for the form that caused it. */
export class CommentRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

type Anchor = { start: string; end: string };

/** Tries to store a moved anchor this often while the server has not stored its text yet (409) or cannot be reached. */
const maxAnchorAttempts = 6;

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: init?.body ? { "content-type": "application/json" } : undefined,
    cache: "no-store",
  });
  const body = (await response.json().catch(() => null)) as ({ message?: string } & T) | null;
  if (!response.ok || !body) {
    throw new CommentRequestError(body?.message ?? `The server answered ${response.status}. Try again in a moment.`, response.status);
  }
  return body;
}

/**
 * An article's threads in the browser: loaded from the JSON API, reloaded
 * when the collab socket says a comment changed (the event carries ids only)
 * and after each of this user's own writes. One load at a time; a request
 * for another while one runs is remembered and done next.
 */
export class CommentsStore {
  private snapshot: CommentsSnapshot = { threads: [], isLoaded: false, loadError: null };
  private readonly listeners = new Set<() => void>();
  private loading: Promise<void> | null = null;
  private isReloadWanted = false;
  private readonly unsavedAnchors = new Map<string, Anchor>();
  private isSavingAnchors = false;

  constructor(private readonly articleId: string) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  reload = (): Promise<void> => {
    if (this.loading) {
      this.isReloadWanted = true;
      return this.loading;
    }
    this.loading = this.fetchThreads().finally(() => {
      this.loading = null;
      if (this.isReloadWanted) {
        this.isReloadWanted = false;
        void this.reload();
      }
    });
    return this.loading;
  };

  async create(input: { body: string; quote?: string; anchor?: { start: string; end: string }; parentId?: string }) {
    const { comment } = await request<{ comment: { id: string } }>(`/api/articles/${this.articleId}/comments`, {
      method: "POST",
      body: JSON.stringify(input),
    });
    await this.reload();
    return comment;
  }

  async edit(commentId: string, body: string) {
    await request(`/api/comments/${commentId}`, { method: "PATCH", body: JSON.stringify({ body }) });
    await this.reload();
  }

  async remove(commentId: string) {
    await request(`/api/comments/${commentId}`, { method: "DELETE" });
    await this.reload();
  }

  async setResolved(threadId: string, isResolved: boolean) {
    await request(`/api/comments/${threadId}/${isResolved ? "resolve" : "reopen"}`, { method: "POST" });
    await this.reload();
  }

  /**
   * Stores a thread's anchor as this editor moved it (see anchor-moves.ts),
   * once `whenSaved` says the change it moved with is stored: the server
   * checks that the new anchor is on stored text. The latest move of each
   * thread wins.
   */
  reanchor(threadId: string, anchor: Anchor, whenSaved: () => Promise<void>): void {
    this.unsavedAnchors.set(threadId, anchor);
    if (!this.isSavingAnchors) void this.saveAnchors(whenSaved);
  }

  private async saveAnchors(whenSaved: () => Promise<void>): Promise<void> {
    this.isSavingAnchors = true;
    try {
      while (this.unsavedAnchors.size > 0) {
        await whenSaved();
        const [threadId, anchor] = this.unsavedAnchors.entries().next().value!;
        await this.sendAnchor(threadId, anchor);
        if (this.unsavedAnchors.get(threadId) === anchor) this.unsavedAnchors.delete(threadId);
      }
    } finally {
      this.isSavingAnchors = false;
    }
    await this.reload();
  }

  private async sendAnchor(threadId: string, anchor: Anchor): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await request(`/api/comments/${threadId}`, { method: "PATCH", body: JSON.stringify({ anchor }) });
        return;
      } catch (error) {
        // 409: the change the passage moved with is not stored yet (a slow commit); or the network or server failed.
        const isWorthRetrying = !(error instanceof CommentRequestError) || error.status === 409 || error.status >= 500;
        if (!isWorthRetrying || attempt >= maxAnchorAttempts) {
          // This page keeps highlighting the passage; others see it as deleted until someone edits it again.
          console.error("Storing a moved comment anchor failed", { threadId, error });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, attempt * 300));
      }
    }
  }

  private async fetchThreads(): Promise<void> {
    try {
      const { threads } = await request<{ threads: Thread[] }>(`/api/articles/${this.articleId}/comments`);
      this.publish({ threads, isLoaded: true, loadError: null });
    } catch (error) {
      console.error("Loading the comments failed", { articleId: this.articleId, error });
      this.publish({ ...this.snapshot, loadError: (error as Error).message });
    }
  }

  private publish(snapshot: CommentsSnapshot): void {
    this.snapshot = snapshot;
    for (const listener of this.listeners) listener();
  }
}
