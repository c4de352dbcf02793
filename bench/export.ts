// Export benchmark: a user with 10^6 server-log + telemetry rows.
//   npm run tsx -- bench/export.ts [--sizes 100000,1000000] [--runs 2]   (--quick: --sizes 100000)
// Each measurement runs in its own process. Reports the export's time against a
// baseline (COPY to CSV and to JSON → deflate level 1 → byte counter) in the same run, and
// the export's peak RSS at each size.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { getBenchDb, stopBenchCluster } from "./lib/bench-db";
import { TS_NODE_ARGS } from "../scripts/lib/node-args";
import { isQuick, printBenchResult } from "./lib/result";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : fallback;
};
const sizes = option("sizes", isQuick() ? "100000" : "100000,1000000")
  .split(",")
  .map(Number);
const runs = Number(option("runs", "2"));
const outputDir = path.resolve(".data/bench-exports");

type Measurement = { mode: string; ms: number; bytes: number; maxRssMb: number };

function measure(mode: "export" | "baseline" | "baseline-csv", url: string, userId: string): Measurement {
  const output = execFileSync(
    process.execPath,
    [...TS_NODE_ARGS, "bench/export-child.ts", mode, url, userId, outputDir],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  return JSON.parse(output.trim().split("\n").at(-1)!);
}

const results: Record<number, { export: Measurement[]; baseline: Measurement[]; csvOnly: Measurement[] }> = {};
for (const size of sizes) {
  const db = await getBenchDb(size);
  results[size] = { export: [], baseline: [], csvOnly: [] };
  // One untimed run of each first: the first export after the database was busy with another
  // size paid several seconds of cold caches that no later run paid (4.8x, then 1.4x).
  for (const mode of ["baseline", "export"] as const) measure(mode, db.url, db.aliceId);
  for (let run = 0; run < runs; run++) {
    for (const mode of ["baseline", "export"] as const) {
      const result = measure(mode, db.url, db.aliceId);
      results[size][mode].push(result);
      console.log(
        `size ${size.toLocaleString("en")}  ${mode.padEnd(8)}  ${String(result.ms).padStart(6)} ms  ${(result.bytes / 1024 / 1024).toFixed(1).padStart(7)} MB out  peak RSS ${result.maxRssMb} MB`,
      );
    }
    // For comparison with figures before 2026-12-07: the old baseline, CSV only (half the output).
    const csvOnly = measure("baseline-csv", db.url, db.aliceId);
    results[size].csvOnly.push(csvOnly);
    console.log(
      `size ${size.toLocaleString("en")}  CSV only  ${String(csvOnly.ms).padStart(6)} ms  (the old baseline)`,
    );
  }
}
await stopBenchCluster();

const best = (list: Measurement[], key: "ms" | "maxRssMb") => Math.min(...list.map((item) => item[key]));
const worst = (list: Measurement[], key: "ms" | "maxRssMb") => Math.max(...list.map((item) => item[key]));
console.log("\nsummary (best of runs for time; worst of runs for memory)");
for (const size of sizes) {
  const { export: exports, baseline } = results[size];
  // Also the ratio of each back-to-back pair, since the machine may be shared.
  const pairs = exports.map((item, index) => (item.ms / baseline[index].ms).toFixed(2)).join(", ");
  const csvPairs = exports.map((item, index) => (item.ms / results[size].csvOnly[index].ms).toFixed(2)).join(", ");
  console.log(
    `  ${size.toLocaleString("en").padStart(9)} rows: export ${best(exports, "ms")} ms, baseline ${best(baseline, "ms")} ms, ratio ${(best(exports, "ms") / best(baseline, "ms")).toFixed(2)}x best/best (pairs: ${pairs}; to the CSV-only baseline: ${csvPairs}); export peak RSS ${worst(exports, "maxRssMb")} MB`,
  );
}
const RATIO_TARGET = 2.5;
for (const size of sizes) {
  const { export: exports, baseline } = results[size];
  const pairs = exports.map((item, index) => item.ms / baseline[index].ms);
  const worstPair = Math.max(...pairs);
  printBenchResult({
    path: `export vs COPY baseline (${size.toLocaleString("en")} rows, worst of ${pairs.length} pairs)`,
    figure: exports.map((item) => `${item.ms} ms`).join(", "),
    baseline: baseline.map((item) => `${item.ms} ms`).join(", "),
    ratio: worstPair,
    target: `≤ ${RATIO_TARGET}x in every pair`,
    pass: worstPair <= RATIO_TARGET,
  });
}
const largest = sizes.at(-1)!;
printBenchResult({
  path: `export peak RSS (${largest.toLocaleString("en")} rows)`,
  figure: `${worst(results[largest].export, "maxRssMb")} MB`,
  baseline: `${worst(results[largest].baseline, "maxRssMb")} MB (baseline)`,
  ratio: null,
  target: "≤ 300 MB",
  pass: worst(results[largest].export, "maxRssMb") <= 300,
});
if (sizes.length >= 2) {
  const small = worst(results[sizes[0]].export, "maxRssMb");
  const large = worst(results[sizes.at(-1)!].export, "maxRssMb");
  console.log(
    `  peak RSS growth ${sizes[0].toLocaleString("en")} → ${sizes.at(-1)!.toLocaleString("en")} rows: ${(((large - small) / small) * 100).toFixed(1)}% (limit 20%), at 10^6: ${large} MB (limit 300 MB)`,
  );
}
