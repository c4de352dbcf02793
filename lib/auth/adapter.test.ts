// The Auth.js adapter against a real database: a cookie naming a session that is
// gone is not an error (it used to end sign-in at /signin/error?error=Configuration).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "../../tests/setup/test-database";

let pool: pg.Pool;
let adapter: ReturnType<typeof import("./adapter").createAuthAdapter>;
let userId: string;

beforeAll(async () => {
  const url = await createTestDatabase("auth_adapter", { migrate: true });
  pool = new pg.Pool({ connectionString: url, max: 2 });
  vi.stubEnv("DATABASE_URL", url);
  vi.stubEnv("AUTH_SECRET", "test-secret-test-secret-123456");
  adapter = (await import("./adapter")).createAuthAdapter();
  userId = (await adapter.createUser!({ id: "", email: "stale@example.test", emailVerified: null })).id;
});

afterAll(async () => {
  await pool?.end();
  await (await import("../core/db")).getPool().end();
});

const newToken = () => randomBytes(16).toString("hex");

describe("sessions that may already be gone", () => {
  it("deleting a session that does not exist answers null instead of throwing", async () => {
    await expect(adapter.deleteSession!(newToken())).resolves.toBeNull();
  });

  it("deleting an existing session removes it and answers it (the sign-out audit needs its user)", async () => {
    const sessionToken = newToken();
    await adapter.createSession!({ sessionToken, userId, expires: new Date(Date.now() + 60_000) });
    await expect(adapter.deleteSession!(sessionToken)).resolves.toMatchObject({ sessionToken, userId });
    expect(
      (await pool.query(`SELECT count(*)::int AS n FROM "Session" WHERE "sessionToken" = $1`, [sessionToken])).rows[0]
        .n,
    ).toBe(0);
    await expect(adapter.deleteSession!(sessionToken)).resolves.toBeNull();
  });

  it("updating a session that does not exist answers null; an existing one is updated", async () => {
    await expect(adapter.updateSession!({ sessionToken: newToken(), expires: new Date() })).resolves.toBeNull();
    const sessionToken = newToken();
    await adapter.createSession!({ sessionToken, userId, expires: new Date(Date.now() + 60_000) });
    const expires = new Date(Date.now() + 3_600_000);
    await expect(adapter.updateSession!({ sessionToken, expires })).resolves.toMatchObject({
      sessionToken,
      userId,
      expires,
    });
  });
});
