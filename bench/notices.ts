// Benchmark: policy-change notices to N recipients (default 100,000) through
// the full pipeline (pg-boss enqueue -> materialise -> claim -> render ->
// pooled SMTP send -> record) versus a bare pooled nodemailer loop sending the
// same pre-rendered messages with no database, both to one loopback SMTP sink
// in a separate process, in the same run. Also samples the worker's memory.
//   npm run tsx -- bench/notices.ts [N]
import pg from "pg";
import PgBoss from "pg-boss";
import { createDatabase, startEmbeddedPostgres } from "../scripts/lib/embedded-pg";
import { migrateDatabase } from "../lib/core/migrate";
import { startSmtpSink } from "./lib/smtp-sink";

const N = Number(process.argv[2] ?? 100_000);
const CONNECTIONS = 5;

const cluster = await startEmbeddedPostgres({ dataDir: ".data/pg-bench" });
await createDatabase(cluster.adminUrl(), "notices_bench", { reset: true });
const databaseUrl = cluster.adminUrl("notices_bench");
await migrateDatabase(databaseUrl);

const { child: sink, port: port, count: sinkCount } = await startSmtpSink();
const smtpUrl = `smtp://127.0.0.1:${port}?tls=off`;

Object.assign(process.env, {
  DATABASE_URL: databaseUrl,
  SMTP_URL: smtpUrl,
  AUTH_SECRET: "bench-secret-0123456789abcdef",
  APP_URL: "http://localhost:3000",
  NOTICE_SMTP_CONNECTIONS: String(CONNECTIONS),
  NOTICE_BATCH_SIZE: "500",
  NOTICE_SLICE_SECONDS: "30",
  NOTICE_LEASE_SECONDS: "120",
});

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
{
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

// ---- full pipeline: pg-boss worker in this process
const { startWorker } = await import("../lib/core/worker");
const { jobs } = await import("../scripts/lib/jobs");
const worker = await startWorker({ databaseUrl, jobs, log: () => {} });
const client = new PgBoss({ connectionString: databaseUrl, max: 2, supervise: false, schedule: false });
await client.start();
const before = await sinkCount();
global.gc?.();
const memory: { sent: number; rssMb: number; heapMb: number }[] = [];
const started = performance.now();
await client.send("notices.start", { campaignId: "bench-c" });
let sent = 0;
for (;;) {
  await new Promise((r) => setTimeout(r, 1000));
  const row = await pool.query<{ status: string; sent: string }>(
    `SELECT c.status::text, (SELECT count(*) FROM "NoticeDelivery" d WHERE d."campaignId" = c.id AND d.status = 'SENT') AS sent FROM "NoticeCampaign" c WHERE c.id = 'bench-c'`,
  );
  sent = Number(row.rows[0].sent);
  const usage = process.memoryUsage();
  memory.push({ sent, rssMb: usage.rss / 2 ** 20, heapMb: usage.heapUsed / 2 ** 20 });
  if (row.rows[0].status === "COMPLETED") break;
}
const seconds = (performance.now() - started) / 1000;
const delivered = (await sinkCount()) - before;
const pipelineRate = N / seconds;
const baseline = (globalThis as { baseline?: number }).baseline!;
console.log(
  `pipeline  : ${N} notices in ${seconds.toFixed(1)} s = ${pipelineRate.toFixed(0)} msg/s (sink received ${delivered}, deliveries SENT ${sent})`,
);
console.log(`ratio     : ${(pipelineRate / baseline).toFixed(2)} (target >= 0.5)`);
const pick = (fraction: number) => memory.find((m) => m.sent >= N * fraction) ?? memory[memory.length - 1];
console.log(
  "memory    : " +
    [0.1, 0.25, 0.5, 0.75, 1]
      .map((f) => `${f * 100}% sent rss ${pick(f).rssMb.toFixed(0)} MB heap ${pick(f).heapMb.toFixed(0)} MB`)
      .join(" | "),
);
const heaps = memory.filter((m) => m.sent >= N * 0.1).map((m) => m.heapMb);
console.log(
  `heap range after 10%: ${Math.min(...heaps).toFixed(0)}–${Math.max(...heaps).toFixed(0)} MB over ${heaps.length} samples`,
);

await client.stop({ graceful: false });
await worker.stop();
await pool.end();
sink.kill();
const appBoss = await (globalThis as { __portalBoss?: Promise<PgBoss> }).__portalBoss;
await appBoss?.stop({ graceful: false }).catch(() => {});
await new Promise((r) => setTimeout(r, 500));
const { disconnectDb } = await import("../lib/core/db");
await disconnectDb();
await cluster.stop();
process.exit(0);
