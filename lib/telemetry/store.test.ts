import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../tests/setup/test-database";
import { handleIngest, hashInstallToken, type AcceptedReport } from "./ingest";
import { BatchWriter, IngestStore } from "./store";

let pool: pg.Pool;
let store: IngestStore;

async function count(clusterId: string) {
  const { rows } = await pool.query<{ count: string }>(
    `SELECT count(*) FROM "TelemetryReport" WHERE "clusterId" = $1`,
    [clusterId],
  );
  return Number(rows[0].count);
}

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: await createTestDatabase("ingest", { migrate: true }), max: 4 });
  await pool.query(
    `INSERT INTO "User" (id, email, "updatedAt") VALUES ('u-on', 'on@example.test', now()), ('u-off', 'off@example.test', now())`,
  );
  await pool.query(
    `INSERT INTO "UserPreferences" ("userId", "telemetryEnabled", "updatedAt") VALUES ('u-on', true, now()), ('u-off', false, now())`,
  );
  await pool.query(
    `INSERT INTO "Cluster" (id, "userId", name, "tokenHash", "telemetryEnabled") VALUES
       ('c-on', 'u-on', 'on', $1, true), ('c-disabled', 'u-on', 'disabled', $1, false), ('c-owner-off', 'u-off', 'owner off', $1, true)`,
    [hashInstallToken("t")],
  );
  store = new IngestStore({
    pool,
    maxBytes: 4096,
    ratePerMinute: 1000,
    batchSize: 25,
    cacheSeconds: 60,
    log: () => undefined,
  });
  await store.listen();
});

afterAll(async () => {
  await store.close();
  await pool.end();
});

describe("telemetry batch writer", () => {
  it("writes accepted reports in batches and updates lastReportAt", async () => {
    const added: Promise<void>[] = [];
    for (let index = 0; index < 60; index++) {
      added.push(
        store.writer.add({
          clusterId: "c-on",
          kind: "usage",
          receivedAt: new Date().toISOString(),
          ip: "203.0.113.9",
          payload: { apps: index },
        }),
      );
    }
    await Promise.all(added);
    expect(await count("c-on")).toBe(60);
    const { rows } = await pool.query(`SELECT "lastReportAt", "userId" FROM "Cluster" WHERE id = 'c-on'`);
    expect(rows[0].lastReportAt).toBeTruthy();
  });

  it("drops rows for opted-out installs and owners even if they reach the writer", async () => {
    await Promise.all(
      ["c-disabled", "c-owner-off"].map((clusterId) =>
        store.writer.add({ clusterId, kind: "usage", receivedAt: new Date().toISOString(), ip: null, payload: {} }),
      ),
    );
    expect(await count("c-disabled")).toBe(0);
    expect(await count("c-owner-off")).toBe(0);
  });

  it("forgets cached opt-in state as soon as a change is committed (NOTIFY)", async () => {
    const deps = store.deps(() => "refused");
    const body = JSON.stringify({ installId: "c-on", kind: "usage", data: { apps: 1 } });
    const request = {
      method: "POST",
      headers: { get: (name: string) => (name === "authorization" ? "Bearer t" : null) },
      body,
      ip: null,
    };
    expect((await handleIngest(request, deps)).status).toBe(202);
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query(`UPDATE "Cluster" SET "telemetryEnabled" = false WHERE id = 'c-on'`);
      await client.query(`SELECT pg_notify('telemetry_prefs', 'cluster:c-on')`);
      await client.query("COMMIT");
    } finally {
      client.release();
    }
    await expect
      .poll(async () => (await handleIngest(request, deps)).body.collection, { timeout: 5000 })
      .toBe("disabled");
    await pool.query(`UPDATE "Cluster" SET "telemetryEnabled" = true WHERE id = 'c-on'`);
  });

  // Issue 17.3: one report PostgreSQL cannot store (here it bypasses validation) used to fail its
  // whole batch and make the writer refuse everything for a second.
  it.each([
    ["a NUL character", "nul", "poisoned \u0000 text"],
    ["a lone surrogate", "surrogate", "poisoned \ud800 text"],
  ])("a report with %s fails alone: the 50 good reports sent with it are stored", async (_label, key, poison) => {
    const installs = Array.from({ length: 50 }, (_, index) => `c-good-${key}-${index}`);
    await pool.query(
      `INSERT INTO "Cluster" (id, "userId", name, "tokenHash") SELECT unnest($1::text[]), 'u-on', 'good', $2`,
      [installs, hashInstallToken("t")],
    );
    await pool.query(`INSERT INTO "Cluster" (id, "userId", name, "tokenHash") VALUES ($1, 'u-on', 'poisoned', $2)`, [
      `c-poison-${key}`,
      hashInstallToken("t"),
    ]);
    const receivedAt = new Date().toISOString();
    const reports: AcceptedReport[] = installs.map((clusterId, index) => ({
      clusterId,
      kind: "usage",
      receivedAt,
      ip: null,
      payload: { apps: index },
    }));
    // The poisoned report lands in the middle of the first batch (batchSize 25).
    reports.splice(10, 0, {
      clusterId: `c-poison-${key}`,
      kind: "usage",
      receivedAt,
      ip: null,
      payload: { note: poison },
    });
    const results = await Promise.allSettled(reports.map((report) => store.writer.add(report)));
    const poisoned = results[10];
    const good = results.filter((_, index) => index !== 10);
    expect(good.filter((result) => result.status === "fulfilled")).toHaveLength(50);
    expect(poisoned).toMatchObject({
      status: "rejected",
      reason: { code: "VALIDATION", reason: "TELEMETRY_UNSTORABLE" },
    });
    const { rows } = await pool.query<{ count: string }>(
      `SELECT count(*) FROM "TelemetryReport" WHERE "clusterId" = ANY($1::text[])`,
      [installs],
    );
    expect(Number(rows[0].count)).toBe(50);
    expect(await count(`c-poison-${key}`)).toBe(0);
    // No back-off after a bad row: the next report is taken and stored at once.
    await expect(
      store.writer.add({ clusterId: installs[0], kind: "usage", receivedAt, ip: null, payload: { apps: 99 } }),
    ).resolves.toBeUndefined();
  });

  it("answers 202 only once stored; a failing database gets 503 and keeps nothing", async () => {
    const failing = {
      query: async () => {
        throw new Error("connection terminated");
      },
    } as unknown as pg.Pool;
    const broken = new BatchWriter({ pool: failing, batchSize: 5, maxPending: 10, log: () => undefined });
    const report = { clusterId: "c-on", kind: "usage", receivedAt: new Date().toISOString(), ip: null, payload: {} };
    await expect(broken.add(report)).rejects.toMatchObject({ code: "UNAVAILABLE", reason: "TELEMETRY_STORE" });
    // Right after a failure, new reports are refused at once (back-pressure), not queued.
    expect(() => broken.add(report)).toThrow(expect.objectContaining({ code: "UNAVAILABLE" }));
    const full = new BatchWriter({
      pool: { query: () => new Promise(() => undefined) } as unknown as pg.Pool,
      batchSize: 100,
      maxPending: 3,
      log: () => undefined,
    });
    for (let index = 0; index < 3; index++) void full.add(report);
    expect(() => full.add(report)).toThrow(expect.objectContaining({ reason: "TELEMETRY_BUSY" }));
    await store.writer.drain({ close: false });
  });

  // Issue 20: a batch used to check and lock (FOR KEY SHARE) the owner's User row and the published
  // policy version for every row, through three foreign keys: the same hot rows for every batch.
  it("stores a report while another transaction holds its owner's row and the policy version locked", async () => {
    await pool.query(
      `INSERT INTO "User" (id, email, "updatedAt") VALUES ('u-locked', 'locked@example.test', now());
       INSERT INTO "Cluster" (id, "userId", name, "tokenHash") VALUES ('c-locked', 'u-locked', 'locked', 'x')`,
    );
    const locker = await pool.connect();
    try {
      await locker.query("BEGIN");
      await locker.query(`SELECT 1 FROM "User" WHERE id = 'u-locked' FOR UPDATE`);
      await locker.query(`SELECT 1 FROM "PolicyVersion" WHERE status = 'PUBLISHED' FOR UPDATE`);
      const added = store.writer.add({
        clusterId: "c-locked",
        kind: "usage",
        receivedAt: new Date().toISOString(),
        ip: null,
        payload: { apps: 1 },
      });
      const outcome = await Promise.race([
        added.then(() => "stored"),
        new Promise((resolve) => setTimeout(() => resolve("waiting for the lock"), 3000)),
      ]);
      expect(outcome).toBe("stored");
    } finally {
      await locker.query("ROLLBACK");
      locker.release();
    }
    expect(await count("c-locked")).toBe(1);
  });

  it("keeps each report's owner equal to its install's, and deleting the account or the install deletes its reports", async () => {
    await pool.query(
      `INSERT INTO "User" (id, email, "updatedAt") VALUES ('u-gone', 'gone@example.test', now());
       INSERT INTO "Cluster" (id, "userId", name, "tokenHash") VALUES ('c-gone-1', 'u-gone', 'one', 'x'), ('c-gone-2', 'u-gone', 'two', 'x')`,
    );
    const receivedAt = new Date().toISOString();
    await Promise.all(
      ["c-gone-1", "c-gone-2", "c-gone-2"].map((clusterId) =>
        store.writer.add({ clusterId, kind: "usage", receivedAt, ip: null, payload: {} }),
      ),
    );
    const { rows } = await pool.query(
      `SELECT DISTINCT "userId" FROM "TelemetryReport" WHERE "clusterId" LIKE 'c-gone-%'`,
    );
    expect(rows).toEqual([{ userId: "u-gone" }]);
    // A row naming someone else as the owner of an install is refused by the key.
    await expect(
      pool.query(
        `INSERT INTO "TelemetryReport" ("userId", "clusterId", kind, payload) VALUES ('u-on', 'c-gone-1', 'usage', '{}')`,
      ),
    ).rejects.toMatchObject({ code: "23503" });
    await pool.query(`DELETE FROM "Cluster" WHERE id = 'c-gone-1'`);
    expect(await count("c-gone-1")).toBe(0);
    expect(await count("c-gone-2")).toBe(2);
    await pool.query(`DELETE FROM "User" WHERE id = 'u-gone'`);
    expect(await count("c-gone-2")).toBe(0);
  });

  it("maintains no B-tree on receivedAt alone: the time index is BRIN, and range scans on receivedAt still use it", async () => {
    // Each B-tree on the table costs every stored report an index insert (CPU per row on the ingest path).
    const { rows: indexes } = await pool.query<{ name: string; method: string; columns: string }>(
      `SELECT i.relname AS name, am.amname AS method, pg_get_indexdef(i.oid) AS columns
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_am am ON am.oid = i.relam
        WHERE x.indrelid = '"TelemetryReport"'::regclass ORDER BY 1`,
    );
    expect(indexes.map(({ name, method }) => `${name} ${method}`)).toEqual([
      "TelemetryReport_clusterId_receivedAt_idx btree",
      "TelemetryReport_pkey btree",
      "TelemetryReport_receivedAt_idx brin",
      "TelemetryReport_userId_receivedAt_id_idx btree",
    ]);
    // The retention purge and the weekly statistics select by receivedAt range.
    const client = await pool.connect();
    try {
      // In a transaction rolled back at the end: 20,000 reports from 100 installs, in time order as they arrive.
      await client.query(`BEGIN;
        INSERT INTO "Cluster" (id, "userId", name, "tokenHash") SELECT 'c-brin-' || i, 'u-on', 'brin', 'x' FROM generate_series(1, 100) i;
        INSERT INTO "TelemetryReport" ("userId", "clusterId", "receivedAt", kind, payload)
          SELECT 'u-on', 'c-brin-' || (i % 100 + 1), now() - interval '3 years' + i * interval '1 hour', 'usage', '{}'
            FROM generate_series(1, 20000) i;
        ANALYZE "TelemetryReport"`);
      const { rows: plan } = await client.query(
        `EXPLAIN SELECT id FROM "TelemetryReport" WHERE "receivedAt" < now() - interval '1000 days'`,
      );
      expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).toContain("TelemetryReport_receivedAt_idx");
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
  });
});
