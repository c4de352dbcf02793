// Retention purge speed and its effect on other people, measured side by side:
//   engine   = a retention run (lib/retention/purge.ts, server-logs target): batches found
//              through the time index, deleted by ctid (TID scan), plus the run's records
//   baseline = a plain batched DELETE of the same rows:
//              DELETE ... WHERE id IN (SELECT id ... WHERE "occurredAt" < cutoff LIMIT batch), until none
// Each round inserts N expired server-log rows (spread over 50 people, dated in 2001)
// twice, purges one copy with each method (order alternates), and meanwhile times
// bob's "Your data" queries (the overview's exact counts and the first server-log
// page) to compare their p99 with idle.
//   npm run tsx -- bench/retention.ts [--rows 1000000] [--rounds 2] [--batch 5000]
import pg from "pg";
import { getBenchDb, stopBenchCluster } from "./lib/bench-db";
import { pageProbe, pct } from "./lib/page-probe";

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const ROWS = arg("rows", 1_000_000);
const ROUNDS = arg("rounds", 2);
const BATCH = arg("batch", 5_000);
// Server logs are kept 180 days: as of this date, everything dated before 2001-07-05 has expired.
const AS_OF = new Date("2002-01-01T00:00:00Z");
const CUTOFF = new Date(AS_OF.getTime() - 180 * 86_400_000);

const bench = await getBenchDb(2000);
process.env.DATABASE_URL = bench.url;
process.env.AUTH_SECRET ??= "bench-secret-bench-secret-0123";
process.env.SMTP_URL = "";
const { getPool, disconnectDb, prisma } = await import("../lib/core/db");
const { createRetentionRun, executeRetentionRun } = await import("../lib/retention/purge");
const { ensureRetentionRules } = await import("../lib/retention/rules");
const { countDatasets, listPage } = await import("../lib/data/queries");
const { findDataset } = await import("../lib/data/registry");

const admin = new pg.Pool({ connectionString: bench.url, max: 2 });
const reader = new pg.Pool({ connectionString: bench.url, max: 2 });
const bobId = (await admin.query<{ id: string }>(`SELECT id FROM "User" WHERE email = 'bob@example.com'`)).rows[0].id;
const serverLogs = findDataset("server-logs")!.dataset;
await ensureRetentionRules();
await admin.query(`UPDATE "RetentionRule" SET days = 180 WHERE target = 'server-logs'`);

const people: string[] = [];
for (let index = 0; index < 50; index++) {
  const id = `benchret${index}`;
  await admin.query(`INSERT INTO "User" (id, email, "updatedAt") VALUES ($1, $2, now()) ON CONFLICT DO NOTHING`, [
    id,
    `${id}@example.com`,
  ]);
  people.push(id);
}

async function plantExpired() {
  await admin.query(
    `INSERT INTO "ServerLogRecord" ("userId", "occurredAt", ip, path, "userAgent")
     SELECT ($1::text[])[g % 50 + 1], '2001-01-01'::timestamp + (g * (180 * 86400.0 / $2)) * interval '1 second', '203.0.113.' || (g % 250 + 1), '/p/' || (g % 50), 'Mozilla/5.0'
       FROM generate_series(1, $2) g`,
    [people, ROWS],
  );
  await admin.query(`VACUUM ANALYZE "ServerLogRecord"`);
}

async function engine() {
  const run = await createRetentionRun({ dryRun: false, trigger: "schedule", asOf: AS_OF });
  await executeRetentionRun(run.id, { pool: getPool(), batchSize: BATCH, targets: ["server-logs"] });
  const item = await prisma.retentionRunItem.findUniqueOrThrow({
    where: { runId_target: { runId: run.id, target: "server-logs" } },
  });
  if (item.rows !== ROWS) throw new Error(`engine purged ${item.rows}, expected ${ROWS}`);
}

async function baseline() {
  let total = 0;
  for (;;) {
    const result = await admin.query(
      `DELETE FROM "ServerLogRecord" WHERE id IN (SELECT id FROM "ServerLogRecord" WHERE "occurredAt" < $1 LIMIT $2)`,
      [CUTOFF, BATCH],
    );
    total += result.rowCount ?? 0;
    if ((result.rowCount ?? 0) < BATCH) break;
  }
  if (total !== ROWS) throw new Error(`baseline deleted ${total}, expected ${ROWS}`);
}

const { probe, timed } = pageProbe(reader, bobId, { countDatasets, listPage, serverLogs });

console.log(
  `retention purge of ${ROWS.toLocaleString("en")} expired server-log rows; batch ${BATCH}; ${ROUNDS} rounds\n`,
);
const idleTimes: number[] = [];
const results: {
  engineMs: number;
  baselineMs: number;
  engineP99: number;
  baselineP99: number;
  engineIdleP99: number;
  baselineIdleP99: number;
}[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  const order = round % 2 === 1 ? (["engine", "baseline"] as const) : (["baseline", "engine"] as const);
  const measured: Record<string, { ms: number; page: number[]; idleP99: number }> = {};
  for (const method of order) {
    await plantExpired();
    // Idle: bob's page with nothing else running (3 s), on the same table state, just before.
    const idleEnd = Date.now() + 3000;
    const idle = await probe(() => Date.now() > idleEnd);
    idleTimes.push(...idle);
    measured[method] = { ...(await timed(method === "engine" ? engine : baseline)), idleP99: pct(idle, 99) };
  }
  results.push({
    engineMs: measured.engine.ms,
    baselineMs: measured.baseline.ms,
    engineP99: pct(measured.engine.page, 99),
    baselineP99: pct(measured.baseline.page, 99),
    engineIdleP99: measured.engine.idleP99,
    baselineIdleP99: measured.baseline.idleP99,
  });
  const left = await admin.query<{ n: string }>(`SELECT count(*) AS n FROM "ServerLogRecord" WHERE "occurredAt" < $1`, [
    CUTOFF,
  ]);
  console.log(
    `round ${round} (${order.join(" then ")}): engine ${(measured.engine.ms / 1000).toFixed(2)} s, baseline ${(measured.baseline.ms / 1000).toFixed(2)} s, ` +
      `ratio ${(measured.engine.ms / measured.baseline.ms).toFixed(2)}; bob's page p99 during engine ${pct(measured.engine.page, 99).toFixed(1)} ms (${measured.engine.page.length} loads), ` +
      `during baseline ${pct(measured.baseline.page, 99).toFixed(1)} ms (${measured.baseline.page.length} loads); idle p99 just before each: engine ${measured.engine.idleP99.toFixed(1)} ms, baseline ${measured.baseline.idleP99.toFixed(1)} ms; expired rows left ${left.rows[0].n}`,
  );
}
const idleP99 = pct(idleTimes, 99);
const sum = (key: "engineMs" | "baselineMs") => results.reduce((total, result) => total + result[key], 0);
console.log(
  `\nidle: bob's page p50 ${pct(idleTimes, 50).toFixed(1)} ms, p99 ${idleP99.toFixed(1)} ms (${idleTimes.length} loads)`,
);
console.log(
  `time ratio engine/baseline over all rounds: ${(sum("engineMs") / sum("baselineMs")).toFixed(2)} (limit 2.0)`,
);
console.log(
  `bob's page p99 during the engine / idle p99 (all idle samples): ${(Math.max(...results.map((r) => r.engineP99)) / idleP99).toFixed(2)} (limit 3.0, worst round)`,
);
console.log(
  `bob's page p99 during the engine / idle p99 just before it: ${Math.max(...results.map((r) => r.engineP99 / r.engineIdleP99)).toFixed(2)} (limit 3.0, worst round)`,
);
console.log(
  `bob's page p99 during the baseline / idle p99: ${(Math.max(...results.map((r) => r.baselineP99)) / idleP99).toFixed(2)} (for comparison)`,
);
await admin.end();
await reader.end();
await disconnectDb();
// The cluster stopping below ends any connection a pool still keeps idle.
process.on("uncaughtException", (error) => {
  if (!/terminating connection/.test(String(error))) throw error;
});
await stopBenchCluster();
