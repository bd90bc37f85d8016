/**
 * Hooks a describe block registers in one call. Kept apart from stores.ts and
 * factories.ts, which benches and harnesses import outside vitest.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import type { Store } from "../db/client";
import { subscribeEvents, type GalleyEvent } from "../events";
import { createTestStore, type StoreKind, type TestStore } from "./stores";

/**
 * A fresh store of `kind` for the enclosing describe: created before its tests, disposed after
 * (or one per test, with `freshEachTest`). The answer is the same object throughout; read `db`
 * inside tests and hooks, once the store exists.
 */
export function setupSuiteStore(kind: StoreKind, options: { freshEachTest?: boolean } = {}): Store {
  let store: TestStore | undefined;
  const ready = () => {
    if (!store) throw new Error("The suite's store exists only inside its tests and hooks.");
    return store;
  };
  const [before, after] = options.freshEachTest ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    store = await createTestStore(kind);
  });
  after(async () => {
    await store?.dispose();
    store = undefined;
  });
  return {
    get db() {
      return ready().db;
    },
    get dialect() {
      return ready().dialect;
    },
    close: () => ready().close(),
  };
}

/** Every event published while the enclosing describe's tests run, emptied after each test. */
export function recordEvents(): GalleyEvent[] {
  const events: GalleyEvent[] = [];
  let unsubscribe: (() => void) | undefined;
  beforeAll(() => {
    unsubscribe = subscribeEvents((event) => events.push(event));
  });
  afterEach(() => {
    events.length = 0;
  });
  afterAll(() => unsubscribe?.());
  return events;
}
