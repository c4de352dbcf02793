import { defineConfig, devices } from "@playwright/test";
import fs from "node:fs";

// Debian's chromium when present (this machine cannot download Playwright's own).
const debianChromium = "/usr/bin/chromium";
const executablePath = process.env.CHROMIUM_PATH ?? (fs.existsSync(debianChromium) ? debianChromium : undefined);
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: true,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, testIgnore: /(erasure|log-scan)\.spec\.ts/ },
    // Deletes the seeded alice for real, so it runs after every other spec has used her.
    {
      name: "erasure",
      use: { ...devices["Desktop Chrome"] },
      testMatch: /erasure\.spec\.ts/,
      dependencies: ["chromium"],
    },
    // Last of all: greps the whole run's server and worker logs for every token the run used.
    { name: "log-scan", testMatch: /log-scan\.spec\.ts/, dependencies: ["chromium", "erasure"] },
  ],
  webServer: {
    // The compiled launcher, web server and worker of `npm run build`, as production runs them.
    command: "node dist/launch.js test",
    url: `${baseURL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(port) },
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
