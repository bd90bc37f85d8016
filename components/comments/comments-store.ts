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
export class CommentRequestError extends Error {}

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: init?.body ? { "content-type": "application/json" } : undefined,
    cache: "no-store",
  });
  const body = (await response.json().catch(() => null)) as ({ message?: string } & T) | null;
  if (!response.ok || !body) {
    throw new CommentRequestError(body?.message ?? `The server answered ${response.status}. Try again in a moment.`);
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
