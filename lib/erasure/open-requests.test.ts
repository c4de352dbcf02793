// Issue 19 item 5: an erased account's open requests close with a stated outcome
// ("closed: the person deleted the account", counted as withdrawn) instead of staying in
// the team's queue with empty text. Also: erasure removes the address-keyed rows
// (newsletter, events, contact messages) of the account's address.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "../../tests/setup/test-database";

const enqueued: { name: string; data: unknown }[] = [];
vi.mock("../core/queue", async (original) => ({
  ...(await original<typeof import("../core/queue")>()),
  enqueue: async (name: string, data: unknown) => {
    enqueued.push({ name, data });
    return null;
  },
}));

const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), "erasure-open-"));
let db: typeof import("../core/db");
let engine: typeof import("./engine");
let request: typeof import("./request");

beforeAll(async () => {
  const databaseUrl = await createTestDatabase("erasure_open", { migrate: true });
  vi.stubEnv("DATABASE_URL", databaseUrl);
  vi.stubEnv("AUTH_SECRET", "test-secret-test-secret-123456");
  vi.stubEnv("EXPORT_DIR", exportDir);
  vi.stubEnv("SMTP_URL", "smtp://127.0.0.1:1?tls=off");
  db = await import("../core/db");
  engine = await import("./engine");
  request = await import("./request");
}, 120_000);

afterAll(async () => {
  await db?.disconnectDb();
  fs.rmSync(exportDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

describe("erasing an account with open requests", () => {
  it("closes them as withdrawn with the reason, and leaves closed ones as they were", async () => {
    const user = await db.prisma.user.create({
      data: { email: "leaver@example.com", emailVerified: new Date() },
    });
    const open = await db.prisma.privacyRequest.create({
      data: {
        userId: user.id,
        type: "CORRECTION",
        status: "IN_PROGRESS",
        details: "My surname is wrong",
        dueAt: new Date(Date.now() + 86_400_000),
      },
    });
    const done = await db.prisma.privacyRequest.create({
      data: {
        userId: user.id,
        type: "ACCESS",
        status: "COMPLETED",
        isOpen: false,
        closedAt: new Date(),
        details: "",
        dueAt: new Date(),
      },
    });
    await db.prisma.newsletterSubscriber.create({ data: { email: "leaver@example.com", source: "footer" } });
    await db.prisma.newsletterSubscriber.create({ data: { email: "stayer@example.com", source: "footer" } });
    await db.prisma.eventSignup.create({ data: { email: "leaver@example.com", event: "KubeCon" } });
    await db.prisma.contactMessage.create({ data: { email: "leaver@example.com", message: "hello", ip: "192.0.2.1" } });

    // Self-service deletion ("Delete account"), as /account/delete starts it.
    const { erasureId } = await db.prisma.$transaction((tx) =>
      request.requestErasure({ userId: user.id, requester: { kind: "SELF" }, sendReceipt: false, tx, ip: "192.0.2.9" }),
    );
    expect(await engine.runErasure(erasureId)).toBe("done");

    const closed = await db.prisma.privacyRequest.findUniqueOrThrow({ where: { id: open.id } });
    expect(closed).toMatchObject({
      userId: null,
      isOpen: false,
      status: "WITHDRAWN",
      closedReason: "ACCOUNT_ERASED",
      resolution: "Closed: the person deleted the account.",
    });
    expect(closed.closedAt).not.toBeNull();
    const events = await db.prisma.privacyRequestEvent.findMany({ where: { requestId: open.id } });
    expect(events.map((event) => [event.status, event.note])).toContainEqual([
      "WITHDRAWN",
      "Closed: the person deleted the account.",
    ]);
    // The team's queue (open requests) no longer holds it.
    expect(await db.prisma.privacyRequest.count({ where: { isOpen: true } })).toBe(0);
    const untouched = await db.prisma.privacyRequest.findUniqueOrThrow({ where: { id: done.id } });
    expect(untouched).toMatchObject({ status: "COMPLETED", closedReason: null });
    // DRP agents hear about the change.
    expect(enqueued).toContainEqual({ name: "requests.status-changed", data: { requestId: open.id } });

    // Address-keyed rows of the account's address are gone; another address's are not.
    expect(await db.prisma.newsletterSubscriber.count({ where: { email: "leaver@example.com" } })).toBe(0);
    expect(await db.prisma.eventSignup.count({ where: { email: "leaver@example.com" } })).toBe(0);
    expect(await db.prisma.contactMessage.count({ where: { email: "leaver@example.com" } })).toBe(0);
    expect(await db.prisma.newsletterSubscriber.count({ where: { email: "stayer@example.com" } })).toBe(1);
  });
});
