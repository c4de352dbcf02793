// Compiles the processes production runs outside Next.js (part of `npm run build`):
// the launcher, web server, worker, ingestion server and the operator commands
// (database, key re-sealing, second-factor reset; see scripts/run.mjs), each
// into one ES module under dist/, so production runs them with plain `node` (no tsx).
// `node scripts/build-server.mjs --only worker --outdir <dir>` compiles some of them
// elsewhere (bench/notices.ts measures the worker as production runs it).
// Our code (lib/, prisma/seed, the generated Prisma client) is bundled, `@/` resolved
// through tsconfig paths; packages in node_modules stay imports, loaded at run time.
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";

export const ENTRY_POINTS = ["launch", "server", "worker", "ingest-server", "db", "reseal", "reset-admin-2fa"];
const argv = process.argv.slice(2);
const option = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const OUT_DIR = path.resolve(option("--outdir") ?? "dist");
const entries = option("--only")?.split(",") ?? ENTRY_POINTS;

/**
 * `server-only` resolved to its empty server entry and bundled, as
 * scripts/lib/server-only.mjs does for tsx: its default entry throws outside
 * React Server Components.
 */
const serverOnly = {
  name: "server-only",
  setup(builder) {
    builder.onResolve({ filter: /^server-only$/ }, () => ({ path: path.resolve("node_modules/server-only/empty.js") }));
  },
};

const started = Date.now();
fs.rmSync(OUT_DIR, { recursive: true, force: true });
await build({
  entryPoints: Object.fromEntries(entries.map((name) => [name, `scripts/${name}.ts`])),
  outdir: OUT_DIR,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  plugins: [serverOnly],
  tsconfig: "tsconfig.json",
  logLevel: "warning",
});
console.log(
  `[build] ${entries.map((name) => `${path.relative(process.cwd(), OUT_DIR)}/${name}.js`).join(", ")} in ${Date.now() - started} ms`,
);
