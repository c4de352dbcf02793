// `npm run bench`: every benchmark in a quick mode (reduced sizes, short
// durations, each meant to finish within 2 minutes), one after the other, each
// in its own process, then ONE table of what they printed as BENCH_RESULT lines
// (bench/lib/result.ts): path, figure, baseline, ratio, target, pass/fail.
//   npm run bench                      quick mode (each script gets --quick and BENCH_QUICK=1)
//   npm run bench -- --full            the full sizes (each script's defaults)
//   npm run bench -- --only export,erasure   some of them (names as in bench/<name>.ts)
//   npm run bench -- --verbose         stream every script's own output too
// Each script's output is kept in .data/bench-logs/<name>.log. A script that does
// not exist yet, or that needs a production build that is missing, is a
// "skipped" row rather than a failure. Exit code 1 when a row fails.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { TS_NODE_ARGS } from "../scripts/lib/node-args";
import { parseBenchResults, type BenchResult } from "./lib/result";

type Entry = {
  name: string;
  /** Extra arguments in quick mode (besides --quick), for scripts with their own flags. */
  quick?: string[];
  /** Needs `npm run build` (a production server). */
  needsBuild?: boolean;
};

// The order of the table. Scripts read --quick (or BENCH_QUICK=1) for their reduced sizes.
const ENTRIES: Entry[] = [
  { name: "ingest", quick: ["--duration", "5", "--rounds", "2"] },
  { name: "public-pages", needsBuild: true },
  { name: "public-metrics" },
  { name: "notices" },
  { name: "export" },
  { name: "erasure" },
  { name: "account-pages", needsBuild: true },
  { name: "lighthouse", needsBuild: true },
];

const argv = process.argv.slice(2);
const full = argv.includes("--full");
const verbose = argv.includes("--verbose");
const onlyIndex = argv.indexOf("--only");
const only = onlyIndex >= 0 ? new Set(argv[onlyIndex + 1]?.split(",")) : null;
// A quick run that takes much longer than its 2 minutes is stopped (a full run is not).
const QUICK_TIMEOUT_MS = 5 * 60_000;
const logDir = path.resolve(".data/bench-logs");
fs.mkdirSync(logDir, { recursive: true });

type Row = BenchResult & { script: string; seconds?: number };

function missingBuild(): string | null {
  if (!fs.existsSync(".next/BUILD_ID")) return "needs a production build: run `npm run build` first";
  if (!fs.existsSync("dist/server.js")) return "dist/server.js is missing: run `npm run build` first";
  return null;
}

async function runEntry(entry: Entry): Promise<Row[]> {
  const script = `bench/${entry.name}.ts`;
  if (!fs.existsSync(script)) return [{ script, path: entry.name, skipped: `${script} does not exist yet` }];
  const noBuild = entry.needsBuild ? missingBuild() : null;
  if (noBuild) return [{ script, path: entry.name, skipped: noBuild }];
  const args = full ? [] : ["--quick", ...(entry.quick ?? [])];
  const logPath = path.join(logDir, `${entry.name}.log`);
  const log = fs.createWriteStream(logPath);
  process.stderr.write(`[bench] ${script} ${args.join(" ")} … `);
  const started = performance.now();
  let output = "";
  const { code, timedOut } = await new Promise<{ code: number | null; timedOut: boolean }>((resolve) => {
    const child = spawn(process.execPath, [...TS_NODE_ARGS, script, ...args], {
      env: { ...process.env, BENCH_QUICK: full ? "" : "1" },
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, so a timeout stops what it started too.
      detached: true,
    });
    let timedOut = false;
    const timer = full
      ? null
      : setTimeout(() => {
          timedOut = true;
          try {
            process.kill(-child.pid!, "SIGTERM");
          } catch {
            // already gone
          }
        }, QUICK_TIMEOUT_MS);
    const take = (chunk: Buffer) => {
      output += chunk.toString();
      log.write(chunk);
      if (verbose) process.stderr.write(chunk);
    };
    child.stdout!.on("data", take);
    child.stderr!.on("data", take);
    child.on("close", (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code, timedOut });
    });
  });
  log.end();
  const seconds = (performance.now() - started) / 1000;
  const rows: Row[] = parseBenchResults(output).map((row) => ({ ...row, script, seconds }));
  process.stderr.write(`${seconds.toFixed(0)} s, ${rows.length} row${rows.length === 1 ? "" : "s"}\n`);
  const logName = path.relative(process.cwd(), logPath);
  if (timedOut)
    rows.push({
      script,
      path: entry.name,
      pass: false,
      figure: `stopped after ${QUICK_TIMEOUT_MS / 60_000} min (see ${logName})`,
    });
  else if (code !== 0)
    rows.push({ script, path: entry.name, pass: false, figure: `exit code ${code} (see ${logName})` });
  else if (rows.length === 0)
    rows.push({ script, path: entry.name, skipped: `printed no BENCH_RESULT line (see ${logName})` });
  return rows;
}

const rows: Row[] = [];
for (const entry of ENTRIES) {
  if (only && !only.has(entry.name)) continue;
  rows.push(...(await runEntry(entry)));
}

const cells = rows.map((row) => [
  row.path,
  row.skipped ? `skipped: ${row.skipped}` : (row.figure ?? ""),
  row.baseline ?? "",
  typeof row.ratio === "number" ? row.ratio.toFixed(2) : "",
  row.target ?? "",
  row.skipped ? "skipped" : row.pass === true ? "pass" : row.pass === false ? "FAIL" : "",
]);
const header = ["path", "figure", "baseline", "ratio", "target", "result"];
const widths = header.map((title, column) => Math.max(title.length, ...cells.map((cell) => cell[column].length)));
const line = (values: string[]) => `| ${values.map((value, column) => value.padEnd(widths[column])).join(" | ")} |`;
console.log(`\n${full ? "full" : "quick"} benchmarks (${new Date().toISOString()})`);
console.log(line(header));
console.log(`|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`);
for (const cell of cells) console.log(line(cell));
const failed = rows.filter((row) => row.pass === false).length;
console.log(
  `\n${rows.filter((row) => row.pass === true).length} pass, ${failed} fail, ${rows.filter((row) => row.skipped).length} skipped; logs in ${path.relative(process.cwd(), logDir)}/`,
);
process.exit(failed > 0 ? 1 : 0);
