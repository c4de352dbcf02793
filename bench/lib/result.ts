// The one line every benchmark prints per measured row, which `npm run bench`
// (bench/run-all.ts) collects into its table:
//   BENCH_RESULT {"path":"…","figure":"…","baseline":"…","ratio":0.83,"target":"≥ 0.8x","pass":true}
// A row that could not be measured says why instead: {"path":"…","skipped":"reason"}.
export const BENCH_RESULT_PREFIX = "BENCH_RESULT ";

export type BenchResult = {
  /** What was measured, e.g. "export vs COPY baseline (10^6 rows)". */
  path: string;
  /** The measured figure, with its unit. */
  figure?: string;
  /** What it is compared with, with its unit. */
  baseline?: string;
  ratio?: number | null;
  /** The target, in words ("≥ 0.8x", "≤ 2.5x in every pair"). */
  target?: string;
  pass?: boolean | null;
  /** Set instead of the figures when the row could not be measured. */
  skipped?: string;
};

export function printBenchResult(result: BenchResult) {
  console.log(BENCH_RESULT_PREFIX + JSON.stringify(result));
}

/** The rows a benchmark's output holds (lines that do not parse are ignored). */
export function parseBenchResults(output: string): BenchResult[] {
  const rows: BenchResult[] = [];
  for (const line of output.split("\n")) {
    const start = line.indexOf(BENCH_RESULT_PREFIX);
    if (start < 0) continue;
    try {
      const row = JSON.parse(line.slice(start + BENCH_RESULT_PREFIX.length)) as BenchResult;
      if (row && typeof row.path === "string") rows.push(row);
    } catch {
      // not ours
    }
  }
  return rows;
}

/** True when the script was started with --quick (npm run bench without --full). */
export const isQuick = () => process.argv.includes("--quick") || process.env.BENCH_QUICK === "1";
