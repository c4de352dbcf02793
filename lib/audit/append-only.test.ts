// The audit log is append-only in the database itself: a trigger refuses UPDATE,
// DELETE and TRUNCATE, whoever asks (the application's own connection included).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "../../tests/setup/test-database";

let db: typeof import("../core/db");

beforeAll(async () => {
  const url = await createTestDatabase("audit_append_only", { migrate: true });
  vi.stubEnv("DATABASE_URL", url);
  vi.stubEnv("AUTH_SECRET", "test-secret-test-secret-123456");
  db = await import("../core/db");
});

afterAll(async () => {
  await db?.disconnectDb();
  vi.unstubAllEnvs();
});

describe("AuditLog trigger", () => {
  it("accepts inserts and refuses UPDATE, DELETE and TRUNCATE", async () => {
    const row = await db.prisma.auditLog.create({ data: { action: "test.append", metadata: { n: 1 } } });
    const pool = db.getPool();
    await expect(pool.query(`UPDATE "AuditLog" SET action = 'test.changed' WHERE id = $1`, [row.id])).rejects.toThrow();
    await expect(pool.query(`DELETE FROM "AuditLog" WHERE id = $1`, [row.id])).rejects.toThrow();
    await expect(pool.query(`TRUNCATE "AuditLog"`)).rejects.toThrow();
    await expect(db.prisma.auditLog.update({ where: { id: row.id }, data: { metadata: {} } })).rejects.toThrow();
    await expect(db.prisma.auditLog.deleteMany({})).rejects.toThrow();
    const after = await db.prisma.auditLog.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.action).toBe("test.append");
    expect(after.metadata).toEqual({ n: 1 });
    expect(await db.prisma.auditLog.count()).toBe(1);
  });
});
