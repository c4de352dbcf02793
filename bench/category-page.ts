// Category page benchmark at 10^6 rows: the queries a category page runs
// (one keyset page + the exact count, in parallel, as the page does), for the
// first, a middle and the last page, unfiltered and filtered.
//   npm run tsx -- bench/category-page.ts [--size 1000000] [--repeat 20]
import pg from "pg";
import { countRows, listPage, type PageFilters, type PageRequest } from "../lib/data/queries";
import { findDataset } from "../lib/data/registry";
import { getBenchDb, stopBenchCluster } from "./lib/bench-db";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : fallback;
};
const size = Number(option("size", "1000000"));
const repeat = Number(option("repeat", "20"));

const db = await getBenchDb(size);
const pool = new pg.Pool({ connectionString: db.url, max: 4 });
pool.on("error", () => {}); // idle clients see the cluster stop at the end
await pool.query("SELECT 1");

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95), max: sorted.at(-1)! };
}

async function measure(label: string, datasetKey: string, request: PageRequest, withCount = true) {
  const { dataset } = findDataset(datasetKey)!;
  const pageOnly: number[] = [];
  const total: number[] = [];
  let rows = 0;
  let count = 0;
  for (let index = 0; index < repeat + 2; index++) {
    const started = performance.now();
    const pagePromise = listPage(pool, db.aliceId, dataset, request).then((page) => {
      if (index >= 2) pageOnly.push(performance.now() - started);
      return page;
    });
    const [page, counted] = await Promise.all([
      pagePromise,
      withCount ? countRows(pool, db.aliceId, dataset, request.filters) : Promise.resolve(0),
    ]);
    if (index >= 2) total.push(performance.now() - started); // first two runs warm the cache
    rows = page.rows.length;
    count = counted;
  }
  const p = stats(pageOnly);
  const t = stats(total);
  console.log(
    `${label.padEnd(44)} rows ${String(rows).padStart(3)}  count ${count.toLocaleString("en").padStart(8)}  page median ${p.median.toFixed(1).padStart(6)} ms p95 ${p.p95.toFixed(1).padStart(6)}  page+count median ${t.median.toFixed(1).padStart(6)} ms p95 ${t.p95.toFixed(1).padStart(6)} max ${t.max.toFixed(1)}`,
  );
  return { page: p, total: t };
}

console.log(
  `category pages for alice with ${size.toLocaleString("en")} rows (${repeat} runs each, 50 rows per page)\n`,
);
const results: { label: string; pageP95: number; totalP95: number }[] = [];
const run = async (label: string, key: string, request: PageRequest) => {
  const measured = await measure(label, key, request);
  results.push({ label, pageP95: measured.page.p95, totalP95: measured.total.p95 });
};

for (const key of ["server-logs", "telemetry-reports"]) {
  const { dataset } = findDataset(key)!;
  const filters: PageFilters = {};
  await run(`${key}: first page`, key, { direction: "first", filters });
  await run(`${key}: last page`, key, { direction: "last", filters });
  const middle = await pool.query<{ t: string; id: string }>(
    `SELECT ${dataset.time}::text AS t, ${dataset.id}::text AS id FROM ${dataset.from} WHERE ${dataset.owner} = $1 ORDER BY ${dataset.time} DESC, ${dataset.id} DESC OFFSET $2 LIMIT 1`,
    [db.aliceId, Math.floor(size / 4)],
  );
  const cursor = Buffer.from(JSON.stringify([middle.rows[0].t, middle.rows[0].id])).toString("base64url");
  await run(`${key}: a middle page (older)`, key, { direction: "next", cursor, filters });
  await run(`${key}: a middle page (newer)`, key, { direction: "prev", cursor, filters });
  await run(`${key}: date range, first page`, key, {
    direction: "first",
    filters: { from: "2026-08-01", to: "2026-08-31" },
  });
  await run(`${key}: date range, last page`, key, {
    direction: "last",
    filters: { from: "2026-08-01", to: "2026-08-31" },
  });
}
await run("server-logs: page filter, first page", "server-logs", {
  direction: "first",
  filters: { path: "/docs/cli" },
});
await run("server-logs: page filter, last page", "server-logs", { direction: "last", filters: { path: "/docs/cli" } });
await run("server-logs: IP filter, first page", "server-logs", { direction: "first", filters: { ip: "203.0.113.7" } });
await run("server-logs: IP filter, last page", "server-logs", { direction: "last", filters: { ip: "203.0.113.7" } });
const device = (
  await pool.query<{ d: string }>(`SELECT "deviceId" AS d FROM "ServerLogRecord" WHERE "userId" = $1 LIMIT 1`, [
    db.aliceId,
  ])
).rows[0].d;
await run("server-logs: device filter, first page", "server-logs", { direction: "first", filters: { device } });
await run("server-logs: device filter, last page", "server-logs", { direction: "last", filters: { device } });
await run("server-logs: device matching nothing (full scan)", "server-logs", {
  direction: "last",
  filters: { device: "dev-none" },
});
await run("telemetry: cluster filter, last page", "telemetry-reports", {
  direction: "last",
  filters: { cluster: "e19b44c0-cli-0002" },
});

await pool.end();
await stopBenchCluster();
const slowPages = results.filter((result) => result.pageP95 >= 100);
const slowTotals = results.filter((result) => result.totalP95 >= 100);
console.log(
  `\nkeyset page (what the page waits for before its rows are sent): ${results.length - slowPages.length}/${results.length} cases with p95 < 100 ms${slowPages.length ? `; slower: ${slowPages.map((result) => result.label).join(", ")}` : ""}`,
);
console.log(
  `page + exact count (the count streams in afterwards): ${results.length - slowTotals.length}/${results.length} cases with p95 < 100 ms${slowTotals.length ? `; slower: ${slowTotals.map((result) => result.label).join(", ")}` : ""}`,
);
