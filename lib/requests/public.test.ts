// Requests filed by address (issue 19): the single-use 24 h link, nothing matched before it,
// matching by every address-keyed dataset and a verified account, identical emails whether
// or not we hold anything, and an agent's permission file checked by its bytes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "../../tests/setup/test-database";

const sent: { to: string; subject: string; html: string }[] = [];
vi.mock("../email/send", async () => {
  const { render } = await import("@react-email/render");
  return {
    sendEmail: async (mail: { to: string; subject: string; template: Parameters<typeof render>[0] }) => {
      sent.push({ to: mail.to, subject: mail.subject, html: await render(mail.template, { plainText: true }) });
    },
  };
});
const enqueued: { name: string; data: { requestId?: string } }[] = [];
vi.mock("../core/queue", async (original) => ({
  ...(await original<typeof import("../core/queue")>()),
  enqueue: async (name: string, data: { requestId?: string }) => {
    enqueued.push({ name, data });
    return null;
  },
}));

const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), "subject-requests-"));
let db: typeof import("../core/db");
let publicRequests: typeof import("./public");
let admin: typeof import("./admin");
let clock: typeof import("../core/clock");
const adminViewer = { userId: "", email: "team@example.com", name: null, role: "ADMIN" as const };

beforeAll(async () => {
  const url = await createTestDatabase("subject_requests", { migrate: true });
  vi.stubEnv("DATABASE_URL", url);
  vi.stubEnv("AUTH_SECRET", "test-secret-test-secret-123456");
  vi.stubEnv("ALLOW_TEST_CLOCK", "1");
  vi.stubEnv("EXPORT_DIR", exportDir);
  vi.stubEnv("APP_URL", "http://portal.test");
  db = await import("../core/db");
  publicRequests = await import("./public");
  admin = await import("./admin");
  clock = await import("../core/clock");
  const team = await db.prisma.user.create({ data: { email: "team@example.com", role: "ADMIN" } });
  adminViewer.userId = team.id;
}, 120_000);

afterAll(async () => {
  clock?.setTestNow(null);
  await db?.disconnectDb();
  fs.rmSync(exportDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

let ipCounter = 0;
const ip = () => `198.51.100.${++ipCounter}`;

/** The link token of the last confirmation email to `to`. */
function linkTokenFor(to: string): string {
  const mail = sent.filter((candidate) => candidate.to === to).at(-1);
  const match = /requests\/confirm\?token=([A-Za-z0-9_.%-]+)/.exec(mail?.html ?? "");
  if (!match) throw new Error(`no confirmation link for ${to}`);
  return decodeURIComponent(match[1]);
}

function fileForSelf(email: string, type: "ACCESS" | "DELETION" = "ACCESS") {
  return publicRequests.fileSubjectRequest({
    input: { type, subject: { email, emailVerified: false }, channel: "WEB_FORM" },
    ip: ip(),
  });
}

describe("filing and confirming by address", () => {
  it("waits for the address, out of the team's queue, matching nothing; the link works once", async () => {
    await db.prisma.newsletterSubscriber.create({ data: { email: "held@example.com", source: "footer" } });
    const filed = await fileForSelf("held@example.com");
    expect(filed.verification).toBe("sent");
    const row = await db.prisma.privacyRequest.findUniqueOrThrow({ where: { id: filed.requestId } });
    expect(row).toMatchObject({ status: "AWAITING_VERIFICATION", isOpen: false, userId: null, channel: "WEB_FORM" });
    expect(await db.prisma.requestSubjectMatch.count({ where: { requestId: filed.requestId } })).toBe(0);
    expect(enqueued.some((job) => job.name === "requests.match-subject")).toBe(false);
    const queue = await admin.listRequestQueue({ admin: adminViewer, filters: { status: "ALL" } });
    expect(queue.rows.map((queued) => queued.id)).not.toContain(filed.requestId);
    // No status page before confirmation.
    await expect(publicRequests.getSubjectRequestStatus(filed.statusToken)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    const token = linkTokenFor("held@example.com");
    expect(await publicRequests.getSubjectConfirmationState(token)).toBe("valid");
    const confirmed = await publicRequests.confirmSubjectEmail({ token, ip: ip() });
    expect(confirmed.statusToken).toBe(filed.statusToken);
    const after = await db.prisma.privacyRequest.findUniqueOrThrow({ where: { id: filed.requestId } });
    expect(after).toMatchObject({ status: "VERIFIED", isOpen: true, verificationMethod: "email-link" });
    expect(enqueued).toContainEqual({ name: "requests.match-subject", data: { requestId: filed.requestId } });
    expect(enqueued).toContainEqual({ name: "requests.status-changed", data: { requestId: filed.requestId } });
    expect((await publicRequests.getSubjectRequestStatus(filed.statusToken)).state).toBe("verified");

    // Single use.
    expect(await publicRequests.getSubjectConfirmationState(token)).toBe("unknown");
    await expect(publicRequests.confirmSubjectEmail({ token, ip: ip() })).rejects.toMatchObject({
      code: "NOT_FOUND",
      reason: "SUBJECT_LINK_USED",
    });
  });

  it("refuses a link after 24 hours, and a link whose halves do not belong together", async () => {
    const start = new Date("2026-12-01T10:00:00Z");
    clock.setTestNow(start);
    await fileForSelf("late@example.com");
    const token = linkTokenFor("late@example.com");
    clock.setTestNow(new Date(start.getTime() + 24 * 3_600_000 - 1000));
    expect(await publicRequests.getSubjectConfirmationState(token)).toBe("valid");
    clock.setTestNow(new Date(start.getTime() + 24 * 3_600_000 + 1000));
    expect(await publicRequests.getSubjectConfirmationState(token)).toBe("expired");
    await expect(publicRequests.confirmSubjectEmail({ token, ip: ip() })).rejects.toMatchObject({
      code: "EXPIRED",
      reason: "SUBJECT_LINK",
    });
    clock.setTestNow(null);
    await fileForSelf("other-half@example.com");
    const [confirmHalf] = token.split(".");
    const [, otherAccess] = linkTokenFor("other-half@example.com").split(".");
    await expect(
      publicRequests.confirmSubjectEmail({ token: `${confirmHalf}.${otherAccess}`, ip: ip() }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(publicRequests.confirmSubjectEmail({ token: "not a token", ip: ip() })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("sends the same email whether or not we hold anything under the address", async () => {
    await db.prisma.newsletterSubscriber.create({ data: { email: "known@example.com", source: "footer" } });
    await db.prisma.user.create({ data: { email: "known@example.com", emailVerified: new Date() } });
    await fileForSelf("known@example.com", "DELETION");
    await fileForSelf("unknown@example.com", "DELETION");
    const text = (to: string) => {
      const mail = sent.filter((candidate) => candidate.to === to).at(-1)!;
      return `${mail.subject}\n${mail.html}`.replaceAll(to, "ADDRESS").replace(/token=[A-Za-z0-9_.%-]+/g, "token=T");
    };
    expect(text("known@example.com")).toBe(text("unknown@example.com"));
  });
});

describe("matching after verification", () => {
  it("finds every address-keyed dataset and a verified account with the same address, and says how", async () => {
    const email = "matched@example.com";
    await db.prisma.newsletterSubscriber.create({ data: { email, source: "footer" } });
    await db.prisma.newsletterSubscriber.create({ data: { email, source: "conference" } });
    await db.prisma.eventSignup.create({ data: { email, event: "Meetup" } });
    await db.prisma.contactMessage.create({ data: { email: "someone-else@example.com", message: "hi" } });
    const account = await db.prisma.user.create({ data: { email, emailVerified: new Date() } });
    const filed = await fileForSelf(email);
    await publicRequests.confirmSubjectEmail({ token: linkTokenFor(email), ip: ip() });
    await publicRequests.matchSubjectRequest(filed.requestId);
    await publicRequests.matchSubjectRequest(filed.requestId); // idempotent: the job may retry
    const matches = await db.prisma.requestSubjectMatch.findMany({
      where: { requestId: filed.requestId },
      orderBy: { tableName: "asc" },
    });
    expect(matches.map((match) => [match.tableName, match.method, match.note, match.rowCount])).toEqual([
      ["EventSignup", "EMAIL_EXACT", "exact email on EventSignup", 1],
      ["NewsletterSubscriber", "EMAIL_EXACT", "exact email on NewsletterSubscriber", 2],
      ["User", "VERIFIED_ACCOUNT", "verified account with the same address", expect.any(Number)],
    ]);
    expect((await db.prisma.privacyRequest.findUniqueOrThrow({ where: { id: filed.requestId } })).userId).toBe(
      account.id,
    );
  });

  it("does not attach an account whose address was never verified", async () => {
    const email = "unverified@example.com";
    await db.prisma.user.create({ data: { email } });
    const filed = await fileForSelf(email);
    await publicRequests.confirmSubjectEmail({ token: linkTokenFor(email), ip: ip() });
    await publicRequests.matchSubjectRequest(filed.requestId);
    expect(await db.prisma.requestSubjectMatch.count({ where: { requestId: filed.requestId } })).toBe(0);
    expect((await db.prisma.privacyRequest.findUniqueOrThrow({ where: { id: filed.requestId } })).userId).toBeNull();
  });

  it("deletes the address-keyed rows of a deletion request without an account, and forgets the address", async () => {
    const email = "forget-me@example.com";
    await db.prisma.newsletterSubscriber.create({ data: { email, source: "footer" } });
    await db.prisma.contactMessage.create({ data: { email, message: "call me", ip: "192.0.2.44" } });
    const filed = await fileForSelf(email, "DELETION");
    await publicRequests.confirmSubjectEmail({ token: linkTokenFor(email), ip: ip() });
    await publicRequests.matchSubjectRequest(filed.requestId);
    await admin.runDeletionRequest({ admin: adminViewer, id: filed.requestId });
    expect(await db.prisma.newsletterSubscriber.count({ where: { email } })).toBe(0);
    expect(await db.prisma.contactMessage.count({ where: { email } })).toBe(0);
    const row = await db.prisma.privacyRequest.findUniqueOrThrow({ where: { id: filed.requestId } });
    expect(row).toMatchObject({ status: "COMPLETED", subjectEmail: null, isOpen: false });
    expect(sent.filter((mail) => mail.to === email).at(-1)?.subject).toMatch(/completed/);
  });
});

describe("an authorized agent", () => {
  const pdf = new Uint8Array([...Buffer.from("%PDF-1.7\n"), ...new Uint8Array(100)]);
  const agentInput = (bytes: Uint8Array | null) => ({
    type: "ACCESS" as const,
    subject: { email: "consumer@example.com", emailVerified: false },
    channel: "HUMAN_AGENT" as const,
    humanAgent: { name: "Ada Agent", email: "agent@example.org" },
    permissionUpload: bytes ? { bytes } : null,
  });

  it("needs a real PDF or image of at most 5 MB", async () => {
    await expect(publicRequests.fileSubjectRequest({ input: agentInput(null), ip: ip() })).rejects.toMatchObject({
      code: "VALIDATION",
      reason: "PERMISSION_MISSING",
      field: "permission",
    });
    await expect(
      publicRequests.fileSubjectRequest({ input: agentInput(new Uint8Array(Buffer.from("MZ not a pdf"))), ip: ip() }),
    ).rejects.toMatchObject({ code: "VALIDATION", reason: "PERMISSION_TYPE" });
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(Buffer.from("%PDF-"));
    await expect(publicRequests.fileSubjectRequest({ input: agentInput(big), ip: ip() })).rejects.toMatchObject({
      code: "VALIDATION",
      reason: "PERMISSION_TOO_LARGE",
    });
  });

  it("stores the permission, emails the consumer the link and the agent a receipt", async () => {
    const filed = await publicRequests.fileSubjectRequest({ input: agentInput(pdf), ip: ip() });
    const upload = await db.prisma.agentPermissionUpload.findFirstOrThrow({ where: { requestId: filed.requestId } });
    expect(upload).toMatchObject({ contentType: "application/pdf", size: pdf.length });
    expect(fs.existsSync(path.join(exportDir, upload.storageKey))).toBe(true);
    expect(sent.filter((mail) => mail.to === "consumer@example.com").at(-1)?.html).toContain("Ada Agent");
    expect(sent.filter((mail) => mail.to === "agent@example.org").at(-1)?.subject).toMatch(/received/);
    // Nothing is disclosed to anyone before the consumer confirms.
    expect((await db.prisma.privacyRequest.findUniqueOrThrow({ where: { id: filed.requestId } })).status).toBe(
      "AWAITING_VERIFICATION",
    );
  });

  it("refuses email_verified from anyone but a DRP agent", async () => {
    await expect(
      publicRequests.fileSubjectRequest({
        input: { type: "ACCESS", subject: { email: "x@example.com", emailVerified: true }, channel: "WEB_FORM" },
        ip: ip(),
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", reason: "SUBJECT_REQUEST" });
  });
});

describe("unconfirmed requests", () => {
  it("are deleted after 7 days with the agent's permission file, confirmed ones never", async () => {
    const start = new Date("2026-11-01T10:00:00Z");
    clock.setTestNow(start);
    const pdf = new Uint8Array([...Buffer.from("%PDF-1.4\n"), 1, 2, 3]);
    const stale = await publicRequests.fileSubjectRequest({
      input: {
        type: "DELETION",
        subject: { email: "never-confirmed@example.com", emailVerified: false },
        channel: "HUMAN_AGENT",
        humanAgent: { name: "Ada Agent", email: "agent2@example.org" },
        permissionUpload: { bytes: pdf },
      },
      ip: ip(),
    });
    const upload = await db.prisma.agentPermissionUpload.findFirstOrThrow({ where: { requestId: stale.requestId } });
    const kept = await fileForSelf("confirmed-later@example.com");
    await publicRequests.confirmSubjectEmail({ token: linkTokenFor("confirmed-later@example.com"), ip: ip() });
    clock.setTestNow(new Date(start.getTime() + 6 * 86_400_000));
    await publicRequests.purgeUnconfirmedSubjectRequests();
    expect(await db.prisma.privacyRequest.count({ where: { id: stale.requestId } })).toBe(1);
    clock.setTestNow(new Date(start.getTime() + 8 * 86_400_000));
    await publicRequests.purgeUnconfirmedSubjectRequests();
    expect(await db.prisma.privacyRequest.count({ where: { id: stale.requestId } })).toBe(0);
    expect(await db.prisma.agentPermissionUpload.count({ where: { requestId: stale.requestId } })).toBe(0);
    expect(fs.existsSync(path.join(exportDir, upload.storageKey))).toBe(false);
    expect(await db.prisma.privacyRequest.count({ where: { id: kept.requestId } })).toBe(1);
    clock.setTestNow(null);
  });
});

describe("rate limits", () => {
  it("allow 5 requests a day per address and 10 an hour per IP", async () => {
    for (let index = 0; index < 5; index++) await fileForSelf("busy@example.com");
    await expect(fileForSelf("busy@example.com")).rejects.toMatchObject({
      code: "LIMIT_REACHED",
      reason: "SUBJECT_REQUESTS_EMAIL",
    });
    const sameIp = "203.0.113.200";
    const file = (email: string) =>
      publicRequests.fileSubjectRequest({
        input: { type: "ACCESS", subject: { email, emailVerified: false }, channel: "WEB_FORM" },
        ip: sameIp,
      });
    for (let index = 0; index < 10; index++) await file(`ip-${index}@example.com`);
    await expect(file("ip-10@example.com")).rejects.toMatchObject({
      code: "LIMIT_REACHED",
      reason: "SUBJECT_REQUESTS_IP",
    });
  });
});
