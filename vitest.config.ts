import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(__dirname) } },
  test: {
    include: ["{lib,server,cli,app,components}/**/*.test.{ts,tsx}"],
    environment: "node",
    pool: "forks",
    // Two cores: argon2 and real sockets do not like a crowd.
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 30_000,
    env: { NODE_ENV: "test" },
  },
});
