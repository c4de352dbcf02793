// The export job and the expiry job against a real database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedDatabase } from "../../prisma/seed";
import { createTestDatabase } from "../../tests/setup/test-database";

const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), "export-jobs-"));
let jobs: typeof import("./jobs");
let db: typeof import("../core/db");
let aliceId: string;

beforeAll(async () => {
  const url = await createTestDatabase("export_jobs", { migrate: true });
  await seedDatabase({ databaseUrl: url, size: 200, log: () => {} });
  vi.stubEnv("DATABASE_URL", url);
  vi.stubEnv("AUTH_SECRET", "test-secret-test-secret-123456");
  vi.stubEnv("EXPORT_DIR", exportDir);
  // No SMTP here: the "ready" email fails and is logged; the export must still succeed.
  vi.stubEnv("SMTP_URL", "");
  db = await import("../core/db");
  jobs = await import("./jobs");
  aliceId = (await db.prisma.user.findUniqueOrThrow({ where: { email: "alice@example.com" } })).id;
});

afterAll(async () => {
  await db?.disconnectDb();
  fs.rmSync(exportDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

describe("export jobs", () => {
  it("builds a queued export into EXPORT_DIR and marks it ready for 7 days", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const job = await db.prisma.exportJob.create({ data: { userId: aliceId } });
    await jobs.runExportJob(job.id);
    const done = await db.prisma.exportJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(done.status).toBe("READY");
    expect(done.fileName).toBe(`${job.id}.zip`);
    const file = fs.readFileSync(path.join(exportDir, done.fileName!));
    expect(createHash("sha256").update(file).digest("hex")).toBe(done.sha256);
    expect(Number(done.fileSize)).toBe(file.length);
    expect(done.doneRows).toBe(done.totalRows);
    expect(done.totalRows).toBeGreaterThan(200);
    const days = (done.expiresAt!.getTime() - done.completedAt!.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(7, 5);
    expect(fs.readdirSync(exportDir)).toEqual([done.fileName]);
    // Running the same job again (a retry) does nothing to a ready export.
    await jobs.runExportJob(job.id);
    expect((await db.prisma.exportJob.findUniqueOrThrow({ where: { id: job.id } })).completedAt).toEqual(
      done.completedAt,
    );
  });

  it("deletes expired archives and keeps the others", async () => {
    const expired = await db.prisma.exportJob.create({
      data: { userId: aliceId, status: "READY", fileName: "expiredjob.zip", expiresAt: new Date(Date.now() - 1000) },
    });
    const fresh = await db.prisma.exportJob.create({
      data: {
        userId: aliceId,
        status: "READY",
        fileName: "freshjob.zip",
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    fs.writeFileSync(path.join(exportDir, "expiredjob.zip"), "old");
    fs.writeFileSync(path.join(exportDir, "freshjob.zip"), "new");
    const requeued: string[] = [];
    const stuck = await db.prisma.exportJob.create({
      data: { userId: aliceId, createdAt: new Date(Date.now() - 10 * 60_000) },
    });
    fs.writeFileSync(path.join(exportDir, "orphanjob.zip"), "left by a reset database");
    fs.writeFileSync(path.join(exportDir, "recentorphan.zip"), "too young to remove");
    const old = new Date(Date.now() - 9 * 86_400_000);
    fs.utimesSync(path.join(exportDir, "orphanjob.zip"), old, old);
    const dead = await db.prisma.exportJob.create({
      data: { userId: aliceId, status: "RUNNING", startedAt: new Date(Date.now() - 3 * 3_600_000) },
    });
    const result = await jobs.expireExports({ requeue: async (id) => requeued.push(id) });
    expect((await db.prisma.exportJob.findUniqueOrThrow({ where: { id: dead.id } })).status).toBe("FAILED");
    expect(result.expired).toBe(1);
    expect(result.orphans).toBe(1);
    expect(fs.existsSync(path.join(exportDir, "orphanjob.zip"))).toBe(false);
    expect(fs.existsSync(path.join(exportDir, "recentorphan.zip"))).toBe(true);
    expect(fs.existsSync(path.join(exportDir, "expiredjob.zip"))).toBe(false);
    expect(fs.existsSync(path.join(exportDir, "freshjob.zip"))).toBe(true);
    expect(await db.prisma.exportJob.findUniqueOrThrow({ where: { id: expired.id } })).toMatchObject({
      status: "EXPIRED",
      fileName: null,
    });
    expect((await db.prisma.exportJob.findUniqueOrThrow({ where: { id: fresh.id } })).status).toBe("READY");
    expect(requeued).toEqual([stuck.id]);
    expect(await db.prisma.auditLog.count({ where: { action: "export.expired", targetId: expired.id } })).toBe(1);
  });
});
