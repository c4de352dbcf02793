// Keyset pagination and owner scoping against a real database.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDatabase } from "../../prisma/seed";
import { createTestDatabase } from "../../tests/setup/test-database";
import { AppError } from "../core/errors";
import { countDatasets, countRows, findRow, listPage } from "./queries";
import { datasets, findDataset } from "./registry";

let pool: pg.Pool;
let aliceId: string;
let bobId: string;

beforeAll(async () => {
  const url = await createTestDatabase("data_queries", { migrate: true });
  await seedDatabase({ databaseUrl: url, size: 500, log: () => {} });
  pool = new pg.Pool({ connectionString: url, max: 3 });
  aliceId = (await pool.query(`SELECT id FROM "User" WHERE email = 'alice@example.com'`)).rows[0].id;
  bobId = (await pool.query(`SELECT id FROM "User" WHERE email = 'bob@example.com'`)).rows[0].id;
  // Ties on the timestamp: keyset order must still be total (time, id).
  await pool.query(
    `INSERT INTO "ServerLogRecord" ("userId", "occurredAt", ip, path) SELECT $1, '2026-06-01T00:00:00Z', '192.0.2.1', '/tie' FROM generate_series(1, 7)`,
    [aliceId],
  );
});

afterAll(async () => {
  await pool?.end();
});

const logs = () => findDataset("server-logs")!.dataset;

describe("listPage", () => {
  it("walks every row exactly once, newest first, forwards and backwards", async () => {
    const expected = (
      await pool.query(
        `SELECT id::text FROM "ServerLogRecord" WHERE "userId" = $1 ORDER BY "occurredAt" DESC, id DESC`,
        [aliceId],
      )
    ).rows.map((row) => row.id);
    const forward: string[] = [];
    let page = await listPage(pool, aliceId, logs(), { direction: "first", limit: 37 });
    expect(page.hasNewer).toBe(false);
    forward.push(...page.rows.map((row) => row.key));
    while (page.hasOlder) {
      page = await listPage(pool, aliceId, logs(), { direction: "next", cursor: page.oldestCursor, limit: 37 });
      forward.push(...page.rows.map((row) => row.key));
    }
    expect(forward).toEqual(expected);

    const backward: string[] = [];
    page = await listPage(pool, aliceId, logs(), { direction: "last", limit: 37 });
    expect(page.hasOlder).toBe(false);
    backward.unshift(...page.rows.map((row) => row.key));
    while (page.hasNewer) {
      page = await listPage(pool, aliceId, logs(), { direction: "prev", cursor: page.newestCursor, limit: 37 });
      backward.unshift(...page.rows.map((row) => row.key));
    }
    expect(backward).toEqual(expected);
  });

  it("filters by date range, page, IP and device, and counts the same rows", async () => {
    const filters = { from: "2026-10-01", to: "2026-10-31", path: "/docs/cli" };
    const page = await listPage(pool, aliceId, logs(), { direction: "first", filters, limit: 200 });
    const count = await countRows(pool, aliceId, logs(), filters);
    expect(page.rows.length).toBe(count);
    expect(count).toBeGreaterThan(0);
    for (const row of page.rows) {
      expect(row.values.path).toBe("/docs/cli");
      expect(row.values.occurredAt! >= "2026-10-01" && row.values.occurredAt! < "2026-11-01").toBe(true);
    }
    const device = page.rows[0].values.deviceId!;
    const byDevice = await countRows(pool, aliceId, logs(), { device, ip: page.rows[0].values.ip! });
    expect(byDevice).toBe(
      Number(
        (
          await pool.query(
            `SELECT count(*) FROM "ServerLogRecord" WHERE "userId" = $1 AND "deviceId" = $2 AND ip = $3`,
            [aliceId, device, page.rows[0].values.ip],
          )
        ).rows[0].count,
      ),
    );
    await expect(listPage(pool, aliceId, logs(), { direction: "first", filters: { from: "1 Jan" } })).rejects.toThrow(
      AppError,
    );
    await expect(listPage(pool, aliceId, logs(), { direction: "next", cursor: "garbage" })).rejects.toThrow(AppError);
  });

  it("refuses impossible dates, control characters and malformed cursors as AppErrors, before PostgreSQL sees them", async () => {
    const cursor = (value: unknown) => Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
    for (const filters of [
      { from: "2024-13-45" },
      { from: "2024-02-30" },
      { to: "0000-00-00" },
      { to: "275760-09-13" },
      { ip: "\u0000" },
      { path: "a\u0000b" },
    ]) {
      await expect(
        listPage(pool, aliceId, logs(), { direction: "first", filters }),
        JSON.stringify(filters),
      ).rejects.toThrow(AppError);
      await expect(countRows(pool, aliceId, logs(), filters), JSON.stringify(filters)).rejects.toThrow(AppError);
    }
    for (const value of [
      ["1", "1"],
      ["2024-01-01", "1"],
      ["2024-01-01 00:00:00", "9223372036854775808"],
      ["2024-02-30 00:00:00", "1"],
      ["2024-01-01 00:00:00", ""],
    ]) {
      await expect(
        listPage(pool, aliceId, logs(), { direction: "next", cursor: cursor(value) }),
        JSON.stringify(value),
      ).rejects.toThrow(AppError);
    }
    const clusters = findDataset("clusters")!.dataset;
    await expect(
      listPage(pool, aliceId, clusters, { direction: "prev", cursor: cursor(["2024-01-01 00:00:00", "a\u0000"]) }),
    ).rejects.toThrow(AppError);
    expect(await findRow(pool, aliceId, clusters, "\u0000")).toBeNull();
    expect(await findRow(pool, aliceId, logs(), "9223372036854775808")).toBeNull();
    // A real cursor still works.
    const first = await listPage(pool, aliceId, logs(), { direction: "first", limit: 5 });
    expect(
      (await listPage(pool, aliceId, logs(), { direction: "next", cursor: first.oldestCursor, limit: 5 })).rows.length,
    ).toBe(5);
  });

  it("never returns another person's rows, by filter, cursor or id", async () => {
    const bobReport = (await pool.query(`SELECT id::text FROM "TelemetryReport" WHERE "userId" = $1 LIMIT 1`, [bobId]))
      .rows[0].id;
    const telemetry = findDataset("telemetry-reports")!.dataset;
    expect(await findRow(pool, aliceId, telemetry, bobReport)).toBeNull();
    expect(await findRow(pool, bobId, telemetry, bobReport)).not.toBeNull();
    expect(
      (await listPage(pool, aliceId, telemetry, { direction: "first", filters: { cluster: "b0b00000-prod-0003" } }))
        .rows,
    ).toEqual([]);
    expect(await findRow(pool, aliceId, findDataset("clusters")!.dataset, "b0b00000-prod-0003")).toBeNull();
    expect(await findRow(pool, aliceId, telemetry, "not-a-number")).toBeNull();
  });

  it("fails closed without an owner", async () => {
    await expect(listPage(pool, undefined as unknown as string, logs(), { direction: "first" })).rejects.toThrow(
      "NO_OWNER",
    );
    await expect(countDatasets(pool, "")).rejects.toThrow("NO_OWNER");
  });
});

describe("countDatasets", () => {
  it("counts every dataset exactly, per policy version", async () => {
    const counts = await countDatasets(pool, aliceId);
    expect([...counts.keys()].sort()).toEqual(datasets.map((dataset) => dataset.key).sort());
    expect(counts.get("server-logs")!.total).toBe(300 + 7);
    expect(counts.get("telemetry-reports")!.total).toBe(200);
    expect(counts.get("clusters")!.total).toBe(2);
    const bob = await countDatasets(pool, bobId);
    expect(bob.get("telemetry-reports")!.total).toBe(25);
    expect(bob.get("server-logs")!.total).toBe(0);
  });
});
