// Signed-in pages (issue 20.5): the reads every /account view makes take one database
// round trip each (they took two or three through Prisma's nested selects), and still
// answer the same values, dates in UTC.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "../../tests/setup/test-database";

let pool: pg.Pool;
const userId = "rt-user";

beforeAll(async () => {
  const url = await createTestDatabase("round_trips", { migrate: true });
  pool = new pg.Pool({ connectionString: url, max: 2 });
  vi.stubEnv("DATABASE_URL", url);
  vi.stubEnv("AUTH_SECRET", "test-secret-test-secret-123456");
  await pool.query(`INSERT INTO "PolicyDocument" (id, slug, title) VALUES ('rt-doc', 'rt-privacy', 'RT policy')`);
  await pool.query(
    `INSERT INTO "PolicyVersion" (id, "documentId", version, status, "effectiveAt", "publishedAt", markdown, "updatedAt")
     VALUES ('rt-v1', 'rt-doc', 1, 'PUBLISHED', '2026-03-01 09:30:00', '2026-02-01 00:00:00', 'text', now())`,
  );
  await pool.query(
    `INSERT INTO "User" (id, email, name, role, "createdAt", "updatedAt", "policyVersionId")
     VALUES ($1, 'rt@example.test', 'Ruth', 'ADMIN', '2026-04-02 10:00:00', now(), 'rt-v1')`,
    [userId],
  );
  await pool.query(
    `INSERT INTO "Cluster" (id, "userId", name, "tokenHash") VALUES ('rt-c1', $1, 'one', 'h'), ('rt-c2', $1, 'two', 'h')`,
    [userId],
  );
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

describe("signed-in reads, one round trip each", () => {
  it("the session and its user (every signed-in request)", async () => {
    const { createAuthAdapter } = await import("../auth/adapter");
    const adapter = createAuthAdapter();
    const sessionToken = randomBytes(16).toString("hex");
    const expires = new Date("2026-12-24T18:00:00.000Z");
    await pool.query(`INSERT INTO "Session" (id, "sessionToken", "userId", expires) VALUES ($1, $1, $2, $3)`, [
      sessionToken,
      userId,
      "2026-12-24 18:00:00",
    ]);
    await adapter.getSessionAndUser!("warm-up-" + sessionToken); // connects the pool, not counted
    const { result, statements } = await countStatements(() => adapter.getSessionAndUser!(sessionToken));
    expect(statements).toBe(1);
    expect(result).toMatchObject({
      session: { sessionToken, userId, expires },
      user: { id: userId, email: "rt@example.test", name: "Ruth", role: "ADMIN", emailVerified: null },
    });
    await expect(adapter.getSessionAndUser!("no-such-session")).resolves.toBeNull();
  });

  it("the account overview", async () => {
    const { getAccountOverview } = await import("./overview");
    const viewer = { userId, email: "rt@example.test", name: "Ruth", role: "ADMIN" as const };
    await getAccountOverview({ viewer: { ...viewer, userId: "nobody" } }); // connects the pool, not counted
    const { result, statements } = await countStatements(() => getAccountOverview({ viewer }));
    expect(statements).toBe(1);
    expect(result).toEqual({
      email: "rt@example.test",
      name: "Ruth",
      memberSince: new Date("2026-04-02T10:00:00.000Z"),
      policy: {
        title: "RT policy",
        slug: "rt-privacy",
        version: 1,
        effectiveAt: new Date("2026-03-01T09:30:00.000Z"),
      },
      counts: { serverLogs: 0, clusters: 2, telemetryReports: 0, privacyRequests: 0 },
    });
    await expect(getAccountOverview({ viewer: { ...viewer, userId: "nobody" } })).resolves.toBeNull();
  });

  it("the published policy versions of the Your data page", async () => {
    const { getPolicyVersions } = await import("../data/access");
    await getPolicyVersions(); // connects the pool, not counted
    const { result, statements } = await countStatements(() => getPolicyVersions());
    expect(statements).toBe(1);
    expect(result.get("rt-v1")).toEqual({
      id: "rt-v1",
      slug: "rt-privacy",
      title: "RT policy",
      version: 1,
      effectiveAt: new Date("2026-03-01T09:30:00.000Z"),
    });
  });
});
