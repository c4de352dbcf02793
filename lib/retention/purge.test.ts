// The retention purge removes exactly the rows older than each rule's period, in
// batches, records the run per target, and a dry run counts the same rows while
// deleting none.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "../../tests/setup/test-database";

let db: typeof import("../core/db");
let purge: typeof import("./purge");
let rules: typeof import("./rules");

const AS_OF = new Date("2026-06-01T00:00:00Z");
const day = 86_400_000;

beforeAll(async () => {
  const url = await createTestDatabase("retention_purge", { migrate: true });
  vi.stubEnv("DATABASE_URL", url);
  vi.stubEnv("AUTH_SECRET", "test-secret-test-secret-123456");
  vi.stubEnv("EXPORT_DIR", `.data/exports-retention-test`);
  db = await import("../core/db");
  purge = await import("./purge");
  rules = await import("./rules");
});

afterAll(async () => {
  await db?.disconnectDb();
  vi.unstubAllEnvs();
});

describe("retention purge", () => {
  it("deletes exactly the expired rows, records the run, and a dry run deletes nothing", async () => {
    const user = await db.prisma.user.create({ data: { email: "r@example.com" } });
    await rules.ensureRetentionRules();
    // Server logs: 180 days. 1 234 rows on either side of the cut-off (batch size 100 forces many batches).
    const cutoff = new Date(AS_OF.getTime() - 180 * day);
    await db.getPool().query(
      `INSERT INTO "ServerLogRecord" ("userId", "occurredAt", ip, path)
       SELECT $1, $2::timestamp - (g * interval '1 minute'), '192.0.2.1', '/' FROM generate_series(1, 1234) g
       UNION ALL
       SELECT $1, $2::timestamp + (g * interval '1 minute'), '192.0.2.1', '/' FROM generate_series(0, 999) g`,
      [user.id, cutoff],
    );
    await db.prisma.session.createMany({
      data: [
        { userId: user.id, sessionToken: "old", expires: new Date(AS_OF.getTime() - 40 * day) },
        { userId: user.id, sessionToken: "recent", expires: new Date(AS_OF.getTime() - 2 * day) },
      ],
    });
    await db.prisma.verificationToken.create({
      data: { identifier: "r@example.com", token: "t1", expires: new Date(AS_OF.getTime() - 3 * day) },
    });
    await db.prisma.parentRequest.create({
      data: {
        parentName: "P",
        parentEmail: "p@example.net",
        childIdentifiers: "k@example.net",
        relationship: "mother",
        accessTokenHash: "h1",
        createdAt: new Date(AS_OF.getTime() - 8 * day),
      },
    });
    await db.prisma.exportJob.create({
      data: { userId: user.id, status: "EXPIRED", expiresAt: new Date(AS_OF.getTime() - 31 * day) },
    });

    const dry = await purge.createRetentionRun({ dryRun: true, trigger: "admin", asOf: AS_OF });
    expect(await purge.executeRetentionRun(dry.id, { batchSize: 100 })).toBe("done");
    const dryItems = Object.fromEntries(
      (await db.prisma.retentionRunItem.findMany({ where: { runId: dry.id } })).map((item) => [item.target, item.rows]),
    );
    expect(dryItems).toMatchObject({ "server-logs": 1234, sessions: 1, tokens: 1, "parent-requests": 1, exports: 1 });
    expect(await db.prisma.serverLogRecord.count()).toBe(2234);

    const run = await purge.createRetentionRun({ dryRun: false, trigger: "schedule", asOf: AS_OF });
    let batches = 0;
    expect(await purge.executeRetentionRun(run.id, { batchSize: 100, onBatch: () => void batches++ })).toBe("done");
    expect(batches).toBeGreaterThanOrEqual(13);
    expect(await db.prisma.serverLogRecord.count()).toBe(1000);
    expect(await db.prisma.serverLogRecord.count({ where: { occurredAt: { lt: cutoff } } })).toBe(0);
    expect(await db.prisma.session.findMany({ select: { sessionToken: true } })).toEqual([{ sessionToken: "recent" }]);
    expect(await db.prisma.verificationToken.count()).toBe(0);
    expect(await db.prisma.parentRequest.count()).toBe(0);
    expect(await db.prisma.exportJob.count()).toBe(0);
    const recorded = await db.prisma.retentionRun.findUniqueOrThrow({
      where: { id: run.id },
      include: { items: true },
    });
    expect(recorded.status).toBe("COMPLETED");
    const logs = recorded.items.find((item) => item.target === "server-logs")!;
    expect(logs).toMatchObject({ rows: 1234, days: 180 });
    expect(logs.cutoff.getTime()).toBe(cutoff.getTime());
    expect(logs.oldestKept?.getTime()).toBe(cutoff.getTime());
    expect(await db.prisma.auditLog.count({ where: { action: "retention.run", targetId: run.id } })).toBe(1);
    // A second run finds nothing more.
    const again = await purge.createRetentionRun({ dryRun: false, trigger: "schedule", asOf: AS_OF });
    await purge.executeRetentionRun(again.id, { batchSize: 100 });
    expect(
      (await db.prisma.retentionRunItem.findMany({ where: { runId: again.id } })).every((item) => item.rows === 0),
    ).toBe(true);
  });
});
