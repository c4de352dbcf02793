// The public policy page against a static asset of the same production server, under
// the same load (autocannon, 10 connections), in alternating rounds so a busy neighbour
// hits both sides alike. Starts `node dist/launch.js demo` (run `npm run build` first).
//   npm run tsx -- bench/public-pages.ts [--quick] [--rounds 3] [--seconds 10] [--port 3214]
// Prints one BENCH_RESULT line (ratio of req/s, page / asset; target >= 0.5).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : fallback;
};
const quick = args.includes("--quick");
const rounds = Number(option("rounds", quick ? "2" : "3"));
const seconds = Number(option("seconds", quick ? "5" : "10"));
const port = Number(option("port", "3214"));
const pagePath = option("path", "/policies/privacy");
const base = `http://localhost:${port}`;
const TARGET = 0.5;

// A static file the build serves with immutable caching: the largest JS chunk the page loads.
async function staticAssetPath(): Promise<string> {
  const html = await (await fetch(`${base}${pagePath}`)).text();
  const chunks = [...html.matchAll(/src="(\/_next\/static\/[^"]+\.js)"/g)].map((m) => m[1]!);
  if (chunks.length === 0) throw new Error("no static chunk found in the page");
  const sizes = chunks.map((chunk) => {
    const file = path.join(".next", chunk.replace("/_next/", ""));
    return { chunk, size: fs.existsSync(file) ? fs.statSync(file).size : 0 };
  });
  // A mid-sized chunk, about the size of the page's HTML, so bytes do not decide the race.
  sizes.sort((a, b) => a.size - b.size);
  return sizes[Math.floor(sizes.length / 2)]!.chunk;
}

function run(url: string): Promise<{ rps: number; p50: number; p99: number; non2xx: number }> {
  return new Promise((resolve, reject) => {
    autocannon(
      { url, connections: 10, duration: seconds, headers: { "accept-encoding": "gzip, br" } },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          rps: result.requests.average,
          p50: result.latency.p50,
          p99: result.latency.p99,
          non2xx: result.non2xx,
        });
      },
    );
  });
}

const server = spawn(process.execPath, ["dist/launch.js", "demo"], {
  env: { ...process.env, PORT: String(port), WORKER: "off", LOG_LEVEL: "warn" },
  stdio: ["ignore", "ignore", "inherit"],
});
let exitCode = 0;
try {
  for (let attempt = 0; ; attempt++) {
    if (attempt > 240) throw new Error("server did not start");
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const page = await fetch(`${base}${pagePath}`);
  console.log(`${pagePath}: ${page.status}, Cache-Control: ${page.headers.get("cache-control")}`);
  const asset = await staticAssetPath();
  console.log(`static asset: ${asset}`);
  await run(`${base}${pagePath}`); // warm-up of both
  await run(`${base}${asset}`);
  const ratios: number[] = [];
  let pageRps = 0;
  let assetRps = 0;
  for (let round = 1; round <= rounds; round++) {
    const order = round % 2 ? ["page", "asset"] : ["asset", "page"];
    const results: Record<string, Awaited<ReturnType<typeof run>>> = {};
    for (const side of order) results[side] = await run(`${base}${side === "page" ? pagePath : asset}`);
    const ratio = results.page!.rps / results.asset!.rps;
    ratios.push(ratio);
    pageRps += results.page!.rps / rounds;
    assetRps += results.asset!.rps / rounds;
    console.log(
      `round ${round}: page ${results.page!.rps.toFixed(0)} req/s (p50 ${results.page!.p50} ms, p99 ${results.page!.p99} ms, non-2xx ${results.page!.non2xx}), asset ${results.asset!.rps.toFixed(0)} req/s (p50 ${results.asset!.p50} ms, p99 ${results.asset!.p99} ms), ratio ${ratio.toFixed(3)}`,
    );
  }
  const worst = Math.min(...ratios);
  console.log(
    `BENCH_RESULT ${JSON.stringify({
      path: `public page ${pagePath} vs static asset (autocannon -c10)`,
      figure: `${pageRps.toFixed(0)} req/s`,
      baseline: `${assetRps.toFixed(0)} req/s`,
      ratio: Number(worst.toFixed(3)),
      target: `>= ${TARGET}x`,
      pass: worst >= TARGET,
    })}`,
  );
  if (worst < TARGET) exitCode = 1;
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
}
process.exit(exitCode);
