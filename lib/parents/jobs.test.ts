// The hourly sweep: unconfirmed requests are purged after 7 days (not before),
// with an audit row; confirmed ones are never purged.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "../../tests/setup/test-database";

let db: typeof import("../core/db");
let jobs: typeof import("./jobs");
let clock: typeof import("../core/clock");

beforeAll(async () => {
  const url = await createTestDatabase("parents_jobs", { migrate: true });
  vi.stubEnv("DATABASE_URL", url);
  vi.stubEnv("AUTH_SECRET", "test-secret-test-secret-123456");
  vi.stubEnv("ALLOW_TEST_CLOCK", "1");
  db = await import("../core/db");
  jobs = await import("./jobs");
  clock = await import("../core/clock");
});

afterAll(async () => {
  clock?.setTestNow(null);
  await db?.disconnectDb();
  vi.unstubAllEnvs();
});

const request = (id: string, status: "AWAITING_EMAIL" | "UNDER_REVIEW", createdAt: Date) =>
  db.prisma.parentRequest.create({
    data: {
      id,
      parentName: "P",
      parentEmail: `${id}@example.net`,
      childIdentifiers: "kid@example.com",
      relationship: "I am the mother.",
      status,
      accessTokenHash: `hash-${id}`,
      createdAt,
    },
  });

describe("parents' sweep", () => {
  it("purges unconfirmed requests once they are 7 days old, and nothing else", async () => {
    const start = new Date("2026-11-01T10:00:00Z");
    await request("pr1unconfirmed", "AWAITING_EMAIL", start);
    await request("pr2confirmed", "UNDER_REVIEW", start);
    clock.setTestNow(new Date(start.getTime() + 6.9 * 86_400_000));
    expect(await jobs.sweepParentRequests()).toMatchObject({ purged: 0 });
    expect(await db.prisma.parentRequest.count()).toBe(2);
    clock.setTestNow(new Date(start.getTime() + 7.1 * 86_400_000));
    expect(await jobs.sweepParentRequests()).toMatchObject({ purged: 1 });
    expect((await db.prisma.parentRequest.findMany({ select: { id: true } })).map((row) => row.id)).toEqual([
      "pr2confirmed",
    ]);
    expect(await db.prisma.auditLog.count({ where: { action: "parent.request.purged_unconfirmed" } })).toBe(1);
  });
});
