// Settings cannot switch on, in production, what exposes everyone's mail or
// lets a request choose the time.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TS_NODE_ARGS } from "../../scripts/lib/node-args";
import { isTestClockAllowedFor } from "../../lib/core/clock";
import { isMailCatcherServed } from "../../lib/email/caught-mail";

describe("production guards", () => {
  it("never serves the development inbox in production, even with MAIL_CATCHER=1", () => {
    expect(isMailCatcherServed({ MAIL_CATCHER: true, PORTAL_RUN_MODE: "production" })).toBe(false);
    expect(isMailCatcherServed({ MAIL_CATCHER: true, PORTAL_RUN_MODE: "dev" })).toBe(true);
    expect(isMailCatcherServed({ MAIL_CATCHER: true, PORTAL_RUN_MODE: "test" })).toBe(true);
    expect(isMailCatcherServed({ MAIL_CATCHER: false, PORTAL_RUN_MODE: "dev" })).toBe(false);
  });

  it("never honours the test clock in production", () => {
    expect(isTestClockAllowedFor({ ALLOW_TEST_CLOCK: true, PORTAL_RUN_MODE: "production" })).toBe(false);
    expect(isTestClockAllowedFor({ ALLOW_TEST_CLOCK: true, PORTAL_RUN_MODE: "test" })).toBe(true);
  });

  it("npm start is production without NODE_ENV: it refuses to start the mail catcher (and so to serve /api/dev/mail)", () => {
    const scripts = JSON.parse(fs.readFileSync("package.json", "utf8")).scripts as Record<string, string>;
    expect(scripts.start).toMatch(/launch\.(ts|js) start$/);
    expect(scripts.demo).toMatch(/launch\.(ts|js) demo$/);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      MAIL_CATCHER: "1",
      SMTP_URL: "",
      PORTAL_RUN_MODE: "",
      DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none",
      AUTH_SECRET: "production-secret-0123456789",
    };
    delete (env as Record<string, unknown>).NODE_ENV;
    const result = spawnSync(process.execPath, [...TS_NODE_ARGS, path.resolve("scripts/launch.ts"), "start"], {
      env,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/development mail catcher .* never runs in production/);
    expect(result.stdout + result.stderr).toMatch(/npm run demo/);
  }, 70_000);

  it("refuses to start in production without an SMTP relay, MAIL_CATCHER=1 or not", () => {
    const result = spawnSync(process.execPath, [...TS_NODE_ARGS, path.resolve("scripts/launch.ts"), "start"], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        MAIL_CATCHER: "1",
        SMTP_URL: "",
        DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none",
        AUTH_SECRET: "production-secret-0123456789",
      },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/development mail catcher .* never runs in production/);
  }, 70_000);
});
