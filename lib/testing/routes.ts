/** Calling app/api route handlers directly, as Next would, with a signed-in caller. */
import { beforeAll } from "vitest";
import { mintToken } from "../auth/tokens";
import { setStore, type Store } from "../db/client";
import { resetEnvCache } from "../env";
import type { User } from "../users";
import type { StoreKind } from "./stores";
import { setupSuiteStore } from "./suite";

/** Signs the route tests' tokens and session cookies. */
export const routeTestSecret = "route-test-secret-0123456789abcdef";

/** A fresh store for the enclosing describe that the route handlers use, with tokens signed by routeTestSecret. */
export function setupRouteStore(kind: StoreKind = "sqlite"): Store {
  beforeAll(() => {
    process.env.NEXTAUTH_SECRET = routeTestSecret;
    resetEnvCache();
  });
  const store = setupSuiteStore(kind);
  beforeAll(() => setStore(store));
  return store;
}

/** The second argument of a handler on a route without parameters. */
export const noParams = { params: Promise.resolve({}) as Promise<Record<string, never>> };
/** The second argument of a handler on an `[id]` route. */
export const withId = (id: string) => ({ params: Promise.resolve({ id }) });

export const bearer = (user: User) => ({ authorization: `Bearer ${mintToken(user, 600, routeTestSecret)}` });
export const apiRequest = (path: string, init: RequestInit = {}) => new Request(`http://galley.test${path}`, init);
