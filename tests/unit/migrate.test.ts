import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { migrateDatabase } from "../../lib/core/migrate";
import { createTestDatabase } from "../setup/test-database";

function migrationsDir(files: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-"));
  for (const [name, sql] of Object.entries(files)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

async function tables(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(
    `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
  );
  await client.end();
  return rows;
}

describe("migrateDatabase", () => {
  it("applies pending migrations in order, once, and records them as Prisma does", async () => {
    const url = await createTestDatabase("migrate_order");
    const dir = migrationsDir({
      "001_a": `CREATE TABLE a (id int PRIMARY KEY);`,
      "002_b": `CREATE TABLE b (id int REFERENCES a(id));`,
    });
    expect((await migrateDatabase(url, { dir })).applied).toEqual(["001_a", "002_b"]);
    expect((await migrateDatabase(url, { dir })).applied).toEqual([]);
    const rows = await tables(url);
    expect(rows.map((row) => row.migration_name)).toEqual(["001_a", "002_b"]);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.checksum) && row.finished_at)).toBe(true);
  });

  it("rolls back a failing migration completely and stops there", async () => {
    const url = await createTestDatabase("migrate_fail");
    const dir = migrationsDir({
      "001_ok": `CREATE TABLE ok (id int);`,
      "002_bad": `CREATE TABLE half (id int); SELECT broken_function();`,
      "003_later": `CREATE TABLE later (id int);`,
    });
    await expect(migrateDatabase(url, { dir })).rejects.toThrow(/002_bad failed/);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(`SELECT tablename FROM pg_tables WHERE schemaname='public' ORDER BY tablename`);
    await client.end();
    expect(rows.map((row) => row.tablename)).toEqual(["_prisma_migrations", "ok"]);
  });

  it("lets two instances start at once without applying anything twice", async () => {
    const url = await createTestDatabase("migrate_race");
    const dir = migrationsDir({ "001_a": `CREATE TABLE a (id int);`, "002_b": `CREATE TABLE b (id int);` });
    const results = await Promise.all([
      migrateDatabase(url, { dir }),
      migrateDatabase(url, { dir }),
      migrateDatabase(url, { dir }),
    ]);
    expect(results.flatMap((result) => result.applied).sort()).toEqual(["001_a", "002_b"]);
    expect(await tables(url)).toHaveLength(2);
  });

  it("refuses to continue when an applied migration was edited", async () => {
    const url = await createTestDatabase("migrate_edit");
    const dir = migrationsDir({ "001_a": `CREATE TABLE a (id int);` });
    await migrateDatabase(url, { dir });
    fs.writeFileSync(path.join(dir, "001_a", "migration.sql"), `CREATE TABLE a (id bigint);`);
    await expect(migrateDatabase(url, { dir })).rejects.toThrow(/changed after it was applied/);
  });
});
