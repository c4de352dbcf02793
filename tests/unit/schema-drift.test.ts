// Fails when prisma/schema.prisma and prisma/migrations disagree: the database
// the migrations build must have the same tables, columns, types, defaults,
// indexes, constraints and enums as one built straight from the schema
// (rendered as SQL by scripts/lib/schema-sql.ts).
import fs from "node:fs";
import pg from "pg";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { diffMigrationsToSchema } from "../../scripts/lib/schema-diff";
import { renderSchemaSql } from "../../scripts/lib/schema-sql";
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

async function run(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The catalog of a fresh database built straight from this schema text. */
async function catalogOfSchema(schema: string) {
  const url = await createTestDatabase("drift_expected");
  await run(url, renderSchemaSql(schema));
  return describeCatalog(url);
}

const schema = fs.readFileSync("prisma/schema.prisma", "utf8");
// A change made in the schema alone: a column, an index, a relation and an enum value.
const changed = schema
  .replace(
    /model SealedKey \{\n/,
    'model SealedKey {\n  note String @default("it\'s")\n  ownerId String?\n  owner User? @relation(fields: [ownerId], references: [id], onDelete: Cascade)\n  @@index([ownerId, createdAt])\n',
  )
  .replace(/(model User \{\n)/, "$1  sealedKeys SealedKey[]\n")
  .replace(/(enum Role \{\n\s+USER\n\s+ADMIN\n)/, "$1  AUDITOR\n");

describe("schema drift", () => {
  let migratedUrl: string;
  let migrated: Awaited<ReturnType<typeof describeCatalog>>;

  beforeAll(async () => {
    migratedUrl = await createTestDatabase("drift_migrated", { migrate: true });
    migrated = await describeCatalog(migratedUrl);
  });

  it("the migrations produce exactly the database prisma/schema.prisma describes", async () => {
    const expected = await catalogOfSchema(schema);
    expect(migrated.enums).toEqual(expected.enums);
    expect(migrated.columns).toEqual(expected.columns);
    expect(migrated.indexes).toEqual(expected.indexes);
    expect(migrated.constraints).toEqual(expected.constraints);
  });

  it("notices a schema change that has no migration, and db:diff writes the SQL that closes the gap", async () => {
    expect(changed).not.toBe(schema);
    const expected = await catalogOfSchema(changed);
    expect(migrated.columns).not.toEqual(expected.columns);
    expect(migrated.indexes).not.toEqual(expected.indexes);
    expect(migrated.constraints).not.toEqual(expected.constraints);
    expect(migrated.enums).not.toEqual(expected.enums);

    const sql = await diffMigrationsToSchema({ adminUrl: inject("adminDatabaseUrl"), schema: changed });
    expect(sql).toMatch(/add column "note"/);
    expect(sql).not.toMatch(/drop (trigger|function)/i);
    const url = await createTestDatabase("drift_diffed", { migrate: true });
    await run(url, sql);
    const diffed = await describeCatalog(url);
    expect(diffed).toEqual(expected);
    expect(await diffMigrationsToSchema({ adminUrl: inject("adminDatabaseUrl"), schema })).toBe("");
  });

  it("refuses schema features the renderer does not know, rather than guess", () => {
    const model = (body: string) => `model Thing {\n  id String @id\n${body}\n}`;
    expect(() => renderSchemaSql(model("  a String\n  @@index([a(sort: Desc)])"))).toThrow(
      /field arguments are not supported/,
    );
    expect(() => renderSchemaSql(model("  a String @db.Inet"))).toThrow(/@db.Inet is not supported/);
    expect(() => renderSchemaSql(model('  a String @unique(map: "x")'))).toThrow(/not supported/);
    expect(() => renderSchemaSql(model("  a Unknown"))).toThrow(/unknown type Unknown/);
  });
});
