// How to start a child process that runs code from lib/ outside Next.js.
import fs from "node:fs";
import path from "node:path";

/** Node flags to run TypeScript from source: tsx, and `server-only` resolved to its server entry. */
export const TS_NODE_ARGS = ["--import", path.resolve("scripts/lib/server-only.mjs"), "--import", "tsx"];

/** The processes `npm run build` compiles into dist/ (scripts/build-server.mjs). */
export type ServerEntry = "server" | "worker" | "ingest-server";

/** True inside a compiled bundle (dist/*.js), false when run from source (tsx, vitest). */
const RUNNING_COMPILED = import.meta.url.endsWith(".js");

/**
 * Node arguments that start scripts/<entry>.ts: its compiled dist/<entry>.js with
 * plain node when the caller is itself compiled (production: `npm start`) or asks
 * for it, else the source through tsx (development, most tests).
 */
export function entryArgs(entry: ServerEntry, options: { compiled?: boolean } = {}): string[] {
  if (!(options.compiled ?? RUNNING_COMPILED)) return [...TS_NODE_ARGS, path.resolve(`scripts/${entry}.ts`)];
  const file = path.resolve("dist", `${entry}.js`);
  if (!fs.existsSync(file))
    throw new Error(`${path.relative(process.cwd(), file)} is missing: run \`npm run build\` first`);
  return [file];
}

/**
 * Node flags of the worker process in production (scripts/launch.ts, and the same in
 * package.json's `npm run worker`; tests/unit/worker-flags.test.ts keeps them equal), which
 * bench/notices.ts measures. None for now: on a 10^5-recipient fan-out the worker peaked at
 * 291 MB unbounded; --max-old-space-size=128 was at 263 MB and rising, --single-threaded
 * lowered RSS but cost throughput on a loaded machine. Measure on a
 * quiet machine with WORKER_NODE_FLAGS="..." npm run tsx -- bench/notices.ts --worker-only.
 */
export const WORKER_NODE_FLAGS: string[] = [];
