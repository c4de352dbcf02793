// One measured run in a fresh process (so peak RSS belongs to this run only):
//   npm run tsx -- bench/export-child.ts export|baseline|baseline-csv <databaseUrl> <userId> <outputDir>
// Prints one JSON line: { mode, ms, bytes, maxRssMb }.
import fs from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { buildExportArchive } from "../lib/export/build";

const [mode, databaseUrl, userId, outputDir] = process.argv.slice(2);
if (!/^[a-z0-9]+$/i.test(userId)) throw new Error("bad user id");
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });

async function baseline(csvOnly = false): Promise<number> {
  // The same work PostgreSQL can do alone: every row of the two large tables in both formats the
  // export writes (a CSV with a header, and one JSON value per row), through deflate level 1 (the
  // export's zip level), into a byte counter. No hashes, no file, no formatting of the columns.
  // (Until 2026-12-07 the baseline wrote the CSV only: half the export's output.)
  const client = await pool.connect();
  let bytes = 0;
  try {
    const tables = [
      { table: "ServerLogRecord", order: `"occurredAt", id` },
      { table: "TelemetryReport", order: `"receivedAt", id` },
    ];
    for (const { table, order } of tables) {
      const rows = `SELECT * FROM "${table}" t WHERE "userId" = '${userId}' ORDER BY ${order}`;
      const csv = `COPY (${rows}) TO STDOUT WITH (FORMAT csv, HEADER)`;
      for (const sql of csvOnly ? [csv] : [csv, `COPY (SELECT row_to_json(r) FROM (${rows}) r) TO STDOUT`]) {
        const counter = new Writable({
          write(chunk: Buffer, _encoding, callback) {
            bytes += chunk.length;
            callback();
          },
        });
        await pipeline(client.query(copyTo(sql)), zlib.createDeflate({ level: 1 }), counter);
      }
    }
  } finally {
    client.release();
  }
  return bytes;
}

async function runExport(): Promise<number> {
  fs.mkdirSync(outputDir, { recursive: true });
  const outputPath = path.join(outputDir, `bench-${process.pid}.zip`);
  try {
    const result = await buildExportArchive({
      pool,
      exportId: "bench",
      userId,
      email: "alice@example.com",
      outputPath,
      companyName: "Bench",
      appUrl: "http://localhost",
      compressionLevel: process.env.BENCH_ZIP_LEVEL ? Number(process.env.BENCH_ZIP_LEVEL) : undefined,
    });
    return result.bytes;
  } finally {
    fs.rmSync(outputPath, { force: true });
  }
}

let peakRss = process.memoryUsage.rss();
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 50);
const started = process.hrtime.bigint();
const bytes =
  mode === "baseline" ? await baseline() : mode === "baseline-csv" ? await baseline(true) : await runExport();
const ms = Number(process.hrtime.bigint() - started) / 1e6;
clearInterval(sampler);
await pool.end();
const maxRssMb = Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1024 / 1024;
console.log(JSON.stringify({ mode, ms: Math.round(ms), bytes, maxRssMb: Math.round(maxRssMb * 10) / 10 }));
