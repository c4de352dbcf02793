// `npm run admin:reset-2fa -- <email>`: the break-glass reset of the very last admin, run as
// the command it is (a child process against a real database and SMTP server). It removes
// every factor and recovery code, ends the second-factor mark of the admin's sessions, writes
// an audit row with no actor, emails the admin, and refuses addresses that are not an admin's
// and runs without SMTP_URL.
import { spawn } from "node:child_process";
import path from "node:path";
import { simpleParser } from "mailparser";
import pg from "pg";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TS_NODE_ARGS } from "../../scripts/lib/node-args";
import { createTestDatabase } from "../setup/test-database";

const received: { to: string; subject: string; text: string }[] = [];
let smtp: SMTPServer;
let smtpUrl = "";
let databaseUrl = "";
let pool: pg.Pool;

function run(
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...TS_NODE_ARGS, path.resolve("scripts/reset-admin-2fa.ts"), ...args], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        AUTH_SECRET: "test-secret-test-secret-123456",
        SMTP_URL: smtpUrl,
        LOG_LEVEL: "warn",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => resolve({ code, output }));
  });
}

async function createAdmin(id: string, email: string, role = "ADMIN") {
  await pool.query(`INSERT INTO "User" (id, email, role, "createdAt", "updatedAt") VALUES ($1, $2, $3, now(), now())`, [
    id,
    email,
    role,
  ]);
  await pool.query(
    `INSERT INTO "TotpCredential" ("userId", "secretSealed", "confirmedAt") VALUES ($1, 'sealed', now())`,
    [id],
  );
  await pool.query(`INSERT INTO "PasskeyCredential" (id, "userId", "publicKey") VALUES ($1, $2, '\\x00')`, [
    `cred-${id}`,
    id,
  ]);
  for (let index = 0; index < 10; index++)
    await pool.query(`INSERT INTO "RecoveryCode" (id, "userId", "codeHash") VALUES ($1, $2, $3)`, [
      `rc-${id}-${index}`,
      id,
      `hash-${id}-${index}`,
    ]);
  await pool.query(
    `INSERT INTO "Session" (id, "sessionToken", "userId", expires, "secondFactorAt") VALUES ($1, $2, $3, now() + interval '1 day', now())`,
    [`s-${id}`, `token-${id}`, id],
  );
}

const factorsOf = async (id: string) => {
  const { rows } = await pool.query(
    `SELECT (SELECT count(*) FROM "TotpCredential" WHERE "userId" = $1)::int AS totp,
            (SELECT count(*) FROM "PasskeyCredential" WHERE "userId" = $1)::int AS passkeys,
            (SELECT count(*) FROM "RecoveryCode" WHERE "userId" = $1)::int AS codes,
            (SELECT count(*) FROM "Session" WHERE "userId" = $1 AND "secondFactorAt" IS NOT NULL)::int AS marked`,
    [id],
  );
  return rows[0];
};

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        received.push({
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address).join(","),
          subject: mail.subject ?? "",
          text: mail.text ?? "",
        });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}?tls=off`;
  databaseUrl = await createTestDatabase("reset_2fa", { migrate: true });
  pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
}, 120_000);

afterAll(async () => {
  await pool?.end();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe("npm run admin:reset-2fa", () => {
  it("resets the admin's factors, audits without an actor and emails the admin", async () => {
    await createAdmin("last-admin", "last.admin@example.test");
    await createAdmin("other-admin", "other.admin@example.test");
    const result = await run([
      "Last.Admin@example.test",
      "--reason",
      "Lost phone and codes; identity checked in person",
    ]);
    expect(result.output).toContain("was emailed");
    expect(result.code).toBe(0);

    expect(await factorsOf("last-admin")).toEqual({ totp: 0, passkeys: 0, codes: 0, marked: 0 });
    expect(await factorsOf("other-admin")).toEqual({ totp: 1, passkeys: 1, codes: 10, marked: 1 });
    const { rows } = await pool.query(
      `SELECT a."actorId", a.metadata FROM "AuditLog" a JOIN "PersonKey" k ON k.ref = a."targetId" WHERE a.action = 'admin.2fa.reset' AND k."userId" = 'last-admin'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].actorId).toBeNull();
    expect(rows[0].metadata).toMatchObject({
      via: "cli",
      reason: "Lost phone and codes; identity checked in person",
      totp: 1,
      passkeys: 1,
      recoveryCodes: 10,
    });
    const mail = received.find((message) => message.to === "last.admin@example.test");
    expect(mail?.subject).toBe("Your admin second factor was reset");
    expect(mail?.text).toContain("command line");
  });

  it("refuses an address that is not an admin's, and a run that could not email the admin", async () => {
    await createAdmin("plain-user", "plain.user@example.test", "USER");
    const notAdmin = await run(["plain.user@example.test"]);
    expect(notAdmin.code).toBe(1);
    expect(notAdmin.output).toContain("No admin has that email address.");
    expect(await factorsOf("plain-user")).toEqual({ totp: 1, passkeys: 1, codes: 10, marked: 1 });

    const noMail = await run(["other.admin@example.test"], { SMTP_URL: "" });
    expect(noMail.code).toBe(1);
    expect(noMail.output).toContain("SMTP_URL is not set");
    expect(await factorsOf("other-admin")).toEqual({ totp: 1, passkeys: 1, codes: 10, marked: 1 });

    const usage = await run([]);
    expect(usage.code).toBe(1);
    expect(usage.output).toContain("usage: npm run admin:reset-2fa");
  });
});
