// /privacy/metrics at 10^5 privacy requests: the time per view of the page's figures,
// computed every time (as before) against the cached figures (lib/metrics/public.ts,
// at most a minute old), over a minute of simulated views that includes the refreshes.
//   npm run tsx -- bench/public-metrics.ts [--quick] [--requests 100000] [--views 2000]
// Prints one BENCH_RESULT line (mean ms per view with the cache; target <= 20 ms).
import pg from "pg";
import { getBenchDb, stopBenchCluster } from "./lib/bench-db";

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const quick = process.argv.includes("--quick");
const N = arg("requests", 100_000);
const VIEWS = arg("views", quick ? 600 : 3000);
const UNCACHED = arg("uncached", quick ? 5 : 15);
const TARGET_MS = 20;

const bench = await getBenchDb(2000);
process.env.DATABASE_URL = bench.url;
process.env.AUTH_SECRET ??= "bench-secret-bench-secret-0123";
const { disconnectDb } = await import("../lib/core/db");
const { getRequestMetrics } = await import("../lib/requests/metrics");
const { getLegalRequestMetrics } = await import("../lib/legal/public");
const { getPublicRequestMetrics, forgetPublicRequestMetrics, PUBLIC_METRICS_TTL_MS } =
  await import("../lib/metrics/public");

const pool = new pg.Pool({ connectionString: bench.url, max: 2 });
const existing = Number(
  (await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "PrivacyRequest" WHERE details = 'bench'`)).rows[0]!.n,
);
if (existing < N) {
  // The same rows as bench/requests.ts (mixed statuses and types over two years).
  console.log(`seeding ${(N - existing).toLocaleString("en")} requests…`);
  const users = (await pool.query<{ id: string }>(`SELECT id FROM "User"`)).rows.map((row) => row.id);
  await pool.query(
    `INSERT INTO "PrivacyRequest" (id, "userId", type, status, "isOpen", jurisdiction, details, "dueAt", "initialDueAt", "createdAt", "closedAt", "updatedAt")
     SELECT 'bench' || g, ($3::text[])[1 + g % array_length($3::text[], 1)],
            (ARRAY['ACCESS','CORRECTION','DELETION','RESTRICTION','OBJECTION','SHINE_THE_LIGHT','QUESTION'])[1 + g % 7]::"RequestType",
            s.status::"RequestStatus", s.status IN ('RECEIVED','VERIFIED','IN_PROGRESS'),
            (ARRAY['GDPR','CCPA','CALIFORNIA_STL','OTHER'])[1 + g % 4]::"Jurisdiction", 'bench',
            created + interval '30 days', created + interval '30 days', created,
            CASE WHEN s.status IN ('COMPLETED','DENIED','WITHDRAWN') THEN created + ((g % 40) || ' days')::interval END, now()
       FROM generate_series($1::int, $2::int) g,
            LATERAL (SELECT now() - ((g * 7919 % 730) || ' days')::interval AS created) c,
            LATERAL (SELECT (ARRAY['COMPLETED','COMPLETED','COMPLETED','DENIED','WITHDRAWN','RECEIVED','VERIFIED','IN_PROGRESS'])[1 + g % 8] AS status) s`,
    [existing + 1, N, users],
  );
  await pool.query(`ANALYZE "PrivacyRequest"`);
}

const uncached = async () => Promise.all([getRequestMetrics(), getLegalRequestMetrics()]);
await uncached(); // warm-up
const before: number[] = [];
for (let i = 0; i < UNCACHED; i++) {
  const started = performance.now();
  await uncached();
  before.push(performance.now() - started);
}
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

// VIEWS views spread over one minute and a half of simulated time, so the figures expire and are
// recomputed along the way (behind the views: a view that finds them expired gets the old ones).
forgetPublicRequestMetrics();
const span = PUBLIC_METRICS_TTL_MS * 1.5;
const after: number[] = [];
for (let i = 0; i < VIEWS; i++) {
  const at = (i / VIEWS) * span;
  const started = performance.now();
  await getPublicRequestMetrics({ clock: () => at });
  after.push(performance.now() - started);
}
const perView = mean(after);
const sorted = [...after].sort((a, b) => a - b);
const p99 = sorted[Math.floor(sorted.length * 0.99)]!;
// A refresh may still be running in the background: let it finish before closing the pool.
await new Promise((resolve) => setTimeout(resolve, Math.ceil(mean(before) * 3)));
console.log(
  `${N.toLocaleString("en")} requests: computed every view ${mean(before).toFixed(1)} ms per view (${UNCACHED} views); ` +
    `cached ${perView.toFixed(3)} ms per view over ${VIEWS} views in ${(span / 1000).toFixed(0)} simulated s (median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms, max ${Math.max(...after).toFixed(1)} ms: the first view computes, later refreshes run behind the views)`,
);
console.log(
  `BENCH_RESULT ${JSON.stringify({
    path: "/privacy/metrics figures at 10^5 requests (per view, cached 60 s)",
    figure: `${perView.toFixed(2)} ms`,
    baseline: `${mean(before).toFixed(1)} ms uncached`,
    ratio: Number((perView / mean(before)).toFixed(4)),
    target: `<= ${TARGET_MS} ms`,
    pass: perView <= TARGET_MS,
  })}`,
);
await pool.end();
await disconnectDb();
await stopBenchCluster();
