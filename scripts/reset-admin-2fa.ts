// npm run admin:reset-2fa -- <email> [--reason "why"]
//
// Break-glass for the very last admin (when no other admin can reset them from
// /admin/security): removes every passkey, authenticator app and recovery code of the admin
// with that address and ends the second-factor mark of their sessions. The next visit to the
// admin area asks them to enrol again. Writes an audit row (`admin.2fa.reset`, no actor,
// via "cli") and emails the admin, so it refuses to run without SMTP_URL.
// Uses DATABASE_URL, or the embedded development database when it is unset.
import fs from "node:fs";
import { resetAdminSecondFactor } from "../lib/auth/second-factor-reset";
import { disconnectDb } from "../lib/core/db";
import { resolveDatabase } from "./lib/database";

const USAGE = 'usage: npm run admin:reset-2fa -- <admin email> [--reason "why"]';

function parseArgs(argv: string[]): { email: string; reason: string } {
  let email = "";
  let reason = "Reset from the command line";
  for (let index = 0; index < argv.length; index++) {
    if (argv[index] === "--reason") reason = argv[++index] ?? "";
    else if (!email) email = argv[index];
    else throw new Error(USAGE);
  }
  if (!/^[^\s@]+@[^\s@]+$/.test(email) || !reason.trim()) throw new Error(USAGE);
  return { email, reason: reason.trim() };
}

async function main() {
  const { email, reason } = parseArgs(process.argv.slice(2));
  if (fs.existsSync(".env")) process.loadEnvFile(".env");
  // In development the launcher keeps its generated secret here (scripts/launch.ts).
  if (!process.env.AUTH_SECRET && fs.existsSync(".data/auth-secret"))
    process.env.AUTH_SECRET = fs.readFileSync(".data/auth-secret", "utf8").trim();
  if (!process.env.SMTP_URL) {
    throw new Error(
      "SMTP_URL is not set: the admin must be emailed about the reset. Set it to your relay (in development, the mail catcher: start `npm run dev` with MAIL_CATCHER_PORT=2525 and pass SMTP_URL=smtp://127.0.0.1:2525?tls=off).",
    );
  }
  const db = await resolveDatabase("dev");
  process.env.DATABASE_URL = db.url;
  try {
    const result = await resetAdminSecondFactor({ by: { kind: "command-line" }, target: { email }, reason });
    console.log(
      `Reset the second factor of ${result.email}: every passkey, authenticator app and recovery code removed; audited.`,
    );
    if (!result.emailed) {
      console.error(`Could not email ${result.email} about it (see the log above): tell them yourself.`);
      process.exitCode = 2;
    } else console.log(`${result.email} was emailed.`);
  } finally {
    await disconnectDb();
    await db.stop();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    const text = error instanceof Error ? error.message : String(error);
    console.error(text === "NOT_FOUND:ADMIN" ? "No admin has that email address." : text);
    process.exit(1);
  },
);
