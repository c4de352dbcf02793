// The privacy team's front page: weeks bucketed from the clock's now, and the open count
// the same as the queue's (withdrawn and unconfirmed requests are not in the queue).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "../../tests/setup/test-database";
import { bucketByWeek, lastWeeks, weekStart } from "./dashboard";

describe("weeks", () => {
  it("start on Monday 00:00 UTC and run oldest first up to the current week", () => {
    expect(weekStart(new Date("2026-12-06T23:59:00Z")).toISOString()).toBe("2026-11-30T00:00:00.000Z"); // a Sunday
    expect(weekStart(new Date("2026-12-07T00:00:00Z")).toISOString()).toBe("2026-12-07T00:00:00.000Z"); // a Monday
    const weeks = lastWeeks(new Date("2026-12-09T10:00:00Z"), 12);
    expect(weeks).toHaveLength(12);
    expect(weeks.at(-1)!.toISOString()).toBe("2026-12-07T00:00:00.000Z");
    expect(weeks[0].toISOString()).toBe("2026-09-21T00:00:00.000Z");
  });

  it("puts zeros in empty weeks and leaves out rows outside them", () => {
    const weeks = lastWeeks(new Date("2026-12-09T10:00:00Z"), 3);
    const result = bucketByWeek(
      [
        { week: new Date("2026-11-23T00:00:00Z"), received: 2, closed: 1 },
        { week: new Date("2026-12-08T00:00:00Z"), received: 1, closed: 0 }, // mid-week: its Monday
        { week: new Date("2026-11-16T00:00:00Z"), received: 9, closed: 9 }, // before the window
      ],
      weeks,
    );
    expect(result.map((week) => [week.received, week.closed])).toEqual([
      [2, 1],
      [0, 0],
      [1, 0],
    ]);
  });
});

describe("open requests against the database", () => {
  let db: typeof import("../core/db");
  let dashboard: typeof import("./dashboard");
  let overview: typeof import("./overview");
  let queue: typeof import("../requests/admin");
  let clock: typeof import("../core/clock");
  const admin = { userId: "", email: "team@example.test", name: null, role: "ADMIN" as const };

  beforeAll(async () => {
    const url = await createTestDatabase("admin_dashboard", { migrate: true });
    vi.stubEnv("DATABASE_URL", url);
    vi.stubEnv("AUTH_SECRET", "test-secret-test-secret-123456");
    vi.stubEnv("ALLOW_TEST_CLOCK", "1");
    db = await import("../core/db");
    dashboard = await import("./dashboard");
    overview = await import("./overview");
    queue = await import("../requests/admin");
    clock = await import("../core/clock");
    clock.setTestNow(new Date("2026-12-09T10:00:00Z"));
    admin.userId = (await db.prisma.user.create({ data: { email: admin.email, role: "ADMIN" } })).id;
    const person = await db.prisma.user.create({ data: { email: "person@example.test" } });
    const day = (iso: string) => new Date(iso);
    const requests: { status: string; isOpen: boolean; createdAt: string; dueAt: string; closedAt?: string }[] = [
      { status: "RECEIVED", isOpen: true, createdAt: "2026-12-08T09:00:00Z", dueAt: "2027-01-07T00:00:00Z" },
      { status: "IN_PROGRESS", isOpen: true, createdAt: "2026-10-01T09:00:00Z", dueAt: "2026-11-01T00:00:00Z" }, // overdue
      { status: "VERIFIED", isOpen: true, createdAt: "2026-11-20T09:00:00Z", dueAt: "2026-12-12T00:00:00Z" }, // due soon
      // Closed: never open in the queue.
      {
        status: "WITHDRAWN",
        isOpen: false,
        createdAt: "2026-11-24T09:00:00Z",
        dueAt: "2026-12-24T00:00:00Z",
        closedAt: "2026-11-25T09:00:00Z",
      },
      {
        status: "COMPLETED",
        isOpen: false,
        createdAt: "2026-11-02T09:00:00Z",
        dueAt: "2026-12-02T00:00:00Z",
        closedAt: "2026-12-08T09:00:00Z",
      },
      // Filed by address, not yet confirmed: not in the queue.
      {
        status: "AWAITING_VERIFICATION",
        isOpen: true,
        createdAt: "2026-12-08T10:00:00Z",
        dueAt: "2027-01-07T00:00:00Z",
      },
    ];
    for (const request of requests)
      await db.prisma.privacyRequest.create({
        data: {
          userId: person.id,
          type: "ACCESS",
          details: "test",
          status: request.status as never,
          isOpen: request.isOpen,
          createdAt: day(request.createdAt),
          dueAt: day(request.dueAt),
          closedAt: request.closedAt ? day(request.closedAt) : null,
        },
      });
  }, 120_000);

  afterAll(async () => {
    clock?.setTestNow(null);
    await db?.disconnectDb();
    vi.unstubAllEnvs();
  });

  it("counts exactly the requests the queue lists as open, overdue and due within 7 days", async () => {
    const open = (await queue.listRequestQueue({ admin, filters: { status: "OPEN" } })).rows.length;
    const overdue = (await queue.listRequestQueue({ admin, filters: { overdue: true } })).rows.length;
    const dueSoon = (await queue.listRequestQueue({ admin, filters: { dueWithinDays: 7 } })).rows.length;
    expect([open, overdue, dueSoon]).toEqual([3, 1, 1]);
    const workload = await dashboard.getRequestWorkload({ admin });
    expect({ open: workload.open, overdue: workload.overdue, dueSoon: workload.dueSoon }).toEqual({
      open,
      overdue,
      dueSoon,
    });
    expect((await overview.getAdminOverview({ admin })).openRequests).toBe(open);
  });

  it("counts requests received and closed per week (unconfirmed ones are not received yet)", async () => {
    const { weeks } = await dashboard.getRequestWorkload({ admin });
    expect(weeks).toHaveLength(12);
    const byWeek = Object.fromEntries(
      weeks.map((week) => [week.start.toISOString().slice(0, 10), [week.received, week.closed]]),
    );
    expect(byWeek["2026-12-07"]).toEqual([1, 1]);
    expect(byWeek["2026-11-23"]).toEqual([1, 1]);
    expect(byWeek["2026-11-16"]).toEqual([1, 0]);
    expect(byWeek["2026-10-26"]).toEqual([0, 0]);
    expect(byWeek["2026-09-28"]).toEqual([1, 0]);
    expect(weeks.reduce((sum, week) => sum + week.received, 0)).toBe(5);
  });
});
