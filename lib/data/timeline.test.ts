// The timeline on Your data: months bucketed in UTC up to the clock's now (24 of them,
// oldest first), empty months as zeros, rows outside the window left out, owner-scoped.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "../../tests/setup/test-database";
import { bucketByMonth, lastMonths, monthDays, monthFilter, monthKeyOf, TIMELINE_MONTHS } from "./months";

describe("lastMonths", () => {
  it("gives 24 months up to and including the current one, oldest first, across years", () => {
    const months = lastMonths(new Date("2026-03-31T23:59:59.999Z"));
    expect(months).toHaveLength(TIMELINE_MONTHS);
    expect(months[0].key).toBe("2024-04");
    expect(months.at(-1)!.key).toBe("2026-03");
    expect(months.at(-1)!.end.toISOString()).toBe("2026-04-01T00:00:00.000Z");
    for (let index = 1; index < months.length; index++) expect(months[index].start).toEqual(months[index - 1].end);
  });

  it("counts in UTC, whatever the hour", () => {
    expect(monthKeyOf(new Date("2026-01-31T23:30:00Z"))).toBe("2026-01");
    expect(lastMonths(new Date("2026-02-01T00:00:00Z"), 1)[0].key).toBe("2026-02");
  });
});

describe("bucketByMonth", () => {
  it("puts a zero in every empty month and adds up rows of the same month", () => {
    const months = lastMonths(new Date("2026-06-15T00:00:00Z"), 4); // Mar..Jun
    const result = bucketByMonth(
      [
        { series: "a", month: "2026-03", count: 2 },
        { series: "a", month: "2026-03", count: 3 },
        { series: "b", month: "2026-05", count: 7 },
        { series: "a", month: "2025-12", count: 100 }, // before the window
        { series: "zzz", month: "2026-05", count: 9 }, // unknown series
      ],
      months,
      ["a", "b"] as const,
    );
    expect(result.counts).toEqual([
      { a: 5, b: 0 },
      { a: 0, b: 0 },
      { a: 0, b: 7 },
      { a: 0, b: 0 },
    ]);
    expect(result.totals).toEqual([5, 0, 7, 0]);
  });
});

describe("monthFilter", () => {
  it("turns ?month=YYYY-MM into the month's first and last day, and ignores anything else", () => {
    expect(monthFilter({ month: "2024-02" })).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(monthFilter({ month: "2026-12" })).toEqual({ from: "2026-12-01", to: "2026-12-31" });
    expect(monthFilter({ month: ["2025-04", "2025-05"] })).toEqual({ from: "2025-04-01", to: "2025-04-30" });
    for (const bad of ["2026-13", "2026-00", "26-01", "0001-01", "2026-1", "2026-01\u0000", "", undefined])
      expect(monthFilter({ month: bad })).toEqual({});
    expect(monthDays("2100-02")).toEqual({ from: "2100-02-01", to: "2100-02-28" });
  });
});

describe("record timeline against the database", () => {
  let pool: pg.Pool;
  let timeline: typeof import("./timeline");
  let clock: typeof import("../core/clock");
  let userId: string;
  let otherId: string;

  beforeAll(async () => {
    const url = await createTestDatabase("data_timeline", { migrate: true });
    vi.stubEnv("DATABASE_URL", url);
    vi.stubEnv("AUTH_SECRET", "test-secret-test-secret-123456");
    vi.stubEnv("ALLOW_TEST_CLOCK", "1");
    pool = new pg.Pool({ connectionString: url, max: 2 });
    timeline = await import("./timeline");
    clock = await import("../core/clock");
    const insertUser = async (email: string, createdAt: string) =>
      (
        await pool.query<{ id: string }>(
          `INSERT INTO "User" (id, email, "createdAt", "updatedAt") VALUES ('u' || md5($1), $1, $2, $2) RETURNING id`,
          [email, createdAt],
        )
      ).rows[0].id;
    userId = await insertUser("timeline@example.test", "2023-01-10T00:00:00Z"); // before the window
    otherId = await insertUser("other@example.test", "2026-05-02T00:00:00Z");
    const logs = [
      ["2026-05-31T23:59:59.999Z", userId], // last instant of May (UTC)
      ["2026-06-01T00:00:00.000Z", userId],
      ["2026-06-14T12:00:00.000Z", userId],
      ["2024-07-01T00:00:00.000Z", userId], // the oldest month of the window
      ["2024-06-30T23:59:59.000Z", userId], // just before it
      ["2026-06-02T00:00:00.000Z", otherId], // someone else's
    ];
    for (const [at, owner] of logs)
      await pool.query(
        `INSERT INTO "ServerLogRecord" ("userId", "occurredAt", ip, path) VALUES ($1, $2, '192.0.2.1', '/x')`,
        [owner, at],
      );
  }, 120_000);

  afterAll(async () => {
    clock?.setTestNow(null);
    await pool?.end();
    vi.unstubAllEnvs();
  });

  it("counts the person's records per month up to the clock's now, with zeros for empty months", async () => {
    clock.setTestNow(new Date("2026-06-20T08:00:00Z"));
    const viewer = { userId, email: "timeline@example.test", name: null, role: "USER" as const };
    const result = await timeline.getRecordTimeline({ viewer });
    expect(result.months).toHaveLength(24);
    expect(result.months[0].key).toBe("2024-07");
    expect(result.months.at(-1)!.key).toBe("2026-06");
    const logsOf = (key: string) => result.counts[result.months.findIndex((month) => month.key === key)]["server-logs"];
    expect(logsOf("2026-06")).toBe(2);
    expect(logsOf("2026-05")).toBe(1);
    expect(logsOf("2024-07")).toBe(1);
    expect(result.totals.reduce((sum, value) => sum + value, 0)).toBe(4); // not the account (2023), not June 2024
    expect(result.totals.filter((value) => value === 0)).toHaveLength(21);

    // A month later the window moves: July 2024 drops out.
    clock.setTestNow(new Date("2026-07-01T00:00:00Z"));
    const later = await timeline.getRecordTimeline({ viewer });
    expect(later.months[0].key).toBe("2024-08");
    expect(later.totals.reduce((sum, value) => sum + value, 0)).toBe(3);
  });

  it("refuses a missing owner instead of counting everyone", async () => {
    await expect(timeline.countRecordsByMonth(pool, "", new Date())).rejects.toThrow();
  });
});
