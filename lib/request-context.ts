import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What one HTTP request learns on its way through the app that its access
 * log line should say: who it turned out to be. The custom server opens the
 * context around Next's handler; lib/auth notes the user when it resolves one.
 */
export interface RequestContext {
  userId?: string;
}

/** The request header that carries the response's script nonce from the server to the pages. */
export const nonceHeader = "x-galley-nonce";

// The custom server and Next's server bundle each load their own copy of this module: one store, shared through globalThis.
const key = Symbol.for("galley.requestContext");
const holder = globalThis as typeof globalThis & { [key]?: AsyncLocalStorage<RequestContext> };
const storage = (holder[key] ??= new AsyncLocalStorage<RequestContext>());

export function runInRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** Records who the current request is; outside a request (the collab upgrade, the CLI) it does nothing. */
export function noteRequestUser(userId: string): void {
  const context = storage.getStore();
  if (context) context.userId = userId;
}
