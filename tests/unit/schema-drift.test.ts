// Fails when prisma/schema.prisma and prisma/migrations disagree: the database
// the migrations build must have the same tables, columns, types, defaults,
// indexes, constraints and enums as one built straight from the schema.
import fs from "node:fs";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { diffSchemas } from "../../scripts/lib/schema-sql";
import { createTestDatabase } from "../setup/test-database";

async function describeCatalog(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(`
      SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length
        FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
       ORDER BY table_name, column_name`);
    const indexes = await client.query(`
      SELECT tablename, indexname, indexdef FROM pg_indexes
       WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
       ORDER BY tablename, indexname`);
    const constraints = await client.query(`
      SELECT rel.relname AS table_name, con.conname, pg_get_constraintdef(con.oid) AS definition
        FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid
        JOIN pg_namespace ns ON ns.oid = rel.relnamespace
       WHERE ns.nspname = 'public' AND rel.relname <> '_prisma_migrations'
       ORDER BY rel.relname, con.conname`);
    const enums = await client.query(`
      SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS labels
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
        JOIN pg_namespace ns ON ns.oid = t.typnamespace
       WHERE ns.nspname = 'public' GROUP BY t.typname ORDER BY t.typname`);
    return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows, enums: enums.rows };
  } finally {
    await client.end();
  }
}

describe("schema drift", () => {
  it("the migrations produce exactly the database prisma/schema.prisma describes", async () => {
    const migratedUrl = await createTestDatabase("drift_migrated", { migrate: true });
    const expectedUrl = await createTestDatabase("drift_expected");
    const sql = diffSchemas({ from: null, to: fs.readFileSync("prisma/schema.prisma", "utf8"), databaseUrl: expectedUrl });
    const client = new pg.Client({ connectionString: expectedUrl });
    await client.connect();
    await client.query(sql);
    await client.end();
    const [migrated, expected] = await Promise.all([describeCatalog(migratedUrl), describeCatalog(expectedUrl)]);
    expect(migrated.enums).toEqual(expected.enums);
    expect(migrated.columns).toEqual(expected.columns);
    expect(migrated.indexes).toEqual(expected.indexes);
    expect(migrated.constraints).toEqual(expected.constraints);
  });
});
