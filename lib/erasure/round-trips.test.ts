// Issue 20 item 4: at 10^5 rows an erasure's fixed cost (the request and account
// transactions, ~25 Prisma round trips each way) was most of the gap to plain DELETEs.
// Counts the statements a whole erasure sends (request, batches, counts, the account
// transaction, completion) for a person with rows in every batched table and an open
// request, and checks that it still erases everything.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "../../tests/setup/test-database";

vi.mock("../core/queue", async (original) => ({
  ...(await original<typeof import("../core/queue")>()),
  enqueue: async () => null,
}));

const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), "erasure-trips-"));
let db: typeof import("../core/db");
let engine: typeof import("./engine");
let request: typeof import("./request");

beforeAll(async () => {
  const databaseUrl = await createTestDatabase("erasure_trips", { migrate: true });
  vi.stubEnv("DATABASE_URL", databaseUrl);
  vi.stubEnv("AUTH_SECRET", "test-secret-test-secret-123456");
  vi.stubEnv("EXPORT_DIR", exportDir);
  vi.stubEnv("SMTP_URL", "smtp://127.0.0.1:1?tls=off");
  db = await import("../core/db");
  engine = await import("./engine");
  request = await import("./request");
}, 120_000);

afterAll(async () => {
  await db?.disconnectDb();
  fs.rmSync(exportDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

async function makePerson(email: string) {
  const user = await db.prisma.user.create({ data: { email, emailVerified: new Date() } });
  const pool = db.getPool();
  await pool.query(`INSERT INTO "Cluster" (id, "userId", name, "tokenHash") VALUES ($1, $2, 'c', 'x')`, [
    `${user.id}-c`,
    user.id,
  ]);
  await pool.query(
    `INSERT INTO "ServerLogRecord" ("userId", "occurredAt", ip, path, "userAgent")
     SELECT $1, now() - (g || ' seconds')::interval, '203.0.113.1', '/p', 'UA' FROM generate_series(1, 300) g`,
    [user.id],
  );
  await pool.query(
    `INSERT INTO "TelemetryReport" ("userId", "clusterId", "receivedAt", kind, ip, payload)
     SELECT $1, $2, now() - (g || ' seconds')::interval, 'usage', '198.51.100.1', '{}' FROM generate_series(1, 200) g`,
    [user.id, `${user.id}-c`],
  );
  await pool.query(
    `INSERT INTO "EmailEvent" ("userId", kind, category, "occurredAt")
     SELECT $1, 'SENT', 'PRODUCT_NEWS', now() - (g || ' seconds')::interval FROM generate_series(1, 100) g`,
    [user.id],
  );
  await db.prisma.privacyRequest.create({
    data: { userId: user.id, type: "CORRECTION", details: "Wrong name", dueAt: new Date(Date.now() + 86_400_000) },
  });
  return user.id;
}

async function erase(userId: string) {
  const { erasureId } = await db.prisma.$transaction((tx) =>
    request.requestErasure({ userId, requester: { kind: "SELF" }, sendReceipt: false, tx }),
  );
  expect(await engine.runErasure(erasureId, { batchSize: 100 })).toBe("done");
  return erasureId;
}

describe("an erasure's round trips", () => {
  it("takes few statements besides its batches, and still erases everything", async () => {
    await erase(await makePerson("warm@example.com")); // connects the pools, loads keys: not counted
    const userId = await makePerson("counted@example.com");
    const spy = vi.spyOn(pg.Client.prototype, "query");
    const erasureId = await erase(userId);
    const statements = spy.mock.calls.length;
    spy.mockRestore();
    // 600 rows in batches of 100 (about 14 statements with each table's span), the rest fixed
    // cost. The old code sent 77 (its batches started at a one-minute window and grew fourfold).
    expect(statements).toBeLessThanOrEqual(41);
    const pool = db.getPool();
    const left = await pool.query<{ n: number }>(
      `SELECT ((SELECT count(*) FROM "ServerLogRecord" WHERE "userId" = $1) + (SELECT count(*) FROM "TelemetryReport" WHERE "userId" = $1)
             + (SELECT count(*) FROM "EmailEvent" WHERE "userId" = $1) + (SELECT count(*) FROM "User" WHERE id = $1))::int AS n`,
      [userId],
    );
    expect(left.rows[0].n).toBe(0);
    const erasure = await db.prisma.erasure.findUniqueOrThrow({ where: { id: erasureId } });
    expect(erasure).toMatchObject({ status: "COMPLETED", step: "done", userId: null });
    const counts = erasure.counts as { total: number };
    expect(counts.total).toBeGreaterThanOrEqual(601);
    const closed = await db.prisma.privacyRequest.findFirstOrThrow({ where: { details: "", userId: null } });
    expect(closed).toMatchObject({ status: "WITHDRAWN", isOpen: false });
    const progress = erasure.progress as Record<string, number>;
    expect(progress).toMatchObject({ ServerLogRecord: 300, TelemetryReport: 200, EmailEvent: 100 });
  });
});
