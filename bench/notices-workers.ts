// Benchmark: change-notice fan-out with ONE worker process, then with TWO, in the
// same run, on the same database and SMTP sink, each to N recipients (default
// 10,000), with the CPU seconds each process used (from /proc): the workers, the
// PostgreSQL server (postmaster + backends, exited backends included through the
// postmaster's reaped-children times) and the SMTP sink. Names the bottleneck.
//   npm run tsx -- bench/notices-workers.ts [N]
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import PgBoss from "pg-boss";
import { createDatabase, startEmbeddedPostgres } from "../scripts/lib/embedded-pg";
import { migrateDatabase } from "../lib/core/migrate";
import { startSmtpSink } from "./lib/smtp-sink";
import { TS_NODE_ARGS } from "../scripts/lib/node-args";

const N = Number(process.argv[2] ?? 10_000);
const TICKS = 100; // USER_HZ on Linux
const DATA_DIR = ".data/pg-bench";

/** utime+stime (and, with children, cutime+cstime) in seconds. */
function cpuSeconds(pid: number, withReapedChildren = false): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields[0] is state (field 3); utime is field 14 → index 11.
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((index) => Number(fields[index]));
    return (utime + stime + (withReapedChildren ? cutime + cstime : 0)) / TICKS;
  } catch {
    return 0;
  }
}

/** Busy and total jiffies of the whole machine (every process, ours or not). */
function machineTicks(): { busy: number; total: number } {
  const fields = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = fields[3] + (fields[4] ?? 0);
  const total = fields.reduce((sum, value) => sum + value, 0);
  return { busy: total - idle, total };
}

function childrenOf(parent: number): number[] {
  const pids: number[] = [];
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === parent) pids.push(Number(name));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

function postgresCpu(): number {
  const postmaster = Number(fs.readFileSync(path.join(DATA_DIR, "postmaster.pid"), "utf8").split("\n")[0]);
  return cpuSeconds(postmaster, true) + childrenOf(postmaster).reduce((sum, pid) => sum + cpuSeconds(pid), 0);
}

const cluster = await startEmbeddedPostgres({ dataDir: DATA_DIR });
await createDatabase(cluster.adminUrl(), "notices_workers_bench", { reset: true });
const databaseUrl = cluster.adminUrl("notices_workers_bench");
await migrateDatabase(databaseUrl);

const { child: sink, port: smtpPort, count: sinkCount } = await startSmtpSink();

const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
pool.on("error", () => undefined);
console.log(`seeding ${N} people…`);
await pool.query(
  `INSERT INTO "User" (id, email, name, "updatedAt") SELECT 'bu' || i, 'bench-' || i || '@example.test', 'Bench User ' || i, now() FROM generate_series(1, $1) AS i`,
  [N],
);
await pool.query(`INSERT INTO "PolicyDocument" (id, slug, title) VALUES ('bench-doc', 'bench', 'Privacy Policy')`);
for (const version of [1, 2]) {
  await pool.query(
    `INSERT INTO "PolicyVersion" (id, "documentId", version, status, markdown, summary, "isSubstantive", "effectiveAt", "publishedAt", "updatedAt")
     VALUES ($1, 'bench-doc', $2, 'PUBLISHED', 'Text', 'We now keep server logs for 30 days instead of 90.', true, now() + interval '31 days', now(), now())`,
    [`bench-v${version}`, version],
  );
  await pool.query(
    `INSERT INTO "NoticeCampaign" (id, "policyVersionId", audience, status, "ratePerSecond", "updatedAt") VALUES ($1, $2, 'ALL', 'RUNNING', 1000000, now())`,
    [`bench-c${version}`, `bench-v${version}`],
  );
}
await pool.query("VACUUM ANALYZE");

const workerEnv = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  SMTP_URL: `smtp://127.0.0.1:${smtpPort}?tls=off`,
  AUTH_SECRET: "bench-secret-0123456789abcdef",
  APP_URL: "http://localhost:3000",
  NOTICE_SMTP_CONNECTIONS: "5",
  NOTICE_BATCH_SIZE: "500",
  NOTICE_SLICE_SECONDS: "30",
  NOTICE_SEND_LANES: "4",
  NOTICE_WORKER_SLICES: "2",
};

async function startWorkers(count: number): Promise<ChildProcess[]> {
  const workers = Array.from({ length: count }, () =>
    spawn(process.execPath, [...TS_NODE_ARGS, "scripts/worker.ts"], {
      env: workerEnv,
      stdio: ["ignore", "pipe", "inherit"],
    }),
  );
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve) => {
          worker.stdout!.on("data", (chunk: Buffer) => {
            if (chunk.toString().includes("listening for")) resolve();
          });
        }),
    ),
  );
  return workers;
}

type Run = { workers: number; seconds: number; rate: number; cpu: Record<string, number>; machineBusyCores: number };

async function run(workerCount: number, campaignId: string): Promise<Run> {
  const workers = await startWorkers(workerCount);
  const boss = new PgBoss({ connectionString: databaseUrl, max: 2, supervise: false, schedule: false });
  await boss.start();
  const before = {
    workers: workers.map((worker) => cpuSeconds(worker.pid!)),
    postgres: postgresCpu(),
    sink: cpuSeconds(sink.pid!),
    sent: await sinkCount(),
  };
  const machineBefore = machineTicks();
  const started = performance.now();
  await boss.send("notices.start", { campaignId });
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const { rows } = await pool.query<{ status: string }>(`SELECT status::text FROM "NoticeCampaign" WHERE id = $1`, [
      campaignId,
    ]);
    if (rows[0].status === "COMPLETED") break;
  }
  const seconds = (performance.now() - started) / 1000;
  const machineAfter = machineTicks();
  const machineBusyCores =
    ((machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total)) * os.cpus().length;
  const cpu: Record<string, number> = {};
  workers.forEach((worker, index) => (cpu[`worker ${index + 1}`] = cpuSeconds(worker.pid!) - before.workers[index]));
  cpu.postgres = postgresCpu() - before.postgres;
  cpu["smtp sink"] = cpuSeconds(sink.pid!) - before.sink;
  const delivered = (await sinkCount()) - before.sent;
  await boss.stop({ graceful: false });
  for (const worker of workers) worker.kill("SIGTERM");
  await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once("exit", resolve))));
  if (delivered < N) console.log(`  (sink received ${delivered} of ${N})`);
  return { workers: workerCount, seconds, rate: N / seconds, cpu, machineBusyCores };
}

const results: Run[] = [];
results.push(await run(1, "bench-c1"));
results.push(await run(2, "bench-c2"));

console.log(`\nnotice fan-out, ${N} recipients each, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"})`);
for (const result of results) {
  const total = Object.values(result.cpu).reduce((sum, value) => sum + value, 0);
  const parts = Object.entries(result.cpu).map(
    ([name, value]) => `${name} ${value.toFixed(1)} s (${((value / result.seconds) * 100).toFixed(0)}% of a core)`,
  );
  console.log(
    `${result.workers} worker${result.workers === 1 ? " " : "s"}: ${result.seconds.toFixed(1)} s, ${result.rate.toFixed(0)} msg/s; CPU ${parts.join(", ")}; total ${total.toFixed(1)} s = ${(total / result.seconds).toFixed(2)} cores busy; whole machine ${result.machineBusyCores.toFixed(2)} of ${os.cpus().length} cores busy`,
  );
}
const [one, two] = results;
console.log(`ratio 2 workers / 1 worker: ${(two.rate / one.rate).toFixed(2)}×`);
const busiest = Object.entries(two.cpu).sort((a, b) => b[1] - a[1])[0];
const workerCpu = Object.entries(two.cpu)
  .filter(([name]) => name.startsWith("worker"))
  .reduce((sum, [, value]) => sum + value, 0);
const coresBusy = Object.values(two.cpu).reduce((sum, value) => sum + value, 0) / two.seconds;
console.log(
  `bottleneck: with two workers the processes keep ${coresBusy.toFixed(2)} of ${os.cpus().length} cores busy; the largest share is ${busiest[0]} ` +
    `(${((busiest[1] / two.seconds) * 100).toFixed(0)}% of a core), workers together ${((workerCpu / two.seconds) * 100).toFixed(0)}% — ` +
    (two.machineBusyCores > os.cpus().length * 0.85
      ? `the machine's CPU is saturated (${two.machineBusyCores.toFixed(2)} of ${os.cpus().length} cores busy, ${(two.machineBusyCores - coresBusy).toFixed(2)} of them by other processes): a second worker on the same machine only splits the same CPU.`
      : "CPU is not saturated: the limit is latency (round trips per batch, SMTP replies)."),
);

await pool.end();
sink.kill();
await cluster.stop();
process.exit(0);
