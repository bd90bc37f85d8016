import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { admin, baseURL, chromiumArgs, port } from "./e2e/support/settings";

// One fresh store per run. Workers re-read this file but inherit the variable, so they agree.
const dataDir = (process.env.GALLEY_E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "galley-e2e-")));

export default defineConfig({
  testDir: "e2e",
  // The specs share one server and store; two cores and argon2 favour one worker.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  globalTeardown: "./e2e/support/teardown.ts",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        // Debian's Chromium: Playwright never downloads a browser here.
        launchOptions: { executablePath: "/usr/bin/chromium", args: chromiumArgs },
      },
    },
  ],
  webServer: {
    // `prestart` builds when the build is missing or stale; the first build takes about a minute.
    command: "npm start",
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      DATA_DIR: dataDir,
      GALLEY_ADMIN_EMAIL: admin.email,
      GALLEY_ADMIN_PASSWORD: admin.password,
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
    },
  },
});
