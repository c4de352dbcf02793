// Benchmark: policy-change notices to N recipients (default 100,000) through
// the full pipeline (pg-boss enqueue -> materialise -> claim -> render ->
// pooled SMTP send -> record) versus a bare pooled nodemailer loop sending the
// same pre-rendered messages with no database, both to one loopback SMTP sink
// in a separate process, in the same run. The worker runs in its own process
// (scripts/worker.ts, as in production), so its memory is its own: resident set
// size sampled every 500 ms from /proc, and the kernel's peak (VmHWM).
//   npm run tsx -- bench/notices.ts [N]      (default 100,000; --quick: 10,000)
//   --worker-only: skip the bare loop (memory experiments: WORKER_NODE_FLAGS="...")
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import pg from "pg";
import PgBoss from "pg-boss";
import { createDatabase, startEmbeddedPostgres } from "../scripts/lib/embedded-pg";
import { migrateDatabase } from "../lib/core/migrate";
import {
  WORKER_NODE_FLAGS as PRODUCTION_WORKER_NODE_FLAGS,
  workerEnv as productionWorkerEnv,
} from "../scripts/lib/node-args";
import { isQuick, printBenchResult } from "./lib/result";
import { startSmtpSink } from "./lib/smtp-sink";

const positional = process.argv.slice(2).find((value) => /^\d+$/.test(value));
const N = Number(positional ?? (isQuick() ? 10_000 : 100_000));
const CONNECTIONS = 5;
const RATIO_TARGET = 0.8;
const RSS_TARGET_MB = 256;

const cluster = await startEmbeddedPostgres({ dataDir: ".data/pg-bench" });
await createDatabase(cluster.adminUrl(), "notices_bench", { reset: true });
const databaseUrl = cluster.adminUrl("notices_bench");
await migrateDatabase(databaseUrl);

const { child: sink, port: port, count: sinkCount } = await startSmtpSink();
const smtpUrl = `smtp://127.0.0.1:${port}?tls=off`;

const workerEnv = {
  DATABASE_URL: databaseUrl,
  SMTP_URL: smtpUrl,
  AUTH_SECRET: "bench-secret-0123456789abcdef",
  APP_URL: "http://localhost:3000",
  NOTICE_SMTP_CONNECTIONS: String(CONNECTIONS),
  NOTICE_BATCH_SIZE: "500",
  NOTICE_SLICE_SECONDS: "30",
  NOTICE_LEASE_SECONDS: "120",
};
Object.assign(process.env, workerEnv);

const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
console.log(`seeding ${N} users…`);
await pool.query(
  `INSERT INTO "User" (id, email, name, "updatedAt") SELECT 'bu' || i, 'bench-' || i || '@example.test', 'Bench User ' || i, now() FROM generate_series(1, $1) AS i`,
  [N],
);
await pool.query(`INSERT INTO "PolicyDocument" (id, slug, title) VALUES ('bench-doc', 'bench', 'Privacy Policy')`);
await pool.query(
  `INSERT INTO "PolicyVersion" (id, "documentId", version, status, markdown, summary, "isSubstantive", "effectiveAt", "publishedAt", "updatedAt")
   VALUES ('bench-v', 'bench-doc', 1, 'PUBLISHED', 'Text', 'We now keep server logs for 30 days instead of 90.\nWe added a processor for email delivery.', true, now() + interval '31 days', now(), now())`,
);
await pool.query(
  `INSERT INTO "NoticeCampaign" (id, "policyVersionId", audience, status, "ratePerSecond", "updatedAt") VALUES ('bench-c', 'bench-v', 'ALL', 'RUNNING', 1000000, now())`,
);
await pool.query("VACUUM ANALYZE");

const { renderCampaignNotice } = await import("../lib/notices/render");
const { renderPolicyNotice } = await import("../lib/policies/notice");
const { renderBreachNotice } = await import("../lib/breaches/notice");
const { createMailTransport } = await import("../lib/email/transport");
const rendered = await renderCampaignNotice(
  pool,
  "bench-c",
  { appUrl: "http://localhost:3000", companyName: "Prime Directive" },
  { POLICY: renderPolicyNotice, BREACH: renderBreachNotice },
);

// ---- baseline: bare pooled nodemailer loop, pre-rendered messages, no database
const workerOnly = process.argv.includes("--worker-only");
if (!workerOnly) {
  const messages = Array.from({ length: 1000 }, (_, i) => rendered.personalise(`Bench User ${i}`));
  const transport = createMailTransport(smtpUrl, { maxConnections: CONNECTIONS });
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS * 4 }, async () => {
      for (let i = next++; i < N; i = next++) {
        const body = messages[i % messages.length];
        await transport.sendMail({
          from: "Privacy Team <privacy@localhost>",
          to: `bench-${i + 1}@example.test`,
          subject: rendered.subject,
          html: body.html,
          text: body.text,
        });
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  (globalThis as { baseline?: number }).baseline = N / seconds;
  console.log(
    `baseline  : ${N} messages in ${seconds.toFixed(1)} s = ${(N / seconds).toFixed(0)} msg/s (sink count ${await sinkCount()})`,
  );
}

// ---- full pipeline: a worker process (scripts/worker.ts), as in production
/** A /proc/<pid>/status field in MB (VmRSS: now; VmHWM: the peak so far). */
function procMb(pid: number, field: "VmRSS" | "VmHWM"): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) / 1024 : 0;
}
// The worker as production runs it: compiled (as `npm run build` compiles dist/worker.js,
// here into .data/bench-dist/ so a stale dist/ is never measured), with plain node and
// the production worker's node flags (WORKER_NODE_FLAGS="..." to compare others). Run
// from source through tsx it would carry tsx's loader (about 45 MB more RSS).
const WORKER_NODE_FLAGS = process.env.WORKER_NODE_FLAGS?.split(" ").filter(Boolean) ?? PRODUCTION_WORKER_NODE_FLAGS;
const compiled = spawnSync(
  process.execPath,
  ["scripts/build-server.mjs", "--only", "worker", "--outdir", ".data/bench-dist"],
  { stdio: "inherit" },
);
if (compiled.status !== 0) throw new Error("could not compile the worker");
const worker = spawn(process.execPath, [...WORKER_NODE_FLAGS, ".data/bench-dist/worker.js"], {
  // With the launcher's MALLOC_ARENA_MAX (unless set here: MALLOC_ARENA_MAX=8 to compare).
  env: productionWorkerEnv({ ...process.env, ...workerEnv }),
  stdio: ["ignore", "pipe", "inherit"],
});
await new Promise<void>((resolve, reject) => {
  worker.once("exit", (code) => reject(new Error(`worker exited (${code})`)));
  worker.stdout!.on("data", (chunk: Buffer) => {
    if (chunk.toString().includes("listening for")) resolve();
  });
});
const client = new PgBoss({ connectionString: databaseUrl, max: 2, supervise: false, schedule: false });
await client.start();
const before = await sinkCount();
const idleRssMb = procMb(worker.pid!, "VmRSS");
const memory: { sent: number; rssMb: number }[] = [];
const sampler = setInterval(() => memory.push({ sent: -1, rssMb: procMb(worker.pid!, "VmRSS") }), 500);
const started = performance.now();
await client.send("notices.start", { campaignId: "bench-c" });
let sent = 0;
for (;;) {
  await new Promise((r) => setTimeout(r, 1000));
  const row = await pool.query<{ status: string; sent: string }>(
    `SELECT c.status::text, (SELECT count(*) FROM "NoticeDelivery" d WHERE d."campaignId" = c.id AND d.status = 'SENT') AS sent FROM "NoticeCampaign" c WHERE c.id = 'bench-c'`,
  );
  sent = Number(row.rows[0].sent);
  memory.push({ sent, rssMb: procMb(worker.pid!, "VmRSS") });
  if (row.rows[0].status === "COMPLETED") break;
}
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
const peakRssMb = procMb(worker.pid!, "VmHWM");
const delivered = (await sinkCount()) - before;
const pipelineRate = N / seconds;
const baseline = (globalThis as { baseline?: number }).baseline ?? NaN;
const ratio = pipelineRate / baseline;
console.log(
  `pipeline  : ${N} notices in ${seconds.toFixed(1)} s = ${pipelineRate.toFixed(0)} msg/s (sink received ${delivered}, deliveries SENT ${sent})`,
);
console.log(`ratio     : ${ratio.toFixed(2)} (target >= ${RATIO_TARGET})`);
const progress = memory.filter((m) => m.sent >= 0);
const pick = (fraction: number) => progress.find((m) => m.sent >= N * fraction) ?? progress[progress.length - 1];
console.log(
  `worker RSS: idle ${idleRssMb.toFixed(0)} MB; ` +
    [0.1, 0.25, 0.5, 0.75, 1].map((f) => `${f * 100}% sent ${pick(f).rssMb.toFixed(0)} MB`).join(" | ") +
    `; max sampled ${Math.max(...memory.map((m) => m.rssMb)).toFixed(0)} MB, peak (VmHWM) ${peakRssMb.toFixed(0)} MB (target <= ${RSS_TARGET_MB})`,
);
const size = N.toLocaleString("en");
if (!workerOnly)
  printBenchResult({
    path: `notice fan-out vs bare nodemailer loop (${size} recipients)`,
    figure: `${pipelineRate.toFixed(0)} msg/s`,
    baseline: `${baseline.toFixed(0)} msg/s`,
    ratio,
    target: `≥ ${RATIO_TARGET}x`,
    pass: ratio >= RATIO_TARGET && delivered >= N,
  });
printBenchResult({
  path: `notice worker peak RSS (${size} recipients${WORKER_NODE_FLAGS.length ? `, node ${WORKER_NODE_FLAGS.join(" ")}` : ""})`,
  figure: `${peakRssMb.toFixed(0)} MB`,
  baseline: `${idleRssMb.toFixed(0)} MB idle`,
  ratio: null,
  target: `≤ ${RSS_TARGET_MB} MB`,
  pass: peakRssMb <= RSS_TARGET_MB,
});

await client.stop({ graceful: false });
worker.removeAllListeners("exit");
worker.kill("SIGTERM");
await new Promise((resolve) => worker.once("exit", resolve));
await pool.end();
sink.kill();
await cluster.stop();
process.exit(0);
