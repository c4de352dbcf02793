// Telemetry ingestion throughput against a bare node:http baseline, in one run,
// loopback only, bounded duration. Usage:
//   npm run tsx -- bench/ingest.ts [--duration 10] [--connections 50] [--rounds 2] [--next 1]
// Each round runs bare, ingest (opted-in) and ingest (opted-out) back to back,
// so a busy neighbour on the machine hits all three alike.
// Uses DATABASE_URL when set (a throw-away database: it is reset!), otherwise
// an embedded PostgreSQL under .data/pg-bench.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import autocannon from "autocannon";
import pg from "pg";
import { createDatabase, getFreePort, startEmbeddedPostgres } from "../scripts/lib/embedded-pg";
import { migrateDatabase } from "../lib/core/migrate";
import { seedDatabase } from "../prisma/seed";
import { TS_NODE_ARGS } from "../scripts/lib/node-args";

const args = new Map<string, string>();
for (let index = 2; index < process.argv.length; index += 2)
  args.set(process.argv[index].replace(/^--/, ""), process.argv[index + 1]);
const DURATION = Number(args.get("duration") ?? 10);
const CONNECTIONS = Number(args.get("connections") ?? 50);
const INSTALLS = 10_000;
const ROUNDS = Number(args.get("rounds") ?? 2);
/** Also load the Next.js route handler (needs `npm run build` first), for comparison. */
const WITH_NEXT = args.get("next") === "1";
const log = (line: string) => console.log(`[bench] ${line}`);
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

type Install = { id: string; token: string };

function spawnServer(command: string[], env: Record<string, string>, readyPattern: RegExp): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TS_NODE_ARGS, ...command], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const timer = setTimeout(() => reject(new Error(`${command[0]} did not start`)), 30_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      if (readyPattern.test(chunk.toString())) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once("exit", (code) => reject(new Error(`${command[0]} exited with ${code}`)));
  });
}

async function load(url: string, installs: Install[], label: string, duration = DURATION) {
  let next = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    pipelining: 1,
    duration,
    method: "POST",
    requests: [
      {
        method: "POST",
        path: "/api/telemetry",
        setupRequest: (request) => {
          const install = installs[next++ % installs.length];
          return {
            ...request,
            headers: { "content-type": "application/json", authorization: `Bearer ${install.token}` },
            body: JSON.stringify({
              installId: install.id,
              kind: "usage",
              version: "v20261101.0",
              data: { apps: next % 40, hosts: (next % 5) + 1, platform: "linux", uptimeSeconds: next * 37 },
            }),
          };
        },
      },
    ],
  });
  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, (stats as { count: number }).count]),
  );
  const perSecond = result.requests.total / (result.duration || duration);
  log(
    `${label}: ${result.requests.total} requests in ${result.duration.toFixed(1)} s = ${perSecond.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${result.errors}, statuses ${JSON.stringify(statuses)}`,
  );
  return { total: result.requests.total, seconds: result.duration || duration, perSecond, statuses };
}

async function primeInstalls(url: string, installs: Install[]) {
  let next = 0;
  await autocannon({
    url,
    connections: 20,
    amount: installs.length,
    requests: [
      {
        method: "POST",
        path: "/api/telemetry",
        setupRequest: (request) => {
          const install = installs[next++ % installs.length];
          return {
            ...request,
            headers: { "content-type": "application/json", authorization: `Bearer ${install.token}` },
            body: JSON.stringify({ installId: install.id, kind: "usage", data: { primed: true } }),
          };
        },
      },
    ],
  });
}

async function main() {
  let stopDb = async () => {};
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const cluster = await startEmbeddedPostgres({ dataDir: ".data/pg-bench", log });
    stopDb = cluster.stop;
    await createDatabase(cluster.adminUrl(), "portal_bench", { reset: true });
    databaseUrl = cluster.adminUrl("portal_bench");
  }
  await migrateDatabase(databaseUrl);
  await seedDatabase({ databaseUrl, size: 100 });

  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  await pool.query(
    `INSERT INTO "User" (id, email, "updatedAt") VALUES ('bench-on', 'bench-on@example.test', now()), ('bench-off', 'bench-off@example.test', now())`,
  );
  await pool.query(
    `INSERT INTO "UserPreferences" ("userId", "telemetryEnabled", "updatedAt") VALUES ('bench-on', true, now()), ('bench-off', false, now())`,
  );
  const makeSet = (prefix: string): Install[] =>
    Array.from({ length: INSTALLS }, (_, index) => ({ id: `${prefix}-${index}`, token: `token-${prefix}-${index}` }));
  // Each round gets fresh installs so the per-install rate limit (60/min) never trips.
  const rounds = Array.from({ length: ROUNDS }, (_, round) => ({
    enabled: makeSet(`bench-on-r${round}`),
    optedOut: makeSet(`bench-off-r${round}`),
    nextEnabled: WITH_NEXT ? makeSet(`bench-next-r${round}`) : [],
  }));
  const warmUp = makeSet("bench-warm");
  const rows: Array<[string, string, string, boolean]> = [];
  for (const install of warmUp) rows.push([install.id, "bench-on", sha256(install.token), true]);
  for (const round of rounds) {
    for (const install of [...round.enabled, ...round.nextEnabled])
      rows.push([install.id, "bench-on", sha256(install.token), true]);
    // Half the opted-out installs are switched off themselves, half belong to an owner who turned telemetry off.
    round.optedOut.forEach((install, index) =>
      rows.push([install.id, index % 2 ? "bench-off" : "bench-on", sha256(install.token), index % 2 === 1]),
    );
  }
  await pool.query(
    `INSERT INTO "Cluster" (id, "userId", name, "tokenHash", "telemetryEnabled")
     SELECT id, owner, id, hash, enabled FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[]) AS t(id, owner, hash, enabled)`,
    [rows.map((row) => row[0]), rows.map((row) => row[1]), rows.map((row) => row[2]), rows.map((row) => row[3])],
  );

  const basePort = await getFreePort();
  const ingestPort = await getFreePort();
  const baseline = await spawnServer(["bench/ingest-baseline.ts", String(basePort)], {}, /listening/);
  const ingest = await spawnServer(
    ["scripts/ingest-server.ts"],
    {
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: "bench-secret-0123456789abcdef",
      INGEST_PORT: String(ingestPort),
      NODE_ENV: "production",
      DB_POOL_MAX: "10",
    },
    /listening/,
  );
  const nextPort = await getFreePort();
  const next = WITH_NEXT
    ? await spawnServer(
        ["node_modules/next/dist/bin/next", "start", "-p", String(nextPort)],
        {
          DATABASE_URL: databaseUrl,
          AUTH_SECRET: "bench-secret-0123456789abcdef",
          NODE_ENV: "production",
          APP_URL: `http://127.0.0.1:${nextPort}`,
          NEXT_TELEMETRY_DISABLED: "1",
        },
        /Ready/,
      )
    : null;
  const countStored = async (prefix: string) =>
    Number(
      (
        await pool.query<{ count: string }>(`SELECT count(*) FROM "TelemetryReport" WHERE "clusterId" LIKE $1`, [
          `${prefix}%`,
        ])
      ).rows[0].count,
    );

  try {
    log(
      `load: autocannon, ${CONNECTIONS} connections, pipelining 1, ${DURATION} s per run, loopback, ${INSTALLS} installs per set`,
    );
    // Short warm-ups (JIT, connection pools, install cache), not counted.
    await load(`http://127.0.0.1:${basePort}`, warmUp, "warm-up bare (ignored)", 2);
    await load(`http://127.0.0.1:${ingestPort}`, warmUp, "warm-up ingest (ignored)", 2);
    await new Promise((resolve) => setTimeout(resolve, 1000));

    type Round = {
      bare: number;
      stored: number;
      optedOut: number;
      accepted: number;
      storedRows: number;
      optedOutStored: number;
    };
    const results: Round[] = [];
    for (const [index, round] of rounds.entries()) {
      log(`round ${index + 1} of ${ROUNDS}`);
      // Steady state: every install has reported recently, so its credentials are
      // cached (TELEMETRY_AUTH_CACHE_SECONDS). One report per install first, not counted.
      await primeInstalls(`http://127.0.0.1:${ingestPort}`, [...round.enabled, ...round.optedOut]);
      const bare = await load(`http://127.0.0.1:${basePort}`, round.enabled, "bare node:http + JSON.parse → 204");
      const prefix = `bench-on-r${index}-`;
      const primed = await countStored(prefix);
      const accepted = await load(`http://127.0.0.1:${ingestPort}`, round.enabled, "ingest, opted-in installs");
      // Wait for the batch writer to store what it accepted (requests still in flight when the load stopped may add a few).
      let stored = 0;
      for (let attempt = 0; attempt < 200; attempt++) {
        stored = (await countStored(prefix)) - primed;
        if (stored >= (accepted.statuses["202"] ?? 0)) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const optOut = await load(`http://127.0.0.1:${ingestPort}`, round.optedOut, "ingest, opted-out installs");
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (next) {
        const viaNext = await load(
          `http://127.0.0.1:${nextPort}`,
          round.nextEnabled,
          "Next.js route handler (POST /api/telemetry), opted-in installs",
        );
        log(
          `Next.js route handler: ${viaNext.perSecond.toFixed(0)} req/s = ${(viaNext.perSecond / bare.perSecond).toFixed(2)} of bare`,
        );
      }
      results.push({
        bare: bare.perSecond,
        stored: Math.min(stored, accepted.statuses["202"] ?? 0) / accepted.seconds,
        optedOut: (optOut.statuses["200"] ?? 0) / optOut.seconds,
        accepted: accepted.statuses["202"] ?? 0,
        storedRows: stored,
        optedOutStored: await countStored(`bench-off-r${index}-`),
      });
    }

    console.log("");
    console.log(
      "| round | bare node:http req/s | accepted+stored reports/s | ratio (≥ 0.30) | opted-out reports/s | ratio (≥ 0.50) | rows stored for opted-out |",
    );
    console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    results.forEach((round, index) =>
      console.log(
        `| ${index + 1} | ${round.bare.toFixed(0)} | ${round.stored.toFixed(0)} | ${(round.stored / round.bare).toFixed(2)} | ${round.optedOut.toFixed(0)} | ${(round.optedOut / round.bare).toFixed(2)} | ${round.optedOutStored} |`,
      ),
    );
    const sum = (pick: (round: Round) => number) => results.reduce((total, round) => total + pick(round), 0);
    console.log(
      `| all | ${(sum((r) => r.bare) / ROUNDS).toFixed(0)} | ${(sum((r) => r.stored) / ROUNDS).toFixed(0)} | ${(sum((r) => r.stored) / sum((r) => r.bare)).toFixed(2)} | ${(sum((r) => r.optedOut) / ROUNDS).toFixed(0)} | ${(sum((r) => r.optedOut) / sum((r) => r.bare)).toFixed(2)} | ${sum((r) => r.optedOutStored)} |`,
    );
    console.log("");
    log(`accepted (202): ${sum((r) => r.accepted)}, rows stored: ${sum((r) => r.storedRows)}`);
    if (sum((r) => r.optedOutStored) !== 0) {
      log("FAIL: rows were stored for opted-out installs");
      process.exitCode = 1;
    }
  } finally {
    baseline.kill("SIGTERM");
    ingest.kill("SIGTERM");
    next?.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 500));
    await pool.end();
    await stopDb();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
