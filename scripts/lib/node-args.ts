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
 * bench/notices.ts measures. Left alone, V8 sizes its heap from the machine's memory and lets
 * a fan-out's garbage pile up before collecting it. On 10^5-recipient fan-outs (peak RSS, all
 * with MALLOC_ARENA_MAX=2 below): no flags 271 MB; --max-semi-space-size=2 alone 390 MB; both
 * flags here 235 MB (target 256). The old-space bound is what holds. Exports and erasures
 * run in this worker too: they stream (COPY in chunks, batched deletes), but were not yet
 * measured under this bound at 10^6 rows.
 * Measure others with WORKER_NODE_FLAGS="..." npm run tsx -- bench/notices.ts --worker-only.
 */
export const WORKER_NODE_FLAGS: string[] = ["--max-old-space-size=128", "--max-semi-space-size=2"];

/**
 * glibc malloc arenas for the worker. By default glibc makes up to 8 per core, one for each
 * thread that allocates at the same time (V8's compiler and GC helper threads, libuv's pool),
 * and each keeps the memory freed in it: measured as native memory growing with the fan-out.
 * Two bound that. An operator's own MALLOC_ARENA_MAX is kept.
 */
export const WORKER_MALLOC_ARENA_MAX = "2";

/** The worker's environment: `env` with MALLOC_ARENA_MAX set unless it already is. */
export function workerEnv<Env extends Record<string, string | undefined>>(
  env: Env,
): Env & { MALLOC_ARENA_MAX: string } {
  return { ...env, MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX || WORKER_MALLOC_ARENA_MAX };
}
