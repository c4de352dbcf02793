// The erasure engine against a real, seeded database: everything of the person
// goes (a scan of every text/json column of every table finds none of their
// identifiers), what is kept is kept without them, other people are untouched,
// the audit log is crypto-shredded, and a worker killed midway loses nothing.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import pg from "pg";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedDatabase } from "../../prisma/seed";
import { TS_NODE_ARGS } from "../../scripts/lib/node-args";
import { findTraces } from "../../tests/support/db-scan";
import { createTestDatabase } from "../../tests/setup/test-database";

const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), "erasure-"));
const received: { to: string; subject: string; text: string }[] = [];
let smtp: SMTPServer;
let smtpPort = 0;
let databaseUrl: string;
let pool: pg.Pool;
let db: typeof import("../core/db");
let engine: typeof import("./engine");
let request: typeof import("./request");
let audit: typeof import("../audit/record");
let personKey: typeof import("../audit/person-key");

async function countsFor(userId: string) {
  const { rows } = await pool.query(
    `SELECT (SELECT count(*) FROM "ServerLogRecord" WHERE "userId" = $1)::int AS logs,
            (SELECT count(*) FROM "TelemetryReport" WHERE "userId" = $1)::int AS telemetry,
            (SELECT count(*) FROM "EmailEvent" WHERE "userId" = $1)::int AS email,
            (SELECT count(*) FROM "ConsentEvent" WHERE "userId" = $1)::int AS consent,
            (SELECT count(*) FROM "Cluster" WHERE "userId" = $1)::int AS clusters`,
    [userId],
  );
  return rows[0];
}

async function requestFor(userId: string) {
  // Inside a transaction, the way a caller with its own transaction does it (no queue needed here).
  return db.prisma.$transaction((tx) =>
    request.requestErasure({ userId, requester: { kind: "SELF" }, tx, ip: "203.0.113.77" }),
  );
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address).join(","),
          subject: mail.subject ?? "",
          text: mail.text ?? "",
        });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpPort = (smtp.server.address() as { port: number }).port;

  databaseUrl = await createTestDatabase("erasure", { migrate: true });
  await seedDatabase({ databaseUrl, size: 1500, log: () => {} });
  pool = new pg.Pool({ connectionString: databaseUrl, max: 3 });
  vi.stubEnv("DATABASE_URL", databaseUrl);
  vi.stubEnv("AUTH_SECRET", "test-secret-test-secret-123456");
  vi.stubEnv("EXPORT_DIR", exportDir);
  vi.stubEnv("SMTP_URL", `smtp://127.0.0.1:${smtpPort}?tls=off`);
  db = await import("../core/db");
  engine = await import("./engine");
  request = await import("./request");
  audit = await import("../audit/record");
  personKey = await import("../audit/person-key");
}, 120_000);

afterAll(async () => {
  await pool?.end();
  await db?.disconnectDb();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  fs.rmSync(exportDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

describe("erasure engine", () => {
  it("erases alice completely, keeps what the law needs without her, and leaves bob alone", async () => {
    const alice = await db.prisma.user.findUniqueOrThrow({
      where: { email: "alice@example.com" },
      select: { id: true, name: true },
    });
    const bob = await db.prisma.user.findUniqueOrThrow({ where: { email: "bob@example.com" }, select: { id: true } });
    // Traces of alice outside her own rows, as the running product leaves them.
    await audit.recordAudit({
      action: "auth.sign_in",
      actorId: alice.id,
      targetType: "User",
      targetId: alice.id,
      ip: "203.0.113.77",
    });
    await db.prisma.privacyRequest.create({
      data: {
        userId: alice.id,
        type: "ACCESS",
        details: "Please send me a copy, Alice Example, alice@example.com",
        dueAt: new Date(),
      },
    });
    await db.prisma.verificationToken.create({
      data: {
        identifier: "alice@example.com",
        token: "hash-of-a-pending-link",
        expires: new Date(Date.now() + 600_000),
      },
    });
    await db.prisma.parentRequest.create({
      data: {
        parentName: "A Parent",
        parentEmail: "parent@example.net",
        childIdentifiers: "ALICE@example.com, someone-else",
        relationship: "mother",
        accessTokenHash: "x".repeat(64),
      },
    });
    const exportJob = await db.prisma.exportJob.create({
      data: { userId: alice.id, status: "READY", fileName: "aliceexport1.zip" },
    });
    await db.prisma.exportJob.update({ where: { id: exportJob.id }, data: { fileName: `${exportJob.id}.zip` } });
    fs.writeFileSync(path.join(exportDir, `${exportJob.id}.zip`), "alice@example.com archive");
    fs.writeFileSync(path.join(exportDir, `${exportJob.id}.zip.part.server-logs.csv`), "spool");

    const { rows: ipRows } = await pool.query<{ ip: string }>(
      `SELECT DISTINCT ip FROM (SELECT ip FROM "ServerLogRecord" WHERE "userId" = $1 UNION SELECT ip FROM "TelemetryReport" WHERE "userId" = $1 UNION SELECT ip FROM "CrashReport" WHERE "userId" = $1) s
        WHERE ip IS NOT NULL AND ip NOT IN (SELECT ip FROM "ServerLogRecord" WHERE "userId" <> $1 UNION SELECT ip FROM "TelemetryReport" WHERE "userId" <> $1 AND ip IS NOT NULL)`,
      [alice.id],
    );
    const installIds = (await db.prisma.cluster.findMany({ where: { userId: alice.id }, select: { id: true } })).map(
      (c) => c.id,
    );
    const needles = [
      "alice@example.com",
      alice.name!,
      alice.id,
      "203.0.113.77",
      ...installIds,
      ...ipRows.map((row) => row.ip),
    ];
    expect(ipRows.length).toBeGreaterThan(0);
    expect(await findTraces(pool, needles, { skipTables: ["CaughtMail"] })).not.toEqual([]);

    const before = await countsFor(alice.id);
    const bobBefore = await countsFor(bob.id);
    const aliceRequests = await db.prisma.privacyRequest.findMany({
      where: { userId: alice.id },
      select: { id: true },
    });
    const { erasureId, created } = await requestFor(alice.id);
    expect(created).toBe(true);
    expect((await requestFor(alice.id)).erasureId).toBe(erasureId); // idempotent per account
    // Processing stopped at once: restricted, signed out.
    const restricted = await db.prisma.user.findUniqueOrThrow({
      where: { id: alice.id },
      select: { restrictedAt: true, _count: { select: { sessions: true } } },
    });
    expect(restricted.restrictedAt).not.toBeNull();
    expect(restricted._count.sessions).toBe(0);

    expect(await engine.runErasure(erasureId, { batchSize: 400 })).toBe("done");

    const erasure = await db.prisma.erasure.findUniqueOrThrow({ where: { id: erasureId } });
    expect(erasure.status).toBe("COMPLETED");
    expect(erasure.userId).toBeNull();
    expect(erasure.receiptEmail).toBeNull();
    const counts = erasure.counts as import("./engine").ErasureCounts;
    const byTitle = Object.fromEntries(counts.categories.map((c) => [c.slug, c.count]));
    expect(byTitle["server-logs"]).toBe(before.logs);
    expect(counts.exportArchives).toBe(1);

    // Nothing of alice anywhere (the dev mail catcher stands for inboxes and is left out).
    expect(await findTraces(pool, needles, { skipTables: ["CaughtMail"] })).toEqual([]);
    expect(fs.readdirSync(exportDir).filter((name) => name.startsWith(exportJob.id))).toEqual([]);

    // Kept: the request record without her; the audit rows, unreadable; a suppression hash.
    const kept = await db.prisma.privacyRequest.findMany({ where: { id: { in: aliceRequests.map((r) => r.id) } } });
    expect(kept).toHaveLength(aliceRequests.length);
    for (const row of kept) expect(row).toMatchObject({ userId: null, details: "", subject: null });
    const signIn = await db.prisma.auditLog.findFirstOrThrow({
      where: { action: "auth.sign_in", targetId: erasure.subjectRef },
    });
    expect(signIn.ip).toMatch(/^enc:/);
    expect(await personKey.revealAuditIp(db.prisma, signIn)).toEqual({ kind: "erased" });
    expect(await db.prisma.auditLog.count({ where: { action: "erasure.completed", targetId: erasureId } })).toBe(1);
    const { isEmailSuppressed } = await import("./suppression");
    expect(await isEmailSuppressed(db.prisma, "Alice@Example.com")).toBe(true);

    // The receipt went to the deleted address, with the counts.
    const receipt = received.find((mail) => mail.to === "alice@example.com");
    expect(receipt?.subject).toBe("Your account and data have been deleted");
    expect(receipt?.text).toContain(`${before.logs.toLocaleString("en")}`);
    expect(receipt?.text).toMatch(/What we keep, and why/i);

    // Bob is untouched, and running the erasure again changes nothing.
    expect(await countsFor(bob.id)).toEqual(bobBefore);
    expect(await engine.runErasure(erasureId)).toBe("done");
    expect(received.filter((mail) => mail.to === "alice@example.com")).toHaveLength(1);
  }, 120_000);

  it("resumes after its worker is killed midway, with the same counts and nothing left", async () => {
    const carol = await db.prisma.user.create({ data: { email: "carol@example.com", name: "Carol Killed-Midway" } });
    await pool.query(
      `INSERT INTO "ServerLogRecord" ("userId", "occurredAt", ip, path) SELECT $1, now() - (g || ' minutes')::interval, '192.0.2.' || (g % 200), '/p/' || g FROM generate_series(1, 6000) g`,
      [carol.id],
    );
    await pool.query(
      `INSERT INTO "ConsentEvent" ("userId", subject, "newValue", source) SELECT $1, 'email:PRODUCT_NEWS', 'on', 'PORTAL' FROM generate_series(1, 900)`,
      [carol.id],
    );
    const before = await countsFor(carol.id);
    const { erasureId } = await requestFor(carol.id);

    const child = spawn(
      process.execPath,
      [...TS_NODE_ARGS, path.resolve("tests/support/erasure-child.ts"), erasureId],
      {
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          AUTH_SECRET: "test-secret-test-secret-123456",
          EXPORT_DIR: exportDir,
          SMTP_URL: `smtp://127.0.0.1:${smtpPort}?tls=off`,
          ERASURE_BATCH: "300",
        },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let batches = 0;
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on("data", (chunk: Buffer) => {
        batches += chunk
          .toString()
          .split("\n")
          .filter((line) => line.startsWith("batch ")).length;
        if (batches >= 5 && child.exitCode === null) {
          child.kill("SIGKILL");
          resolve();
        }
      });
      child.once("exit", () =>
        batches >= 5 ? resolve() : reject(new Error("the child finished before it could be killed")),
      );
    });
    await new Promise((resolve) => child.once("exit", resolve));
    // Killed mid-table: some rows gone, most still there, the erasure not finished.
    const midway = await countsFor(carol.id);
    expect(midway.logs).toBeLessThan(before.logs);
    expect(midway.logs).toBeGreaterThan(0);
    expect((await db.prisma.erasure.findUniqueOrThrow({ where: { id: erasureId } })).status).toBe("RUNNING");

    expect(await engine.runErasure(erasureId, { batchSize: 1000 })).toBe("done");
    const erasure = await db.prisma.erasure.findUniqueOrThrow({ where: { id: erasureId } });
    expect(erasure.status).toBe("COMPLETED");
    const counts = erasure.counts as import("./engine").ErasureCounts;
    expect(counts.categories.find((c) => c.slug === "server-logs")?.count).toBe(before.logs);
    expect(await countsFor(carol.id)).toEqual({ logs: 0, telemetry: 0, email: 0, consent: 0, clusters: 0 });
    expect(await db.prisma.user.count({ where: { id: carol.id } })).toBe(0);
    expect(
      await findTraces(pool, ["carol@example.com", carol.id, "Killed-Midway"], { skipTables: ["CaughtMail"] }),
    ).toEqual([]);
  }, 120_000);
});
