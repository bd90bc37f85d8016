import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    include: ["{lib,server,cli,app,components}/**/*.test.{ts,tsx}"],
    environment: "node",
    pool: "forks",
    // Two cores: argon2 and real sockets do not like a crowd.
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // As Playwright does (playwright.config.ts): on CI a test that fails once is run again, and Vitest's report names it as retried.
    retry: process.env.CI ? 1 : 0,
    env: { NODE_ENV: "test" },
  },
});
