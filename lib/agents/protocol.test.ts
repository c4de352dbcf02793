// The DRP endpoints' domain functions against a real database: key setup bound to the path's
// agent, an exercise filed as an ordinary privacy request (counted in the public metrics),
// another agent refused, revoke, and every call recorded.
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "../../tests/setup/test-database";

let protocol: typeof import("./protocol");
let db: typeof import("../core/db");
let metrics: typeof import("../requests/metrics");

function agentKeys() {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  return { privateKey, hex: publicKey.export({ format: "der", type: "spki" }).subarray(-32).toString("hex") };
}
const A = { id: "UNIT_AGENT_A", ...agentKeys() };
const B = { id: "UNIT_AGENT_B", ...agentKeys() };

function signed(key: KeyObject, claims: object) {
  const message = Buffer.from(JSON.stringify(claims));
  return Buffer.concat([sign(null, message, key), message]).toString("base64");
}
const envelope = (agentId: string) => ({
  "agent-id": agentId,
  "business-id": "UNIT_BUSINESS",
  "issued-at": new Date(Date.now() - 1000).toISOString(),
  "expires-at": new Date(Date.now() + 60_000).toISOString(),
  "drp.version": "0.9.4",
});
const context = () => ({ agentId: null, requestId: null, ip: "198.51.100.7" });

beforeAll(async () => {
  const url = await createTestDatabase("drp_protocol", { migrate: true });
  vi.stubEnv("DATABASE_URL", url);
  vi.stubEnv("AUTH_SECRET", "test-secret-test-secret-123456");
  vi.stubEnv("SMTP_URL", "");
  vi.stubEnv("DRP_BUSINESS_ID", "UNIT_BUSINESS");
  vi.stubEnv("LOG_LEVEL", "silent");
  vi.spyOn(console, "error").mockImplementation(() => {});
  db = await import("../core/db");
  protocol = await import("./protocol");
  metrics = await import("../requests/metrics");
  for (const agent of [A, B])
    await db.prisma.agent.create({
      data: { id: agent.id, name: agent.id, contact: "x@agent.test", verifyKey: agent.hex },
    });
});

afterAll(async () => {
  const { getBoss } = await import("../core/queue");
  await (await getBoss()).stop({ graceful: false, wait: true }).catch(() => {});
  await db?.disconnectDb();
  vi.unstubAllEnvs();
});

describe("DRP protocol", () => {
  let tokenA = "";
  let tokenB = "";

  it("sets up a key only for the agent of the path, with its own key", async () => {
    // A's own message sent to B's path: checked with B's key, it does not validate.
    await expect(
      protocol.setUpAgentKey({ agentId: B.id, body: signed(A.privateKey, envelope(A.id)), context: context() }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", reason: "DRP_SIGNATURE" });
    // Signed by B but naming A, sent to B's path: the body's agent-id must be the path's.
    await expect(
      protocol.setUpAgentKey({ agentId: B.id, body: signed(B.privateKey, envelope(A.id)), context: context() }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", reason: "DRP_SIGNATURE" });
    expect(await db.prisma.agentToken.count()).toBe(0);
    const setup = await protocol.setUpAgentKey({
      agentId: A.id,
      body: signed(A.privateKey, envelope(A.id)),
      context: context(),
    });
    expect(setup["agent-id"]).toBe(A.id);
    tokenA = setup.token;
    tokenB = (
      await protocol.setUpAgentKey({ agentId: B.id, body: signed(B.privateKey, envelope(B.id)), context: context() })
    ).token;
    expect(await db.prisma.agentToken.count({ where: { tokenHash: tokenA } })).toBe(0);
    expect(await db.prisma.agentToken.count({ where: { tokenHash: protocol.hashToken(tokenA) } })).toBe(1);
  });

  it("files an exercise as a privacy request the metrics count, and keeps it from other agents", async () => {
    const before = (await metrics.getRequestMetrics()).find((row) => row.type === "DELETION")?.received ?? 0;
    const status = await protocol.exerciseRight({
      authorization: `Bearer ${tokenA}`,
      body: signed(A.privateKey, {
        ...envelope(A.id),
        exercise: "deletion",
        regime: "ccpa",
        email: "consumer@example.test",
        email_verified: true,
      }),
      context: context(),
    });
    expect(status).toMatchObject({
      status: "in_progress",
      request_id: expect.any(String),
      expected_by: expect.any(String),
    });
    const row = await db.prisma.agentRequest.findUniqueOrThrow({
      where: { id: status.request_id },
      select: { privacyRequest: { select: { type: true, channel: true, agentId: true, jurisdiction: true } } },
    });
    expect(row.privacyRequest).toEqual({ type: "DELETION", channel: "DRP_AGENT", agentId: A.id, jurisdiction: "CCPA" });
    const after = (await metrics.getRequestMetrics()).find((row) => row.type === "DELETION")?.received ?? 0;
    expect(after).toBe(before + 1);

    await expect(
      protocol.getRequestStatus({
        authorization: `Bearer ${tokenB}`,
        requestId: status.request_id,
        context: context(),
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      protocol.revokeRequest({
        authorization: `Bearer ${tokenB}`,
        requestId: status.request_id,
        body: signed(B.privateKey, { ...envelope(B.id), reason: "not mine" }),
        context: context(),
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });

    // A's token on a body signed by B is refused; A's own revoke works.
    await expect(
      protocol.revokeRequest({
        authorization: `Bearer ${tokenA}`,
        requestId: status.request_id,
        body: signed(B.privateKey, { ...envelope(A.id), reason: "x" }),
        context: context(),
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", reason: "DRP_SIGNATURE" });
    const revoked = await protocol.revokeRequest({
      authorization: `Bearer ${tokenA}`,
      requestId: status.request_id,
      body: signed(A.privateKey, { ...envelope(A.id), reason: "changed my mind" }),
      context: context(),
    });
    expect(revoked.status).toBe("revoked");
  });

  it("refuses unsupported and malformed exercises with a 400-kind error, not a 403", async () => {
    const file = (claims: object) =>
      protocol.exerciseRight({
        authorization: `Bearer ${tokenA}`,
        body: signed(A.privateKey, { ...envelope(A.id), ...claims }),
        context: context(),
      });
    await expect(file({ exercise: "access:categories", email: "c@example.test" })).rejects.toMatchObject({
      code: "VALIDATION",
      reason: "DRP_UNSUPPORTED_EXERCISE",
    });
    await expect(file({ exercise: "access", email: "not an address" })).rejects.toMatchObject({
      code: "VALIDATION",
      reason: "DRP_BAD_FIELD",
      field: "email",
    });
    await expect(
      file({ exercise: "access", email: "c@example.test", status_callback: "http://10.0.0.1/cb" }),
    ).rejects.toMatchObject({ code: "VALIDATION", reason: "DRP_CALLBACK_URL" });
  });

  it("records a call with its agent, endpoint and outcome, and an audit row", async () => {
    await protocol.recordAgentCall({
      context: { agentId: A.id, requestId: null, ip: "198.51.100.7" },
      endpoint: "GET /v1/agent",
      status: 200,
      outcome: "ok",
    });
    expect(
      await db.prisma.agentCall.count({ where: { agentId: A.id, endpoint: "GET /v1/agent", outcome: "ok" } }),
    ).toBe(1);
    expect(await db.prisma.auditLog.count({ where: { action: "agent.call", targetId: A.id } })).toBe(1);
  });
});
