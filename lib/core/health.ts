// Liveness and readiness. Liveness (/api/health): the process answers. Readiness
// (/api/ready): this instance should get traffic: the database answers, every
// migration in prisma/migrations has been applied, and the process is not draining.
import "server-only";
import { getPool } from "./db";
import { listMigrations } from "./migrate";
import { isDraining } from "./lifecycle";

export async function isDatabaseReachable(): Promise<boolean> {
  try {
    await getPool().query("SELECT 1");
    return true;
  } catch {
    return false;
  }
}

/** Migration folders not (successfully) applied to the database. */
export async function pendingMigrations(): Promise<string[]> {
  const wanted = listMigrations().map((migration) => migration.name);
  const { rows } = await getPool()
    .query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    )
    .catch(() => ({ rows: [] as { migration_name: string }[] }));
  const applied = new Set(rows.map((row) => row.migration_name));
  return wanted.filter((name) => !applied.has(name));
}

export type Readiness = {
  ready: boolean;
  checks: { database: boolean; migrations: "applied" | "pending" | "unknown"; draining: boolean };
  pending?: number;
};

export async function readiness(): Promise<Readiness> {
  const draining = isDraining();
  const database = await isDatabaseReachable();
  const pending = database ? await pendingMigrations() : null;
  const migrations = pending === null ? "unknown" : pending.length ? "pending" : "applied";
  return {
    ready: !draining && database && migrations === "applied",
    checks: { database, migrations, draining },
    ...(pending?.length ? { pending: pending.length } : {}),
  };
}
