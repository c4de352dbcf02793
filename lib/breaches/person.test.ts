// The breach banner sits on every portal page (issue 20): the viewer's breach notices are read in
// one database round trip (Prisma's nested select took three: deliveries, campaigns, breaches),
// open ones first, only the viewer's own, never a cancelled delivery, dates in UTC.
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "../../tests/setup/test-database";

let pool: pg.Pool;
const viewer = { userId: "bn-user", email: "bn@example.test", name: "Bea", role: "USER" as const };

async function insertBreach(id: string, title: string, discoveredAt: string) {
  await pool.query(
    `INSERT INTO "Breach" (id, title, "whatHappened", "occurredFrom", "occurredTo", "discoveredAt", "dataInvolved",
       "whatWeDid", "whatToDo", contact, status, "updatedAt")
     VALUES ($1, $2, 'happened', '2026-05-01 08:00:00', NULL, $3, 'emails', 'fixed', 'nothing', 'dpo@example.test',
       'SENT', now())`,
    [id, title, discoveredAt],
  );
  await pool.query(
    `INSERT INTO "NoticeCampaign" (id, kind, "breachId", "updatedAt") VALUES ($1, 'BREACH', $2, now())`,
    [`c-${id}`, id],
  );
}

async function insertDelivery(
  breachId: string,
  userId: string,
  fields: { status?: string; acknowledgedAt?: string; sentAt?: string; createdAt: string },
) {
  await pool.query(
    `INSERT INTO "NoticeDelivery" (id, "campaignId", "userId", email, status, "acknowledgedAt", "sentAt", "createdAt")
     VALUES ($1, $2, $3, 'x@example.test', $4, $5, $6, $7)`,
    [
      `d-${breachId}-${userId}`,
      `c-${breachId}`,
      userId,
      fields.status ?? "SENT",
      fields.acknowledgedAt ?? null,
      fields.sentAt ?? null,
      fields.createdAt,
    ],
  );
}

beforeAll(async () => {
  const url = await createTestDatabase("breach_banner", { migrate: true });
  pool = new pg.Pool({ connectionString: url, max: 2 });
  vi.stubEnv("DATABASE_URL", url);
  vi.stubEnv("AUTH_SECRET", "test-secret-test-secret-123456");
  await pool.query(
    `INSERT INTO "User" (id, email, name, "createdAt", "updatedAt")
     VALUES ('bn-user', 'bn@example.test', 'Bea', now(), now()), ('bn-other', 'other@example.test', 'O', now(), now())`,
  );
  await insertBreach("b-open", "Open breach", "2026-06-02 09:15:00");
  await insertBreach("b-read", "Read breach", "2026-05-20 10:00:00");
  await insertBreach("b-cancelled", "Cancelled breach", "2026-06-10 10:00:00");
  await insertBreach("b-others", "Someone else's breach", "2026-06-11 10:00:00");
  // The acknowledged one is newer: open notices still come first.
  await insertDelivery("b-open", "bn-user", { sentAt: "2026-06-03 12:00:00", createdAt: "2026-06-03 11:00:00" });
  await insertDelivery("b-read", "bn-user", {
    acknowledgedAt: "2026-06-05 07:45:00",
    sentAt: "2026-06-04 12:00:00",
    createdAt: "2026-06-04 11:00:00",
  });
  await insertDelivery("b-cancelled", "bn-user", { status: "CANCELLED", createdAt: "2026-06-11 11:00:00" });
  await insertDelivery("b-others", "bn-other", { createdAt: "2026-06-12 11:00:00" });
});

afterEach(() => {
  vi.restoreAllMocks();
});

afterAll(async () => {
  await pool?.end();
  await (await import("../core/db")).getPool().end();
});

/** Statements sent to PostgreSQL by any pg client (Prisma's adapter goes through pg too) while `run` runs. */
async function countStatements<T>(run: () => T | PromiseLike<T>): Promise<{ result: Awaited<T>; statements: number }> {
  const spy = vi.spyOn(pg.Client.prototype, "query");
  const result = await run();
  const statements = spy.mock.calls.length;
  spy.mockRestore();
  return { result, statements };
}

const content = {
  whatHappened: "happened",
  occurredFrom: new Date("2026-05-01T08:00:00.000Z"),
  occurredTo: null,
  dataInvolved: "emails",
  whatWeDid: "fixed",
  whatToDo: "nothing",
  contact: "dpo@example.test",
};

describe("the viewer's breach notices, one round trip", () => {
  it("the banner on every portal page: only the open ones", async () => {
    const { listMyBreachNotices } = await import("./person");
    await listMyBreachNotices({ viewer: { ...viewer, userId: "nobody" } }); // connects the pool, not counted
    const { result, statements } = await countStatements(() => listMyBreachNotices({ viewer, onlyOpen: true }));
    expect(statements).toBe(1);
    expect(result).toEqual([
      {
        id: "b-open",
        title: "Open breach",
        discoveredAt: new Date("2026-06-02T09:15:00.000Z"),
        ...content,
        acknowledgedAt: null,
        notifiedAt: new Date("2026-06-03T12:00:00.000Z"),
      },
    ]);
  });

  it("the notices page: all of them, open first", async () => {
    const { listMyBreachNotices } = await import("./person");
    const { result, statements } = await countStatements(() => listMyBreachNotices({ viewer }));
    expect(statements).toBe(1);
    expect(result.map((notice) => [notice.id, notice.acknowledgedAt])).toEqual([
      ["b-open", null],
      ["b-read", new Date("2026-06-05T07:45:00.000Z")],
    ]);
    await expect(listMyBreachNotices({ viewer: { ...viewer, userId: "nobody" } })).resolves.toEqual([]);
  });
});
