// The privacy team's queue and the public metrics with 10^5 requests, against the
// bare indexed SQL for the same page (and one aggregate query for the metrics),
// run side by side, alternating, in one process.
//   npm run tsx -- bench/requests.ts [--requests 100000] [--repeat 40]
import pg from "pg";
import { getBenchDb, stopBenchCluster } from "./lib/bench-db";

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const N = arg("requests", 100_000);
const REPEAT = arg("repeat", 40);

const bench = await getBenchDb(2000);
process.env.DATABASE_URL = bench.url;
process.env.AUTH_SECRET ??= "bench-secret-bench-secret-0123";
const { disconnectDb } = await import("../lib/core/db");
const { listRequestQueue } = await import("../lib/requests/admin");
const { getRequestMetrics } = await import("../lib/requests/metrics");

const pool = new pg.Pool({ connectionString: bench.url, max: 2 });
const admin = (
  await pool.query<{ id: string; email: string }>(`SELECT id, email FROM "User" WHERE role = 'ADMIN' LIMIT 1`)
).rows[0];
const viewer = { userId: admin.id, email: admin.email, name: null, role: "ADMIN" as const };

const existing = Number(
  (await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "PrivacyRequest" WHERE details = 'bench'`)).rows[0].n,
);
if (existing < N) {
  console.log(`seeding ${(N - existing).toLocaleString("en")} requests…`);
  const users = (await pool.query<{ id: string }>(`SELECT id FROM "User"`)).rows.map((row) => row.id);
  // Mixed statuses, laws and types; received over the last 2 years, so some are overdue and some due soon.
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

// What the queue asks for, written as plain SQL against the same index (isOpen, dueAt).
const bare = {
  first: `SELECT p.id, p.type, p.status, p."isOpen", p.jurisdiction, p."dueAt", p."createdAt", p."extendedAt", p."assigneeId", u.email
            FROM "PrivacyRequest" p LEFT JOIN "User" u ON u.id = p."userId" WHERE p."isOpen" ORDER BY p."dueAt", p.id LIMIT 51`,
  overdue: `SELECT p.id, p.type, p.status, p."isOpen", p.jurisdiction, p."dueAt", p."createdAt", p."extendedAt", p."assigneeId", u.email
              FROM "PrivacyRequest" p LEFT JOIN "User" u ON u.id = p."userId" WHERE p."isOpen" AND p."dueAt" < now() ORDER BY p."dueAt", p.id LIMIT 51`,
  soon: `SELECT p.id, p.type, p.status, p."isOpen", p.jurisdiction, p."dueAt", p."createdAt", p."extendedAt", p."assigneeId", u.email
           FROM "PrivacyRequest" p LEFT JOIN "User" u ON u.id = p."userId" WHERE p."isOpen" AND p."dueAt" >= now() AND p."dueAt" <= now() + interval '7 days' ORDER BY p."dueAt", p.id LIMIT 51`,
  metrics: `SELECT extract(year FROM "createdAt")::int AS year, type::text AS type, count(*), count(*) FILTER (WHERE status = 'COMPLETED'), count(*) FILTER (WHERE status = 'DENIED'),
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "closedAt" - "createdAt") / 86400.0) FILTER (WHERE "closedAt" IS NOT NULL)
              FROM "PrivacyRequest" GROUP BY 1, 2`,
};
const portal = {
  first: () => listRequestQueue({ admin: viewer, filters: {} }),
  overdue: () => listRequestQueue({ admin: viewer, filters: { overdue: true } }),
  soon: () => listRequestQueue({ admin: viewer, filters: { dueWithinDays: 7 } }),
  metrics: () => getRequestMetrics(),
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
async function time(fn: () => Promise<unknown>) {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

console.log(`${N.toLocaleString("en")} requests; ${REPEAT} alternating runs each (after a warm-up)\n`);
const limits: Record<string, number> = { first: 2, overdue: 2, soon: 2, metrics: 3 };
for (const key of Object.keys(bare) as (keyof typeof bare)[]) {
  for (let i = 0; i < 3; i++) {
    await portal[key]();
    await pool.query(bare[key]);
  }
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    ours.push(await time(portal[key]));
    theirs.push(await time(() => pool.query(bare[key])));
  }
  const ratio = median(ours) / median(theirs);
  console.log(
    `${key.padEnd(8)} portal median ${median(ours).toFixed(2)} ms, bare SQL median ${median(theirs).toFixed(2)} ms, ratio ${ratio.toFixed(2)} (limit ${limits[key]})`,
  );
}
await pool.end();
await disconnectDb();
await stopBenchCluster();
