// Resolves the database for a script: DATABASE_URL when set, otherwise an
// embedded PostgreSQL cluster under .data/ (dev and tests use separate ones).
import pg from "pg";
import { createDatabase, startEmbeddedPostgres } from "./embedded-pg";
import { migrateDatabase } from "../../lib/core/migrate";

export type DatabaseMode = "dev" | "test";

export type ResolvedDatabase = { url: string; embedded: boolean; stop: () => Promise<void> };

const log = (line: string) => console.log(`[db] ${line}`);

export async function resolveDatabase(
  mode: DatabaseMode,
  options: { reset?: boolean } = {},
): Promise<ResolvedDatabase> {
  const external = process.env.DATABASE_URL;
  if (external) {
    if (options.reset) await resetSchema(external);
    return { url: external, embedded: false, stop: async () => {} };
  }
  const cluster = await startEmbeddedPostgres({
    dataDir: mode === "test" ? ".data/pg-test" : ".data/pg",
    port: mode === "dev" && process.env.EMBEDDED_PG_PORT ? Number(process.env.EMBEDDED_PG_PORT) : undefined,
    log,
  });
  const name = mode === "test" ? "portal_test" : "portal";
  await createDatabase(cluster.adminUrl(), name, { reset: options.reset });
  return { url: cluster.adminUrl(name), embedded: true, stop: cluster.stop };
}

/** Drops everything in the public schema: used for a test run against an external database. */
async function resetSchema(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
  } finally {
    await client.end();
  }
}

export async function prepareDatabase(mode: DatabaseMode, options: { reset?: boolean } = {}) {
  const db = await resolveDatabase(mode, options);
  const { applied } = await migrateDatabase(db.url, { log });
  if (!applied.length) log("database schema is up to date");
  return db;
}

/** Stops child processes and the embedded cluster on exit, Ctrl-C or SIGTERM. */
export function onShutdown(cleanup: () => Promise<void>) {
  let shuttingDown = false;
  const run = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    try {
      await cleanup();
    } finally {
      process.exit(code);
    }
  };
  process.on("SIGINT", () => void run(130));
  process.on("SIGTERM", () => void run(143));
  return run;
}
