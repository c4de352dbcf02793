// Scale-out test (npm run test:scale; needs `npm run build`): the compiled production
// processes, as `npm start`/`npm run worker`/`npm run ingest` run them: two app instances
// (dist/server.js on two ports), two workers (dist/worker.js) and the lean
// ingestion server (dist/ingest-server.js) on ONE PostgreSQL, one SMTP sink (one process, one port per
// sender so it can tell who sent what) and S3 export storage (s3rver). Proves:
//   1. a session made on one instance works on the other;
//   2. sign-in rate limits are shared by both instances;
//   3. an export started on one instance is built once, by one worker, into S3,
//      and downloads from the other instance;
//   4. a telemetry opt-out made through one instance stops storage at once in the
//      ingestion process (LISTEN/NOTIFY; its install cache would hold for 5 minutes);
//   5. a 2,000-person notice campaign is shared by both workers, one of which is
//      killed (SIGKILL) mid-campaign, and every person gets exactly one message;
//   6. metrics and readiness answer on both instances;
//   7. accepted telemetry is stored: under load, PostgreSQL is stopped and
//      restarted, then the ingestion server gets SIGTERM; 202 answers == stored rows.
// Every process's JSON log is kept in .data/scale-logs/.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { simpleParser } from "mailparser";
import pg from "pg";
import PgBoss from "pg-boss";
import { SMTPServer } from "smtp-server";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { migrateDatabase } from "../../lib/core/migrate";
import { createS3Client } from "../../lib/export/storage";
import { seedDatabase } from "../../prisma/seed";
import { createDatabase, startEmbeddedPostgres } from "../../scripts/lib/embedded-pg";
import { entryArgs, type ServerEntry } from "../../scripts/lib/node-args";
import { startTestS3 } from "../support/s3";

const BASE_PORT = Number(process.env.SCALE_BASE_PORT || 4530);
const PORTS = {
  appA: BASE_PORT,
  appB: BASE_PORT + 1,
  ingest: BASE_PORT + 2,
  s3: BASE_PORT + 3,
  smtpApps: BASE_PORT + 4,
  smtpW1: BASE_PORT + 5,
  smtpW2: BASE_PORT + 6,
  pg: BASE_PORT + 7,
  lb: BASE_PORT + 8,
};
const PEOPLE = 2000;
const NOTICE_RATE = 250;
const LOG_DIR = path.resolve(".data/scale-logs");
const started = Date.now();
const step = (message: string) =>
  console.log(`[scale ${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 30_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

// ---------------------------------------------------------------- SMTP sink
type Caught = { port: number; to: string; messageId: string; subject: string; raw: string; at: number };
const caught: Caught[] = [];
function onData(
  stream: NodeJS.ReadableStream,
  session: { envelope: { rcptTo: Array<{ address: string }> }; localPort?: number },
  callback: () => void,
  port: number,
) {
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  stream.on("end", () => {
    const raw = Buffer.concat(chunks).toString("utf8");
    const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, " ");
    const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, "im").exec(head)?.[1]?.trim() ?? "";
    const to = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()).join(",");
    caught.push({
      port,
      to,
      messageId: header("Message-ID"),
      subject: header("Subject"),
      raw: header("X-Notice-Delivery") ? "" : raw,
      at: Date.now(),
    });
    callback();
  });
}

// One sink (this process) listening on one port per sender, so it can tell who sent what.
function listenSink(port: number) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    maxClients: 500,
    onData: (stream, session, callback) => onData(stream, session, callback, port),
  });
  // A sender killed mid-message (SIGKILL) resets its connections: that is expected here.
  server.on("error", () => undefined);
  return new Promise<SMTPServer>((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

async function waitForMail(to: string, since: number, subject: RegExp): Promise<string> {
  const message = await waitFor(
    `mail to ${to}`,
    async () => caught.find((mail) => mail.to === to && mail.at >= since && subject.test(mail.subject)),
    20_000,
  );
  const parsed = await simpleParser(message.raw);
  return parsed.text ?? "";
}

// ---------------------------------------------------------------- load balancer
// The browser talks to one address, like behind a real load balancer; the test
// chooses which instance gets the next requests.
let route: "A" | "B" = "A";
const balancer = http.createServer((request, response) => {
  const upstream = http.request(
    {
      host: "127.0.0.1",
      port: route === "A" ? PORTS.appA : PORTS.appB,
      method: request.method,
      path: request.url,
      headers: request.headers,
    },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  upstream.on("error", () => {
    if (!response.headersSent) response.writeHead(502);
    response.end();
  });
  request.pipe(upstream);
});

// ---------------------------------------------------------------- processes
const children: Array<{ name: string; child: ChildProcess }> = [];

function startProcess(name: string, entry: ServerEntry, env: NodeJS.ProcessEnv): ChildProcess {
  const log = fs.createWriteStream(path.join(LOG_DIR, `${name}.log`));
  const child = spawn(process.execPath, entryArgs(entry, { compiled: true }), {
    env: { ...process.env, ...env, PORTAL_PROCESS_NAME: name },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  child.once("exit", (code, signal) => {
    log.end(`{"scale":"exited","code":${code},"signal":${JSON.stringify(signal)}}\n`);
  });
  children.push({ name, child });
  return child;
}

function stopProcess(
  child: ChildProcess,
  signal: NodeJS.Signals = "SIGTERM",
  timeoutMs = 15_000,
): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    child.kill(signal);
  });
}

function logLines(name: string): Array<Record<string, unknown>> {
  const file = path.join(LOG_DIR, `${name}.log`);
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        return {};
      }
    });
}

// ---------------------------------------------------------------- main
fs.rmSync(LOG_DIR, { recursive: true, force: true });
fs.mkdirSync(LOG_DIR, { recursive: true });
const dataDir = ".data/pg-scale";
let cluster = await startEmbeddedPostgres({ dataDir, port: PORTS.pg });
let exitCode = 1;
let browser: Awaited<ReturnType<typeof chromium.launch>> | null = null;
let boss: PgBoss | null = null;
const sinks: SMTPServer[] = [];
let s3: Awaited<ReturnType<typeof startTestS3>> | null = null;
const pool = new pg.Pool({ connectionString: cluster.adminUrl("scale"), max: 4 });
pool.on("error", () => undefined);

try {
  await createDatabase(cluster.adminUrl(), "scale", { reset: true });
  const databaseUrl = cluster.adminUrl("scale");
  await migrateDatabase(databaseUrl);
  await seedDatabase({ databaseUrl, size: 50, log: () => {} });
  s3 = await startTestS3({ port: PORTS.s3, bucket: "scale-exports" });
  for (const port of [PORTS.smtpApps, PORTS.smtpW1, PORTS.smtpW2]) sinks.push(await listenSink(port));
  await new Promise<void>((resolve) => balancer.listen(PORTS.lb, "127.0.0.1", () => resolve()));
  step("database, S3 (s3rver) and SMTP sink up");

  const metricsToken = randomBytes(24).toString("hex");
  const common: NodeJS.ProcessEnv = {
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    // The address people use (the load balancer's); both instances answer for it.
    APP_URL: `http://localhost:${PORTS.lb}`,
    AUTH_URL: `http://localhost:${PORTS.lb}`,
    AUTH_SECRET: "scale-test-secret-0123456789abcdef",
    PORTAL_RUN_MODE: "test",
    TRUST_PROXY_HOPS: "1",
    RATE_LIMIT_EMAIL_MAX: "3",
    METRICS_TOKEN: metricsToken,
    DB_POOL_MAX: "5",
    NOTICE_SEND_LANES: "4",
    NOTICE_WORKER_SLICES: "2",
    NOTICE_BATCH_SIZE: "40",
    NOTICE_LEASE_SECONDS: "4",
    NOTICE_SLICE_SECONDS: "5",
    NOTICE_SMTP_CONNECTIONS: "4",
    NEXT_TELEMETRY_DISABLED: "1",
    ...s3.env,
  };
  const appA = startProcess("app-a", "server", {
    ...common,
    PORT: String(PORTS.appA),
    SMTP_URL: `smtp://127.0.0.1:${PORTS.smtpApps}?tls=off`,
    EXPORT_DIR: ".data/scale-a-spool",
  });
  const appB = startProcess("app-b", "server", {
    ...common,
    PORT: String(PORTS.appB),
    SMTP_URL: `smtp://127.0.0.1:${PORTS.smtpApps}?tls=off`,
    EXPORT_DIR: ".data/scale-b-spool",
  });
  const worker1 = startProcess("worker-1", "worker", {
    ...common,
    SMTP_URL: `smtp://127.0.0.1:${PORTS.smtpW1}?tls=off`,
    EXPORT_DIR: ".data/scale-w1-spool",
  });
  const worker2 = startProcess("worker-2", "worker", {
    ...common,
    SMTP_URL: `smtp://127.0.0.1:${PORTS.smtpW2}?tls=off`,
    EXPORT_DIR: ".data/scale-w2-spool",
  });
  const ingest = startProcess("ingest", "ingest-server", {
    ...common,
    INGEST_PORT: String(PORTS.ingest),
    TELEMETRY_AUTH_CACHE_SECONDS: "300",
    TELEMETRY_RATE_LIMIT_PER_MINUTE: "1000000",
  });
  for (const child of [appA, appB, worker1, worker2, ingest])
    child.once("exit", (code, signal) => code && step(`process exited early: ${code ?? signal}`));

  const A = `http://localhost:${PORTS.appA}`;
  const B = `http://localhost:${PORTS.appB}`;
  const LB = `http://localhost:${PORTS.lb}`;
  const via = (instance: "A" | "B") => {
    route = instance;
    return LB;
  };
  const INGEST = `http://127.0.0.1:${PORTS.ingest}`;
  for (const base of [A, B])
    await waitFor(`${base}/api/ready`, async () => (await fetch(`${base}/api/ready`)).status === 200, 90_000, 250);
  await waitFor("ingestion server", async () => (await fetch(`${INGEST}/health`)).ok, 30_000);
  // Both workers have registered every queue (they raced creating them on a new database).
  await waitFor(
    "both workers",
    async () =>
      ["worker-1", "worker-2"].every((name) =>
        logLines(name).some((line) => String(line.msg).includes("listening for")),
      ),
    60_000,
    250,
  );
  step("2 app instances, 2 workers and the ingestion server are ready");

  // ---------------------------------------------------------- 1 + 2: session and shared sign-in limits
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined),
  });
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "198.18.7.7" } });
  const page = await context.newPage();
  const email = "bob@example.com";
  const requestLink = async (base: string, p: Page = page) => {
    await p.goto(`${base}/signin`);
    await p.getByLabel("Email").fill(email);
    await p.getByRole("button", { name: /email me a sign-in link/i }).click();
  };
  let since = Date.now();
  await requestLink(via("A"));
  await page.getByRole("heading", { name: "Check your email" }).waitFor();
  const text = await waitForMail(email, since, /sign in/i);
  const link = /https?:\/\/\S+\/signin\/confirm\S*/.exec(text)?.[0];
  assert.ok(link, "the sign-in email carries a link");
  via("B");
  await page.goto(link);
  await page.getByRole("button", { name: /sign in/i }).click();
  await page.waitForURL(/\/account/);
  const cookies = await context.cookies(LB);
  const sessionCookie = cookies.find((cookie) => cookie.name === "authjs.session-token");
  assert.ok(sessionCookie, "a session cookie was set");
  const cookieHeader = `authjs.session-token=${sessionCookie.value}`;
  for (const base of [A, B]) {
    const response = await fetch(`${base}/account`, { headers: { cookie: cookieHeader }, redirect: "manual" });
    assert.equal(response.status, 200, `the session works on ${base}`);
  }
  step("1. a link asked for on instance A, used on instance B: the session works on both");

  // 3 sign-in emails per address per window: 1 used on A; B and A take one each; the 4th (B) is refused.
  since = Date.now();
  const anonymous = await (
    await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "198.18.7.8" } })
  ).newPage();
  await requestLink(via("B"), anonymous);
  await anonymous.getByRole("heading", { name: "Check your email" }).waitFor();
  await requestLink(via("A"), anonymous);
  await anonymous.getByRole("heading", { name: "Check your email" }).waitFor();
  await requestLink(via("B"), anonymous);
  await anonymous.getByText(/Too many sign-in links were requested for this address/).waitFor();
  assert.equal(
    caught.filter((mail) => mail.to === email && mail.at >= since).length,
    2,
    "only the two allowed links were sent",
  );
  step("2. sign-in limits are shared: the 4th link for one address is refused, on the other instance");

  // ---------------------------------------------------------- 3: export built once, downloaded elsewhere
  const exportPage = await context.newPage();
  await exportPage.goto(`${via("A")}/account/data`);
  await exportPage.getByRole("button", { name: "Prepare my download" }).click();
  const bob = (await pool.query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email])).rows[0];
  const job = await waitFor(
    "export READY",
    async () =>
      (
        await pool.query<{ id: string; sha256: string; fileSize: string }>(
          `SELECT id, sha256, "fileSize"::text FROM "ExportJob" WHERE "userId" = $1 AND status = 'READY'`,
          [bob.id],
        )
      ).rows[0],
    60_000,
    250,
  );
  const builds = await pool.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM pgboss.job WHERE name = 'export.build' AND data->>'exportId' = $1`,
    [job.id],
  );
  assert.equal(Number(builds.rows[0].n), 1, "one build job");
  const readyAudits = await pool.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM "AuditLog" WHERE action = 'export.ready' AND "targetId" = $1`,
    [job.id],
  );
  assert.equal(Number(readyAudits.rows[0].n), 1, "built exactly once");
  const builtBy = ["worker-1", "worker-2"].filter((name) =>
    logLines(name).some((line) => line.msg === "export built" && line.exportId === job.id),
  );
  assert.equal(builtBy.length, 1, "one worker built it");
  const download = await fetch(`${B}/api/export/${job.id}/download`, { headers: { cookie: cookieHeader } });
  assert.equal(download.status, 200, "downloads from instance B");
  const archive = Buffer.from(await download.arrayBuffer());
  assert.equal(archive.subarray(0, 2).toString(), "PK");
  assert.equal(createHash("sha256").update(archive).digest("hex"), job.sha256, "the archive is the one built");
  const s3Client = createS3Client({
    endpoint: s3.endpoint,
    region: "us-east-1",
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    forcePathStyle: true,
  });
  const listed = await s3Client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
  assert.deepEqual(
    (listed.Contents ?? []).map((object) => object.Key),
    [`exports/${job.id}.zip`],
    "the archive lives in the bucket",
  );
  for (const dir of [".data/scale-a-spool", ".data/scale-b-spool", ".data/scale-w1-spool", ".data/scale-w2-spool"]) {
    const left = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
    assert.deepEqual(left, [], `no archive left on a machine's disk (${dir})`);
  }
  const other = await fetch(`${A}/api/export/${job.id}/download`);
  assert.notEqual(other.status, 200, "no download without the owner's session");
  step(
    `3. export ${job.id} built once (job logged by ${builtBy.join(", ") || "?"}), stored in S3, ${archive.length} bytes downloaded from instance B`,
  );

  // ---------------------------------------------------------- 4: opt-out through A reaches ingestion at once
  const installToken = randomBytes(24).toString("hex");
  const installId = `scale-${randomBytes(4).toString("hex")}`;
  await pool.query(`INSERT INTO "Cluster" (id, "userId", name, "tokenHash") VALUES ($1, $2, 'scale cluster', $3)`, [
    installId,
    bob.id,
    createHash("sha256").update(installToken).digest("hex"),
  ]);
  const report = (id: string, token: string, n = 1) =>
    fetch(`${INGEST}/api/telemetry`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ installId: id, kind: "usage", data: { apps: n } }),
    });
  assert.equal(
    (await report(installId, installToken)).status,
    202,
    "reports are accepted (the install is now cached for 5 minutes)",
  );
  await page.goto(`${via("A")}/account/preferences/telemetry`);
  await page.getByRole("button", { name: "Turn off telemetry for all your installs" }).click();
  await page.getByText("Telemetry is off for your whole account.").waitFor();
  const optedOutAt = Date.now();
  const afterOptOut = await waitFor(
    "ingestion to see the opt-out",
    async () => {
      const response = await report(installId, installToken);
      const body = (await response.json()) as { collection?: string };
      return body.collection === "disabled" ? response : null;
    },
    2000,
    20,
  );
  assert.equal(afterOptOut.status, 200);
  const lagMs = Date.now() - optedOutAt;
  const stored = await pool.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM "TelemetryReport" WHERE "clusterId" = $1`,
    [installId],
  );
  step(
    `4. opt-out through instance A: the ingestion process stopped storing within ${lagMs} ms (LISTEN/NOTIFY; cache TTL 300 s); ${stored.rows[0].n} report stored from before`,
  );

  // ---------------------------------------------------------- 5: 2,000-person campaign, two workers, one killed
  await pool.query(
    `INSERT INTO "User" (id, email, name, "updatedAt") SELECT 'sc' || i, 'scale-' || i || '@example.test', 'Scale ' || i, now() FROM generate_series(1, $1) AS i`,
    [PEOPLE],
  );
  await pool.query(`INSERT INTO "PolicyDocument" (id, slug, title) VALUES ('scale-doc', 'scale-terms', 'Scale Terms')`);
  await pool.query(
    `INSERT INTO "PolicyVersion" (id, "documentId", version, status, markdown, summary, "isSubstantive", "effectiveAt", "publishedAt", "updatedAt")
     VALUES ('scale-v', 'scale-doc', 1, 'PUBLISHED', 'Text', 'We changed how long we keep logs.', true, now() + interval '31 days', now(), now())`,
  );
  await pool.query(
    `INSERT INTO "NoticeCampaign" (id, "policyVersionId", audience, status, "ratePerSecond", "updatedAt") VALUES ('scale-c', 'scale-v', 'ALL', 'RUNNING', $1, now())`,
    [NOTICE_RATE],
  );
  const people = Number((await pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM "User"`)).rows[0].n);
  boss = new PgBoss({ connectionString: databaseUrl, max: 2, supervise: false, schedule: false });
  await boss.start();
  const campaignStart = Date.now();
  const noticeMail = () => caught.filter((mail) => mail.messageId.startsWith("<notice-"));
  await boss.send("notices.start", { campaignId: "scale-c" });
  await waitFor(
    "both workers sending",
    async () => {
      const mail = noticeMail();
      return (
        mail.some((m) => m.port === PORTS.smtpW1) &&
        mail.some((m) => m.port === PORTS.smtpW2) &&
        mail.length >= people * 0.3
      );
    },
    60_000,
    20,
  ).catch(async (error) => {
    const state = await pool.query(`SELECT status::text, count(*) FROM "NoticeDelivery" GROUP BY 1`);
    console.error("notices so far", noticeMail().length, JSON.stringify(state.rows));
    throw error;
  });
  const beforeKill = noticeMail().length;
  worker2.kill("SIGKILL");
  step(`5. worker-2 killed (SIGKILL) after ${beforeKill} of ${people} notices`);
  await waitFor(
    "campaign COMPLETED",
    async () =>
      (await pool.query<{ status: string }>(`SELECT status::text FROM "NoticeCampaign" WHERE id = 'scale-c'`)).rows[0]
        .status === "COMPLETED",
    90_000,
    250,
  );
  const seconds = (Date.now() - campaignStart) / 1000;
  const mail = noticeMail();
  const byPerson = new Map<string, Set<string>>();
  for (const message of mail) {
    const ids = byPerson.get(message.to) ?? new Set<string>();
    ids.add(message.messageId);
    byPerson.set(message.to, ids);
  }
  assert.equal(byPerson.size, people, "every person got a notice");
  assert.ok(
    [...byPerson.values()].every((ids) => ids.size === 1),
    "every person got exactly one message (one Message-ID)",
  );
  const resent = mail.length - people;
  const sent = await pool.query<{ status: string; n: string }>(
    `SELECT status::text, count(*)::text AS n FROM "NoticeDelivery" WHERE "campaignId" = 'scale-c' GROUP BY 1`,
  );
  assert.deepEqual(
    sent.rows.map((row) => [row.status, Number(row.n)]),
    [["SENT", people]],
  );
  const perWorker = {
    "worker-1": mail.filter((m) => m.port === PORTS.smtpW1).length,
    "worker-2": mail.filter((m) => m.port === PORTS.smtpW2).length,
  };
  assert.ok(perWorker["worker-1"] > 0 && perWorker["worker-2"] > 0, "both workers sent some");
  // The campaign's rate is one limit for every lane of both workers (1 s of saved-up slots allowed).
  const times = mail.map((m) => m.at).sort((a, b) => a - b);
  let busiest = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] >= 1000) j++;
    busiest = Math.max(busiest, i - j + 1);
  }
  assert.ok(busiest <= NOTICE_RATE * 2 + 20, `the shared rate held (busiest second ${busiest} > ${NOTICE_RATE * 2})`);
  step(
    `5. ${people} people, one message each (${resent} identical resend${resent === 1 ? "" : "s"} of messages in flight at the kill, same Message-ID); worker-1 ${perWorker["worker-1"]}, worker-2 ${perWorker["worker-2"]}; ${seconds.toFixed(1)} s at ${NOTICE_RATE}/s shared (busiest second ${busiest})`,
  );

  // ---------------------------------------------------------- 6: metrics and readiness
  assert.equal((await fetch(`${A}/api/metrics`)).status, 401);
  const metrics = await (
    await fetch(`${B}/api/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })
  ).text();
  const allSent = Number(
    (await pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM "NoticeDelivery" WHERE status = 'SENT'`)).rows[0]
      .n,
  );
  assert.ok(allSent >= people);
  assert.match(metrics, new RegExp(`portal_notices\\{status="sent"\\} ${allSent}\\n`));
  const built = Number(
    (await pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM "ExportJob" WHERE "completedAt" IS NOT NULL`))
      .rows[0].n,
  );
  assert.ok(built >= 1);
  assert.match(metrics, new RegExp(`portal_exports_built ${built}\\n`));
  assert.match(metrics, /portal_privacy_requests\{deadline="overdue"\}/);
  assert.match(metrics, /portal_job_queue_depth|portal_job_failures/);
  step("6. /api/metrics (bearer token) reports the shared figures on either instance");

  // ---------------------------------------------------------- 7: accepted means stored
  const installs = await Promise.all(
    Array.from({ length: 16 }, async (_, index) => {
      const user = `sc${index + 1}`;
      const token = randomBytes(16).toString("hex");
      const id = `load-${index}-${randomBytes(3).toString("hex")}`;
      await pool.query(`INSERT INTO "Cluster" (id, "userId", name, "tokenHash") VALUES ($1, $2, 'load', $3)`, [
        id,
        user,
        createHash("sha256").update(token).digest("hex"),
      ]);
      return { id, token };
    }),
  );
  const counts = { accepted: 0, refused: 0, other: 0, unreachable: 0 };
  let loading = true;
  const loops = installs.map(async (install) => {
    let n = 0;
    while (loading) {
      try {
        const response = await report(install.id, install.token, n++);
        if (response.status === 202) counts.accepted++;
        else if (response.status === 503) {
          counts.refused++;
          await sleep(50);
        } else counts.other++;
        await response.arrayBuffer().catch(() => undefined);
      } catch {
        counts.unreachable++;
        await sleep(50);
      }
    }
  });
  await sleep(1500);
  const acceptedBeforeOutage = counts.accepted;
  await cluster.stop();
  step(`7. PostgreSQL stopped under load (${acceptedBeforeOutage} accepted so far)`);
  await sleep(1500);
  cluster = await startEmbeddedPostgres({ dataDir, port: PORTS.pg });
  step(`7. PostgreSQL restarted (${counts.refused} answered 503 meanwhile)`);
  await waitFor("ingestion storing again", async () => counts.accepted > acceptedBeforeOutage + 200, 20_000, 100);
  const exited = stopProcess(ingest, "SIGTERM");
  await exited;
  loading = false;
  await Promise.all(loops);
  const rows = Number(
    (
      await pool.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM "TelemetryReport" WHERE "clusterId" = ANY($1::text[])`,
        [installs.map((install) => install.id)],
      )
    ).rows[0].n,
  );
  assert.ok(counts.refused > 0, "the outage was answered with 503");
  assert.equal(rows, counts.accepted, "every 202 is a stored row, and nothing else was stored");
  assert.equal(ingest.exitCode, 0, "the ingestion server drained and exited cleanly");
  step(
    `7. ${counts.accepted} answered 202 = ${rows} rows stored; ${counts.refused} answered 503 (not stored), ${counts.unreachable} not connected after SIGTERM`,
  );

  exitCode = 0;
  step("scale-out test passed");
} catch (error) {
  console.error(`[scale] FAILED: ${(error as Error).stack ?? error}`);
  console.error(`[scale] process logs are in ${path.relative(process.cwd(), LOG_DIR)}/`);
} finally {
  await browser?.close().catch(() => undefined);
  balancer.close();
  await boss?.stop({ graceful: false }).catch(() => undefined);
  await Promise.all(children.map(({ child }) => stopProcess(child, "SIGTERM", 10_000)));
  await pool.end().catch(() => undefined);
  for (const server of sinks) await new Promise<void>((resolve) => server.close(() => resolve()));
  await s3?.stop().catch(() => undefined);
  await cluster.stop().catch(() => undefined);
  for (const dir of [".data/scale-a-spool", ".data/scale-b-spool", ".data/scale-w1-spool", ".data/scale-w2-spool"])
    fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(exitCode);
