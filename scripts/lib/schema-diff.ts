// The SQL that takes the database prisma/migrations builds to the one
// prisma/schema.prisma describes, for `npm run db:diff`. Both are built in
// scratch databases and compared with migra (@pgkit/migra, a port of the
// SQL-first diff tool), so the result is computed from real catalogs, not
// from two schema files.
import { createClient } from "@pgkit/client";
import { run as migra } from "@pgkit/migra";
import pg from "pg";
import { listMigrations } from "../../lib/core/migrate";
import { createDatabase } from "./embedded-pg";
import { renderSchemaSql } from "./schema-sql";

async function build(url: string, sql: string[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of sql) await client.query(statement);
  } finally {
    await client.end();
  }
}

// Triggers and their functions (the append-only audit log, immutable policy versions) live
// only in migrations: schema.prisma cannot describe them, so their absence there is no change.
const ONLY_IN_MIGRATIONS = /^drop (trigger|function) /i;

/** Migration SQL from the migrated schema to prisma/schema.prisma ("" when they agree). */
export async function diffMigrationsToSchema(options: {
  adminUrl: string;
  schema: string;
  migrationsDir?: string;
}): Promise<string> {
  const suffix = `${process.pid}_${Date.now()}`;
  const names = { from: `diff_from_${suffix}`, to: `diff_to_${suffix}` };
  const urlOf = (name: string) => Object.assign(new URL(options.adminUrl), { pathname: `/${name}` }).toString();
  await createDatabase(options.adminUrl, names.from, { reset: true });
  await createDatabase(options.adminUrl, names.to, { reset: true });
  const from = createClient(urlOf(names.from));
  const to = createClient(urlOf(names.to));
  try {
    await build(
      urlOf(names.from),
      listMigrations(options.migrationsDir).map((migration) => migration.sql),
    );
    await build(urlOf(names.to), [renderSchemaSql(options.schema)]);
    const migration = await migra(from, to, { unsafe: true });
    return migration.statements.array
      .map((statement) => statement.trim())
      .filter((statement) => statement && !ONLY_IN_MIGRATIONS.test(statement))
      .map((statement) => (statement.endsWith(";") ? statement : `${statement};`))
      .join("\n\n");
  } finally {
    await Promise.all([from.end(), to.end()]);
    const admin = new pg.Client({ connectionString: options.adminUrl });
    await admin.connect();
    try {
      // migra's pool closes its sockets after end() resolves: wait for them to go, or the forced
      // drop below would terminate them under the pool, which then reports an error.
      for (let attempt = 0; attempt < 100; attempt++) {
        const { rows } = await admin.query<{ count: number }>(
          "SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = ANY($1)",
          [Object.values(names)],
        );
        if (rows[0].count === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      for (const name of Object.values(names)) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }
}
