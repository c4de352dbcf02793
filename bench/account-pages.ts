// Signed-in pages under load (issue 20.5): requests per second of `/account` and
// `/account/data` at 10 connections against the production build, with a
// same-run baseline (`/api/health`, no session, no page) so figures from
// different runs compare by their ratio. `npm run build` first.
//   npm run tsx -- bench/account-pages.ts [--quick] [--duration 10] [--rounds 2] [--connections 10]
//                                         [--before <dir>] [--queries]
// --before <dir>: also starts the production server of another checkout (built there,
// e.g. main's), on the same database; each round loads both, one path after the
// other, so a busy neighbour hits both alike. --queries: also counts the database
// transactions per page view (pg_stat_database, sequential requests, servers idle
// otherwise). The last lines are `BENCH_RESULT {json}` for npm run bench.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { getFreePort } from "../scripts/lib/embedded-pg";
import { getBenchDb, stopBenchCluster } from "./lib/bench-db";

const args = new Map<string, string>();
for (let index = 2; index < process.argv.length; index++) {
  const name = process.argv[index].replace(/^--/, "");
  const value = process.argv[index + 1];
  const isFlag = value === undefined || value.startsWith("--");
  args.set(name, isFlag ? "1" : value);
  if (!isFlag) index++;
}
const QUICK = args.has("quick");
const DURATION = Number(args.get("duration") ?? (QUICK ? 5 : 10));
const ROUNDS = Number(args.get("rounds") ?? (QUICK ? 1 : 2));
const CONNECTIONS = Number(args.get("connections") ?? 10);
const BEFORE = args.get("before");
const COUNT_QUERIES = args.has("queries");
const PAGES = [
  { path: "/account", expect: "Your data" },
  { path: "/account/data", expect: "Categories" },
];
/** Signed-in pages render and query; a static answer is far cheaper. Target: the page at ≥ this share of /api/health. */
const TARGET_RATIO = Number(args.get("target") ?? 0.1);
const log = (line: string) => console.log(`[bench] ${line}`);

const db = await getBenchDb(2000);
const token = randomBytes(24).toString("hex");
const client = new pg.Client({ connectionString: db.url });
await client.connect();
await client.query(
  `INSERT INTO "Session" (id, "sessionToken", "userId", expires) VALUES ($1, $2, $3, now() + interval '1 hour')`,
  [`bench-${token.slice(0, 8)}`, token, db.aliceId],
);
const cookie = `authjs.session-token=${token}`;

type Server = { label: string; base: string; child: ChildProcess };

async function startServer(label: string, cwd: string): Promise<Server> {
  const port = await getFreePort();
  const tsArgs = ["--import", path.join(cwd, "scripts/lib/server-only.mjs"), "--import", "tsx"];
  const child = spawn(process.execPath, [...tsArgs, path.join(cwd, "scripts/launch.ts"), "demo"], {
    cwd,
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      PORT: String(port),
      WORKER: "off",
      MAIL_CATCHER: "1",
      APP_URL: `http://localhost:${port}`,
      AUTH_SECRET: "bench-account-pages-secret-0123456789",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://localhost:${port}`;
  for (let attempt = 0; attempt < 240; attempt++) {
    if (child.exitCode !== null) throw new Error(`${label} exited with ${child.exitCode}`);
    if ((await fetch(`${base}/api/health`).catch(() => null))?.ok) return { label, base, child };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${label} did not start`);
}

async function check(server: Server, page: { path: string; expect: string }) {
  const response = await fetch(server.base + page.path, { headers: { cookie }, redirect: "manual" });
  const body = await response.text();
  if (response.status !== 200 || !body.includes(page.expect))
    throw new Error(`${server.label} ${page.path}: status ${response.status}, missing "${page.expect}"`);
}

async function load(server: Server, pagePath: string, signedIn: boolean) {
  const result = await autocannon({
    url: server.base + pagePath,
    connections: CONNECTIONS,
    duration: DURATION,
    headers: signedIn ? { cookie } : {},
  });
  const perSecond = result.requests.total / (result.duration || DURATION);
  const bad = result.non2xx + result.errors;
  log(
    `${server.label} ${pagePath}: ${perSecond.toFixed(1)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms${bad ? `, ${bad} not 2xx/errors` : ""}`,
  );
  if (bad) throw new Error(`${server.label} ${pagePath}: ${bad} responses were not 2xx`);
  return { perSecond, p50: result.latency.p50, p99: result.latency.p99 };
}

/** Database transactions per page view: sequential requests, counted by PostgreSQL once its statistics are flushed. */
async function countTransactions(server: Server, pagePath: string, views = 20) {
  const committed = async () => {
    // Backends flush their counters when idle, at most every 10 s (PGSTAT_IDLE_INTERVAL).
    await new Promise((resolve) => setTimeout(resolve, 11_000));
    await client.query("SELECT pg_stat_clear_snapshot()");
    const { rows } = await client.query<{ n: string }>(
      `SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()`,
    );
    return Number(rows[0].n);
  };
  const before = await committed();
  for (let index = 0; index < views; index++)
    await fetch(server.base + pagePath, { headers: { cookie }, redirect: "manual" }).then((r) => r.text());
  const idle = await committed();
  // The idle wait itself and the counting queries cost a few; measured without requests.
  const noise = (await committed()) - idle;
  return (idle - before - noise) / views;
}

const servers: Server[] = [];
try {
  servers.push(await startServer("this checkout", process.cwd()));
  if (BEFORE) servers.push(await startServer("before", path.resolve(BEFORE)));
  for (const server of servers) {
    for (const page of PAGES) await check(server, page);
    // Warm-up (JIT, caches, connection pool), not counted.
    for (const page of PAGES) await load(server, page.path, true).catch(() => undefined);
  }
  if (COUNT_QUERIES)
    for (const server of servers)
      for (const page of PAGES)
        log(
          `${server.label} ${page.path}: ${(await countTransactions(server, page.path)).toFixed(1)} database transactions per view`,
        );

  type Row = { round: number; server: string; path: string; perSecond: number; p99: number; baseline: number };
  const rows: Row[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    log(`round ${round} of ${ROUNDS}`);
    // Alternate the order so neither server always runs first.
    const ordered = round % 2 ? servers : [...servers].reverse();
    for (const server of ordered) {
      const baseline = await load(server, "/api/health", false);
      for (const page of PAGES) {
        const measured = await load(server, page.path, true);
        rows.push({
          round,
          server: server.label,
          path: page.path,
          perSecond: measured.perSecond,
          p99: measured.p99,
          baseline: baseline.perSecond,
        });
      }
    }
  }

  console.log("");
  console.log(`| round | server | page | req/s (-c${CONNECTIONS}) | p99 ms | /api/health req/s | ratio |`);
  console.log("| ---: | --- | --- | ---: | ---: | ---: | ---: |");
  for (const row of rows)
    console.log(
      `| ${row.round} | ${row.server} | ${row.path} | ${row.perSecond.toFixed(1)} | ${row.p99} | ${row.baseline.toFixed(0)} | ${(row.perSecond / row.baseline).toFixed(3)} |`,
    );
  const summary = (server: string, pagePath: string) => {
    const picked = rows.filter((row) => row.server === server && row.path === pagePath);
    const perSecond = picked.reduce((sum, row) => sum + row.perSecond, 0) / picked.length;
    const baseline = picked.reduce((sum, row) => sum + row.baseline, 0) / picked.length;
    return { perSecond, baseline, ratio: perSecond / baseline };
  };
  for (const server of servers)
    for (const page of PAGES) {
      const { perSecond, baseline, ratio } = summary(server.label, page.path);
      console.log(
        `| all | ${server.label} | ${page.path} | ${perSecond.toFixed(1)} | | ${baseline.toFixed(0)} | ${ratio.toFixed(3)} |`,
      );
    }
  if (BEFORE)
    for (const page of PAGES)
      log(
        `${page.path}: this checkout / before = ${(summary(servers[0].label, page.path).ratio / summary("before", page.path).ratio).toFixed(2)}x (ratios to /api/health)`,
      );
  console.log("");
  for (const page of PAGES) {
    const { perSecond, baseline, ratio } = summary(servers[0].label, page.path);
    console.log(
      `BENCH_RESULT ${JSON.stringify({
        path: `signed-in ${page.path}, -c${CONNECTIONS} (bench/account-pages.ts)`,
        figure: `${perSecond.toFixed(0)} req/s`,
        baseline: `${baseline.toFixed(0)} req/s /api/health`,
        ratio: Number(ratio.toFixed(3)),
        target: `≥ ${TARGET_RATIO}x`,
        pass: ratio >= TARGET_RATIO,
      })}`,
    );
  }
} finally {
  for (const server of servers) server.child.kill("SIGTERM");
  await Promise.all(
    servers.map(
      ({ child }) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve))),
    ),
  );
  await client.query(`DELETE FROM "Session" WHERE "sessionToken" = $1`, [token]);
  await client.end();
  await stopBenchCluster();
}
