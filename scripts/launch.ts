// One command to run the portal:
//   npm run dev    development server (hot reload), demo data on first start
//   npm start      production server: needs SMTP_URL, never starts the mail catcher nor
//                  seeds demo people, whatever NODE_ENV says. `npm run build` compiles this
//                  launcher, the web server and the worker into dist/, run with node.
//   npm run demo   the production build as a local demo: demo data, mail catcher
//   node dist/launch.js test   production server on a fresh test database (Playwright)
// Without DATABASE_URL an embedded PostgreSQL is started; without SMTP_URL (outside
// production) the built-in mail catcher is. Both stop with the app (Ctrl-C or SIGTERM).
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { onShutdown, prepareDatabase } from "./lib/database";
import { getFreePort } from "./lib/embedded-pg";
import { startMailCatcher } from "../lib/email/catcher";
import { seedDatabase } from "../prisma/seed";
import pg from "pg";
import { entryArgs, WORKER_NODE_FLAGS, workerEnv } from "./lib/node-args";

type Mode = "dev" | "start" | "demo" | "test";
const mode = process.argv[2] as Mode;
if (!["dev", "start", "demo", "test"].includes(mode)) {
  console.error("usage: launch dev|start|demo|test (npm run dev, npm start, npm run demo)");
  process.exit(1);
}
if (fs.existsSync(".env")) process.loadEnvFile(".env");

const log = (line: string) => console.log(`[launch] ${line}`);
const port = Number(mode === "test" ? process.env.E2E_PORT || 3100 : process.env.PORT || 3000);
const usesExternalDb = Boolean(process.env.DATABASE_URL);

function devSecret(): string {
  // A stable per-checkout secret so sessions survive restarts in development.
  const file = path.resolve(".data/auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}

async function isEmpty(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(`SELECT count(*) FROM "User"`);
    return Number(rows[0].count) === 0;
  } finally {
    await client.end();
  }
}

const children: ChildProcess[] = [];

// Tests keep every process's log (JSON lines) in .data/e2e-logs/ as well as printing it:
// the log-scan project (e2e/log-scan.spec.ts) proves no token of the run reached a log.
const E2E_LOG_DIR = path.resolve(".data/e2e-logs");
if (mode === "test") {
  fs.rmSync(E2E_LOG_DIR, { recursive: true, force: true });
  fs.mkdirSync(E2E_LOG_DIR, { recursive: true });
  // The tokens the previous run's tests remembered (e2e/fixtures/secrets.ts).
  fs.rmSync(path.resolve(".data/e2e-secrets"), { recursive: true, force: true });
}
const childStdio = (): StdioOptions => (mode === "test" ? ["inherit", "pipe", "pipe"] : "inherit");
function keepLog(name: string, child: ChildProcess) {
  if (mode !== "test") return;
  const file = fs.createWriteStream(path.join(E2E_LOG_DIR, `${name}.log`), { flags: "a" });
  child.stdout?.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    file.write(chunk);
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    process.stderr.write(chunk);
    file.write(chunk);
  });
  child.once("exit", () => file.end());
}
const cleanupSteps: Array<() => Promise<void>> = [];

const shutdown = onShutdown(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          const timer = setTimeout(() => {
            child.kill("SIGKILL");
            resolve();
          }, 8000);
          child.once("exit", () => {
            clearTimeout(timer);
            resolve();
          });
        }),
    ),
  );
  for (const step of cleanupSteps.reverse()) await step().catch((error) => log(`cleanup: ${error.message}`));
});

// How the app should treat this run. `npm start` is production, whatever NODE_ENV says
// (no development mail catcher, whatever MAIL_CATCHER says): the safe thing needs no
// setting. A local demo on the production build is asked for by name (`npm run demo`).
const runMode = mode === "start" ? "production" : mode;

async function main() {
  if (runMode === "production" && !process.env.SMTP_URL) {
    throw new Error(
      "SMTP_URL is not set. In production mail goes through your SMTP relay; the development mail catcher (which shows every email, sign-in links included) never runs in production. For a local demo with the catcher, run `npm run demo`.",
    );
  }
  if (runMode === "production" && !usesExternalDb) {
    log("production without DATABASE_URL: using the embedded PostgreSQL under .data/ (no demo data is seeded)");
  }
  const db = await prepareDatabase(mode === "test" ? "test" : "dev", { reset: mode === "test" });
  cleanupSteps.push(db.stop);

  if (mode === "test") fs.writeFileSync(".data/e2e-database-url", db.url);
  const shouldSeed = mode === "test" || (runMode !== "production" && !usesExternalDb && (await isEmpty(db.url)));
  if (shouldSeed) await seedDatabase({ databaseUrl: db.url, size: Number(process.env.SEED_SIZE || 2000) });

  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: db.url,
    PORT: String(port),
    APP_URL: process.env.APP_URL || `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  childEnv.AUTH_URL = childEnv.APP_URL;
  if (!childEnv.AUTH_SECRET) {
    if (runMode === "production" && usesExternalDb) {
      throw new Error("AUTH_SECRET must be set in production (openssl rand -hex 32)");
    }
    childEnv.AUTH_SECRET = devSecret();
  }
  if (mode === "test") {
    // Archives of the fresh test database only, so tests can scan the export storage.
    childEnv.EXPORT_DIR ??= ".data/exports-test";
    fs.rmSync(childEnv.EXPORT_DIR, { recursive: true, force: true });
    fs.writeFileSync(".data/e2e-export-dir", path.resolve(childEnv.EXPORT_DIR));
    childEnv.RATE_LIMIT_IP_MAX ??= "12";
    // The tests act as the one proxy in front: each sends its own X-Forwarded-For (its own
    // per-IP rate-limit bucket). Forged-address tests run their own instances with 0 and 1.
    childEnv.TRUST_PROXY_HOPS ??= "1";
    // Lets e2e tests move the clock per request (x-test-now); never set in production.
    childEnv.ALLOW_TEST_CLOCK ??= "1";
    // The e2e agent receives its DRP status callbacks on a loopback server.
    childEnv.DRP_ALLOW_PRIVATE_CALLBACKS ??= "1";
    childEnv.DRP_BUSINESS_ID ??= "PRIME_DIRECTIVE_TEST";
    // The e2e agents poll status about once a second from one address.
    childEnv.DRP_RATE_LIMIT_IP_PER_MINUTE ??= "300";
  }

  childEnv.PORTAL_RUN_MODE = runMode;
  if (!childEnv.SMTP_URL) {
    const catcherPort = Number(process.env.MAIL_CATCHER_PORT || (await getFreePort()));
    const catcher = await startMailCatcher({ databaseUrl: db.url, port: catcherPort });
    cleanupSteps.push(catcher.close);
    childEnv.SMTP_URL = catcher.url;
    childEnv.MAIL_CATCHER = "1";
    log(`mail catcher on smtp://127.0.0.1:${catcherPort}; read mail at ${childEnv.APP_URL}/dev/mail`);
  }

  // Production and tests run Next.js inside scripts/server.ts, which sets the client's
  // address from the connection (TRUST_PROXY_HOPS); development uses `next dev` for hot reload.
  const nextEnv = { ...childEnv, NODE_ENV: mode === "dev" ? "development" : "production" } as NodeJS.ProcessEnv;
  // Children run the way this launcher runs: compiled (dist/, `npm start`) or from source (tsx).
  const command =
    mode === "dev" ? [path.resolve("node_modules/next/dist/bin/next"), "dev", "-p", String(port)] : entryArgs("server");
  const app = spawn(process.execPath, command, { stdio: childStdio(), env: nextEnv });
  keepLog("app", app);
  children.push(app);
  app.once("exit", (code) => {
    log(`app exited (${code ?? "signal"})`);
    void shutdown(code ?? 1);
  });

  if (process.env.WORKER !== "off") {
    const worker = spawn(process.execPath, [...WORKER_NODE_FLAGS, ...entryArgs("worker")], {
      stdio: childStdio(),
      env: workerEnv(childEnv),
    });
    keepLog("worker", worker);
    children.push(worker);
    worker.once("exit", (code) => {
      if (code !== 0 && code !== null) log(`worker exited with ${code}`);
    });
  }
  log(`privacy portal starting on ${childEnv.APP_URL} (${mode})`);
}

main().catch((error) => {
  console.error(`[launch] ${error instanceof Error ? error.message : error}`);
  void shutdown(1);
});
