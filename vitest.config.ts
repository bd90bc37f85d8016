import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * Tests that start whole Galley processes (the web app, its collaboration
 * child, two instances on PostgreSQL and Redis): each keeps both cores busy
 * for a while, so they run after the rest, one at a time. Beside other
 * tests they could starve into their time limits.
 */
const processTests = ["server/two-processes.test.ts", "server/collab-process.test.ts"];

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    environment: "node",
    pool: "forks",
    // Two cores: argon2 and real sockets do not like a crowd.
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // As Playwright does (playwright.config.ts): on CI a test that fails once is run again, and Vitest's report names it as retried.
    retry: process.env.CI ? 1 : 0,
    env: { NODE_ENV: "test" },
    projects: [
      {
        extends: true,
        test: { name: "unit and integration", include: ["{lib,server,cli,app,components}/**/*.test.{ts,tsx}"], exclude: processTests, sequence: { groupOrder: 0 } },
      },
      { extends: true, test: { name: "processes", include: processTests, fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
