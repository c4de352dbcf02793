// A seeded benchmark database per size, in its own embedded PostgreSQL
// cluster (.data/pg-bench), reused across runs. Set BENCH_DATABASE_URL to use
// an existing server instead (one database per size is created there).
import pg from "pg";
import { migrateDatabase } from "../../lib/core/migrate";
import { seedDatabase } from "../../prisma/seed";
import { createDatabase, startEmbeddedPostgres } from "../../scripts/lib/embedded-pg";

export type BenchDb = { url: string; aliceId: string; stop: () => Promise<void> };

let cluster: Awaited<ReturnType<typeof startEmbeddedPostgres>> | null = null;

async function adminUrl(name: string) {
  if (process.env.BENCH_DATABASE_URL) {
    const url = new URL(process.env.BENCH_DATABASE_URL);
    return { admin: url.toString(), url: Object.assign(url, { pathname: `/${name}` }).toString() };
  }
  cluster ??= await startEmbeddedPostgres({
    dataDir: ".data/pg-bench",
    log: (line) => console.log(`[bench-db] ${line}`),
  });
  return { admin: cluster.adminUrl(), url: cluster.adminUrl(name) };
}

export async function getBenchDb(size: number): Promise<BenchDb> {
  const name = `bench_${size}`;
  const { admin, url } = await adminUrl(name);
  await createDatabase(admin, name);
  await migrateDatabase(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const existing = await client.query<{ id: string }>(`SELECT id FROM "User" WHERE email = 'alice@example.com'`);
    if (!existing.rows[0]) {
      const started = Date.now();
      console.log(`[bench-db] seeding ${name} with ${size.toLocaleString("en")} rows for alice…`);
      await seedDatabase({ databaseUrl: url, size, log: () => {} });
      await client.query("VACUUM ANALYZE");
      console.log(`[bench-db] seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    const { rows } = await client.query<{ id: string }>(`SELECT id FROM "User" WHERE email = 'alice@example.com'`);
    return { url, aliceId: rows[0].id, stop: async () => {} };
  } finally {
    await client.end();
  }
}

export async function stopBenchCluster() {
  await cluster?.stop();
  cluster = null;
}
