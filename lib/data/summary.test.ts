// Issue 20 item 5: "Your data" (/account/data) read the person's rows three times per view
// (the category counts, the records-per-month timeline, the data-flow map: one SELECT per
// dataset each) and the sharing register twice. Under one request's cache (React's `cache`,
// simulated here per request) the page's three reads now take three statements: one scan,
// the policy versions, the register; and they answer what the separate queries answer.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "../../tests/setup/test-database";

// React's `cache` outside a render is a pass-through; this one keeps a value per simulated request.
let request = 0;
vi.mock("react", async (original) => ({
  ...(await original<typeof import("react")>()),
  cache: <A extends unknown[], R>(fn: (...args: A) => R) => {
    const store = new Map<string, R>();
    return (...args: A): R => {
      const key = JSON.stringify([request, ...args]);
      if (!store.has(key)) store.set(key, fn(...args));
      return store.get(key)!;
    };
  },
}));

let pool: pg.Pool;
let userId: string;
const at = new Date("2026-06-20T08:00:00Z");

beforeAll(async () => {
  const url = await createTestDatabase("data_summary", { migrate: true });
  vi.stubEnv("DATABASE_URL", url);
  vi.stubEnv("AUTH_SECRET", "test-secret-test-secret-123456");
  vi.stubEnv("ALLOW_TEST_CLOCK", "1");
  pool = new pg.Pool({ connectionString: url, max: 2 });
  const insertUser = async (email: string, createdAt: string) =>
    (
      await pool.query<{ id: string }>(
        `INSERT INTO "User" (id, email, "createdAt", "updatedAt") VALUES ('u' || md5($1), $1, $2, $2) RETURNING id`,
        [email, createdAt],
      )
    ).rows[0].id;
  userId = await insertUser("summary@example.test", "2026-01-10T00:00:00Z");
  const otherId = await insertUser("other@example.test", "2026-05-02T00:00:00Z");
  for (const [time, owner] of [
    ["2026-05-31T23:59:59.999Z", userId],
    ["2026-06-01T00:00:00.000Z", userId],
    ["2024-06-30T23:59:59.000Z", userId], // before the timeline's window
    ["2026-06-02T00:00:00.000Z", otherId],
  ])
    await pool.query(
      `INSERT INTO "ServerLogRecord" ("userId", "occurredAt", ip, path) VALUES ($1, $2, '192.0.2.1', '/x')`,
      [owner, time],
    );
  await pool.query(
    `INSERT INTO "SharingRegisterEntry" (id, name, address, kind, purpose, "dataCategories", "isMarketing", "startsOn", "updatedAt")
     VALUES ('s1', 'Log host', 'Somewhere', 'PROCESSOR', 'Hosting', ARRAY['server logs'], false, '2020-01-01', now())`,
  );
}, 120_000);

afterAll(async () => {
  (await import("../core/clock")).setTestNow(null);
  await pool?.end();
  await (await import("../core/db")).getPool().end();
  vi.unstubAllEnvs();
});

async function countStatements<T>(run: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const spy = vi.spyOn(pg.Client.prototype, "query");
  const result = await run();
  const statements = spy.mock.calls.length;
  spy.mockRestore();
  return { result, statements };
}

describe("Your data, one request", () => {
  it("reads the person's rows once for the list, the timeline and the map, and answers as the separate queries", async () => {
    (await import("../core/clock")).setTestNow(at);
    const access = await import("./access");
    const timeline = await import("./timeline");
    const flow = await import("./flow");
    const queries = await import("./queries");
    const viewer = { userId, email: "summary@example.test", name: null, role: "USER" as const };
    const page = () =>
      Promise.all([
        access.getDataOverview({ viewer }),
        timeline.getRecordTimeline({ viewer }),
        flow.getPersonalDataFlow({ viewer }),
      ]);
    request++;
    await page(); // connects the pool: not counted
    request++;
    const { result, statements } = await countStatements(page);
    expect(statements).toBeLessThanOrEqual(3);

    const [overview, records, map] = result;
    const counts = await queries.countDatasets(pool, userId);
    for (const entry of overview)
      expect(entry.total).toBe(
        entry.category.datasets.reduce((sum, dataset) => sum + (counts.get(dataset.key)?.total ?? 0), 0),
      );
    expect(overview.find((entry) => entry.category.slug === "server-logs")).toMatchObject({
      total: 3,
      latest: "2026-06-01T00:00:00.000Z",
    });
    expect(records).toEqual(await timeline.countRecordsByMonth(pool, userId, at));
    const held = await flow.findHeldCategories(pool, userId);
    expect(map.nodes.filter((node) => node.column === 0).map((node) => node.id)).toEqual(
      held
        .filter((category) => map.nodes.some((node) => node.id === `category:${category.slug}`))
        .map((category) => `category:${category.slug}`),
    );
    expect(map.notShared.length + map.nodes.filter((node) => node.column === 0).length).toBe(held.length);
  });
});
