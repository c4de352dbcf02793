// Server time of the real pages at 10^6 rows: starts the production server
// (`npm run build` first) against the 10^6 benchmark database, signs alice in
// with a session row, and times full responses of category pages.
//   npm run tsx -- bench/category-page-http.ts [--port 3013] [--repeat 15]
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { getBenchDb, stopBenchCluster } from "./lib/bench-db";
import { TS_NODE_ARGS } from "../scripts/lib/node-args";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : fallback;
};
const port = Number(option("port", process.env.PORT ?? "3013"));
const repeat = Number(option("repeat", "15"));
const base = `http://localhost:${port}`;

const db = await getBenchDb(1_000_000);
const token = randomBytes(24).toString("hex");
const client = new pg.Client({ connectionString: db.url });
await client.connect();
await client.query(
  `INSERT INTO "Session" (id, "sessionToken", "userId", expires) VALUES ($1, $2, $3, now() + interval '1 hour')`,
  [`bench-${token.slice(0, 8)}`, token, db.aliceId],
);

const server = spawn(process.execPath, [...TS_NODE_ARGS, "scripts/launch.ts", "demo"], {
  env: { ...process.env, DATABASE_URL: db.url, PORT: String(port), WORKER: "off", MAIL_CATCHER: "1" },
  stdio: ["ignore", "ignore", "inherit"],
});
try {
  for (let attempt = 0; ; attempt++) {
    if (attempt > 120) throw new Error("server did not start");
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const headers = { cookie: `authjs.session-token=${token}` };
  async function time(label: string, path: string, expectText: string) {
    const firstByte: number[] = [];
    const total: number[] = [];
    for (let index = 0; index < repeat + 2; index++) {
      const started = performance.now();
      const response = await fetch(base + path, { headers, redirect: "manual" });
      const ttfb = performance.now() - started;
      const body = await response.text();
      const done = performance.now() - started;
      if (response.status !== 200 || !body.includes(expectText))
        throw new Error(`${path}: status ${response.status}, missing "${expectText}"`);
      if (index >= 2) {
        firstByte.push(ttfb);
        total.push(done);
      }
    }
    const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
    const p95 = (list: number[]) =>
      [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(list.length * 0.95))];
    console.log(
      `${label.padEnd(40)} first byte median ${median(firstByte).toFixed(1).padStart(6)} ms p95 ${p95(firstByte).toFixed(1).padStart(6)}   full page (incl. streamed count) median ${median(total).toFixed(1).padStart(6)} ms p95 ${p95(total).toFixed(1).padStart(6)}`,
    );
  }
  console.log(`alice: 600,000 server-log rows, 400,000 telemetry rows; ${repeat} requests each\n`);
  await time("server logs, first page", "/account/data/server-logs", "data-row-id");
  await time("server logs, last page", "/account/data/server-logs?page=last", "data-row-id");
  await time(
    "server logs, filtered by page, last",
    "/account/data/server-logs?path=%2Fdocs%2Fcli&page=last",
    "data-row-id",
  );
  await time("telemetry reports, first page", "/account/data/telemetry?dataset=telemetry-reports", "data-row-id");
  await time(
    "telemetry reports, last page",
    "/account/data/telemetry?dataset=telemetry-reports&page=last",
    "data-row-id",
  );
  await time("overview (exact counts of everything)", "/account/data", "Server-log records");
} finally {
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  await client.query(`DELETE FROM "Session" WHERE "sessionToken" = $1`, [token]);
  await client.end();
  await stopBenchCluster();
}
