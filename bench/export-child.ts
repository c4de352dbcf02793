// One measured run in a fresh process (so peak RSS belongs to this run only):
//   npm run tsx -- bench/export-child.ts export|baseline <databaseUrl> <userId> <outputDir>
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

async function baseline(): Promise<number> {
  // PostgreSQL COPY of the same rows to CSV, through deflate level 1, into a byte counter.
  const client = await pool.connect();
  let bytes = 0;
  try {
    for (const sql of [
      `COPY (SELECT * FROM "ServerLogRecord" WHERE "userId" = '${userId}' ORDER BY "occurredAt", id) TO STDOUT WITH (FORMAT csv, HEADER)`,
      `COPY (SELECT * FROM "TelemetryReport" WHERE "userId" = '${userId}' ORDER BY "receivedAt", id) TO STDOUT WITH (FORMAT csv, HEADER)`,
    ]) {
      const counter = new Writable({
        write(chunk: Buffer, _encoding, callback) {
          bytes += chunk.length;
          callback();
        },
      });
      await pipeline(client.query(copyTo(sql)), zlib.createDeflate({ level: 1 }), counter);
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
const bytes = mode === "baseline" ? await baseline() : await runExport();
const ms = Number(process.hrtime.bigint() - started) / 1e6;
clearInterval(sampler);
await pool.end();
const maxRssMb = Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1024 / 1024;
console.log(JSON.stringify({ mode, ms: Math.round(ms), bytes, maxRssMb: Math.round(maxRssMb * 10) / 10 }));
