// Starting an export against a real database: the limits (one at a time, a few a
// day) hold when many requests for one person arrive at once (issue 17.4).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "../../tests/setup/test-database";
import type { Viewer } from "../core/viewer";

const enqueued: string[] = [];
vi.mock("./queue", () => ({ enqueueExport: async (id: string) => void enqueued.push(id) }));

let access: typeof import("./access");
let db: typeof import("../core/db");

async function createViewer(name: string): Promise<Viewer> {
  const user = await db.prisma.user.create({
    data: { email: `${name}-${Date.now()}@example.test` },
    select: { id: true, email: true },
  });
  return { userId: user.id, email: user.email, name: null, role: "USER" };
}

const exportsOf = (userId: string) => db.prisma.exportJob.count({ where: { userId } });

beforeAll(async () => {
  vi.stubEnv("DATABASE_URL", await createTestDatabase("export_access", { migrate: true }));
  vi.stubEnv("AUTH_SECRET", "test-secret-test-secret-123456");
  db = await import("../core/db");
  access = await import("./access");
  // Open the pool's connections first, so the requests below really run side by side.
  await Promise.all(Array.from({ length: 10 }, () => db.prisma.$executeRaw`SELECT pg_sleep(0.05)`));
});

afterAll(async () => {
  await db?.disconnectDb();
  vi.unstubAllEnvs();
});

describe("startExport", () => {
  it("40 requests at once for one person start exactly one export", async () => {
    const viewer = await createViewer("burst");
    const results = await Promise.allSettled(Array.from({ length: 40 }, () => access.startExport({ viewer })));
    expect(await exportsOf(viewer.userId)).toBe(1);
    const values = results.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
    const created = values.filter((value) => value.created);
    expect(created).toHaveLength(1);
    // The others are told about the one being prepared, or that one is being started right now.
    expect(values.every((value) => value.id === created[0].id)).toBe(true);
    const refused = results.flatMap((result) => (result.status === "rejected" ? [result.reason] : []));
    expect(refused.every((error) => error.code === "CONFLICT" && error.reason === "EXPORT_STARTING")).toBe(true);
    expect(await db.prisma.auditLog.count({ where: { action: "export.requested", targetId: created[0].id } })).toBe(1);
    expect(enqueued.filter((id) => id === created[0].id)).toHaveLength(1);
    // Once started, a later request is told about the same export.
    expect(await access.startExport({ viewer })).toEqual({ id: created[0].id, created: false });
  });

  it("the daily limit holds under concurrency too: with 4 done today, 40 at once make the 5th and no more", async () => {
    const viewer = await createViewer("daily");
    await db.prisma.exportJob.createMany({
      data: Array.from({ length: 4 }, () => ({ userId: viewer.userId, status: "READY" as const })),
    });
    const first = await Promise.allSettled(Array.from({ length: 40 }, () => access.startExport({ viewer })));
    expect(first.filter((result) => result.status === "fulfilled" && result.value.created)).toHaveLength(1);
    expect(await exportsOf(viewer.userId)).toBe(5);
    // Once that one is done, the day's five are used: every one of 40 more is refused.
    await db.prisma.exportJob.updateMany({ where: { userId: viewer.userId }, data: { status: "READY" } });
    const second = await Promise.allSettled(Array.from({ length: 40 }, () => access.startExport({ viewer })));
    const reasons = second.map((result) =>
      result.status === "rejected" ? `${result.reason.code}:${result.reason.reason}` : "started",
    );
    expect(reasons).toContain("LIMIT_REACHED:EXPORTS_PER_DAY");
    expect(
      reasons.filter((reason) => reason !== "LIMIT_REACHED:EXPORTS_PER_DAY" && reason !== "CONFLICT:EXPORT_STARTING"),
    ).toEqual([]);
    expect(await exportsOf(viewer.userId)).toBe(5);
    await expect(access.startExport({ viewer })).rejects.toMatchObject({
      code: "LIMIT_REACHED",
      reason: "EXPORTS_PER_DAY",
    });
  });

  it("one person's burst does not hold back another's export", async () => {
    const [a, b] = [await createViewer("a"), await createViewer("b")];
    const results = await Promise.allSettled([
      ...Array.from({ length: 10 }, () => access.startExport({ viewer: a })),
      access.startExport({ viewer: b }),
    ]);
    expect(results.at(-1)).toMatchObject({ status: "fulfilled", value: { created: true } });
    expect(await exportsOf(a.userId)).toBe(1);
    expect(await exportsOf(b.userId)).toBe(1);
  });
});
