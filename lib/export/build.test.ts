// The export archive against a real, seeded database: every file listed in the
// manifest with the right SHA-256, row counts equal to the database's, CSV
// neutralised, and nothing of another person's.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readExportJson } from "./json-format";
import { createHash } from "node:crypto";
import { unzipSync, strFromU8 } from "fflate";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDatabase } from "../../prisma/seed";
import { createTestDatabase } from "../../tests/setup/test-database";
import { datasets } from "../data/registry";
import { buildExportArchive } from "./build";
import { verifyManifest, type Manifest } from "./manifest";

let pool: pg.Pool;
let aliceId: string;
let bobId: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "export-test-"));

beforeAll(async () => {
  const url = await createTestDatabase("export_build", { migrate: true });
  await seedDatabase({ databaseUrl: url, size: 300, log: () => {} });
  pool = new pg.Pool({ connectionString: url, max: 3 });
  aliceId = (await pool.query(`SELECT id FROM "User" WHERE email = 'alice@example.com'`)).rows[0].id;
  bobId = (await pool.query(`SELECT id FROM "User" WHERE email = 'bob@example.com'`)).rows[0].id;
  await pool.query(
    `INSERT INTO "ServerLogRecord" ("userId", "occurredAt", ip, path, "userAgent") VALUES ($1, now(), '203.0.113.9', '=HYPERLINK("http://evil.example","x")', '@SUM(1+1)')`,
    [aliceId],
  );
  await pool.query(
    `INSERT INTO "TelemetryReport" ("userId", "clusterId", kind, payload) VALUES ($1, 'c7f3a2d1-prod-0001', 'usage', '-5'::jsonb)`,
    [aliceId],
  );
});

afterAll(async () => {
  await pool?.end();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function build(userId: string, email: string) {
  const outputPath = path.join(dir, `${userId}.zip`);
  const progress: number[] = [];
  const result = await buildExportArchive({
    pool,
    exportId: `test${userId}`,
    userId,
    email,
    outputPath,
    companyName: "Test Co",
    appUrl: "http://localhost",
    onProgress: (update) => progress.push(update.doneRows),
  });
  const zip = fs.readFileSync(outputPath);
  const files = unzipSync(new Uint8Array(zip));
  return { result, zip, files, progress };
}

describe("buildExportArchive", () => {
  it("writes one JSON and one CSV per dataset, a summary and a manifest whose hashes and counts hold", async () => {
    const { result, zip, files, progress } = await build(aliceId, "alice@example.com");
    expect(createHash("sha256").update(zip).digest("hex")).toBe(result.sha256);
    expect(zip.length).toBe(result.bytes);
    const manifest = JSON.parse(strFromU8(files["manifest.json"])) as Manifest;
    expect(manifest).toEqual(result.manifest);
    for (const dataset of datasets) {
      expect(files[`${dataset.key}.json`], dataset.key).toBeDefined();
      expect(files[`${dataset.key}.csv`], dataset.key).toBeDefined();
    }
    expect(files["summary.html"]).toBeDefined();
    expect(Object.keys(files).sort()).toEqual([...manifest.files.map((file) => file.path), "manifest.json"].sort());
    expect(verifyManifest(manifest, (name) => (files[name] ? Buffer.from(files[name]) : undefined))).toEqual([]);

    const dbCounts: Record<string, number> = {
      "server-logs": Number(
        (await pool.query(`SELECT count(*) FROM "ServerLogRecord" WHERE "userId" = $1`, [aliceId])).rows[0].count,
      ),
      "telemetry-reports": Number(
        (await pool.query(`SELECT count(*) FROM "TelemetryReport" WHERE "userId" = $1`, [aliceId])).rows[0].count,
      ),
      "email-events": Number(
        (await pool.query(`SELECT count(*) FROM "EmailEvent" WHERE "userId" = $1`, [aliceId])).rows[0].count,
      ),
      clusters: 2,
      "linked-accounts": 1,
    };
    for (const [key, count] of Object.entries(dbCounts)) {
      const json = readExportJson(strFromU8(files[`${key}.json`]));
      expect(json.length, key).toBe(count);
      expect(manifest.files.find((file) => file.path === `${key}.json`)?.rows, key).toBe(count);
      expect(manifest.files.find((file) => file.path === `${key}.csv`)?.rows, key).toBe(count);
    }
    expect(progress.at(-1)).toBe(manifest.totals.rows);
  });

  it("dates every file in the archive with the time of the export", async () => {
    const before = new Date();
    const { zip } = await build(aliceId, "alice@example.com");
    // The first local file header: DOS date at offset 12 (day, month, year since 1980), time at 10.
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    const dosDate = zip.readUInt16LE(12);
    const dosTime = zip.readUInt16LE(10);
    const stamped = new Date(
      1980 + (dosDate >> 9),
      ((dosDate >> 5) & 0xf) - 1,
      dosDate & 0x1f,
      dosTime >> 11,
      (dosTime >> 5) & 0x3f,
      (dosTime & 0x1f) * 2,
    );
    expect(Math.abs(stamped.getTime() - before.getTime())).toBeLessThan(5 * 60_000);
  });

  it("neutralises formula cells in CSV but keeps JSON exact", async () => {
    const { files } = await build(aliceId, "alice@example.com");
    const csv = strFromU8(files["server-logs.csv"]);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csv).toContain(`'@SUM(1+1)`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    // A JSON scalar payload that looks like a formula start is neutralised too; objects are left alone.
    const telemetryCsv = strFromU8(files["telemetry-reports.csv"]);
    expect(telemetryCsv).toMatch(/,'-5,/);
    expect(telemetryCsv).toContain(`"{""apps"":`);
    const json = readExportJson(strFromU8(files["server-logs.json"])) as { path: string }[];
    expect(json.some((row) => row.path === '=HYPERLINK("http://evil.example","x")')).toBe(true);
  });

  it("works when a policy title holds a backslash or a quote", async () => {
    await pool.query(`UPDATE "PolicyDocument" SET title = title || ' \\ O''Brien' WHERE slug = 'privacy'`);
    try {
      const { files, result } = await build(aliceId, "alice@example.com");
      expect(result.manifest.totals.rows).toBeGreaterThan(0);
      const logs = readExportJson(strFromU8(files["server-logs.json"])) as { policyVersion?: string }[];
      expect(
        logs.some((row) =>
          Object.values(row).some((value) => typeof value === "string" && value.includes("\\ O'Brien v")),
        ),
      ).toBe(true);
    } finally {
      await pool.query(`UPDATE "PolicyDocument" SET title = replace(title, ' \\ O''Brien', '') WHERE slug = 'privacy'`);
    }
  });

  it("reads each dataset's rows from the database once (one COPY per dataset, not one per format)", async () => {
    const copies: string[] = [];
    const counting = {
      connect: async () => {
        const client = await pool.connect();
        const query = client.query.bind(client) as (...args: unknown[]) => unknown;
        return Object.assign(Object.create(client) as pg.PoolClient, {
          query: (...args: unknown[]) => {
            const text = (args[0] as { text?: string })?.text ?? args[0];
            if (typeof text === "string" && text.startsWith("COPY")) copies.push(text);
            return query(...args);
          },
          release: (destroy?: boolean) => client.release(destroy),
        });
      },
    } as unknown as pg.Pool;
    const outputPath = path.join(dir, "once.zip");
    const result = await buildExportArchive({
      pool: counting,
      exportId: "once",
      userId: aliceId,
      email: "alice@example.com",
      outputPath,
      companyName: "Test Co",
      appUrl: "http://localhost",
    });
    expect(result.manifest.totals.rows).toBeGreaterThan(300);
    expect(copies).toHaveLength(datasets.length);
  });

  it("holds only the owner's rows and never tokens", async () => {
    const { files, result } = await build(bobId, "bob@example.com");
    const everything = Object.values(files)
      .map((file) => strFromU8(file))
      .join("\n");
    expect(everything).not.toContain(aliceId);
    expect(everything).not.toContain("alice@example.com");
    expect(everything).not.toContain("tokenHash");
    expect(readExportJson(strFromU8(files["telemetry-reports.json"]))).toHaveLength(25);
    expect(result.manifest.files.find((file) => file.path === "server-logs.csv")?.rows).toBe(0);
    expect(readExportJson(strFromU8(files["server-logs.json"]))).toEqual([]);
    expect(JSON.parse(strFromU8(files["server-logs.json"])).columns).toContain("path");
  });
});
