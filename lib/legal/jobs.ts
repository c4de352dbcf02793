// The daily legal-request job: once a prohibition on telling the people
// concerned has ended and they have not been told, every admin is emailed a
// reminder, once a day, until someone clicks "notify now". It also retries
// notices whose email failed.
import "server-only";
import type PgBoss from "pg-boss";
import { createElement } from "react";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import { isTestClockAllowedFor, now } from "../core/clock";
import { prisma } from "../core/db";
import { sendEmail } from "../email/send";
import { LegalReminderEmail } from "../email/templates/legal-request";
import { env } from "../core/env";
import { log } from "../core/log";
import { defineJob } from "../core/queue";
import { deliverLegalNotices, formatLegalDate, legalReference } from "./admin";

export const LEGAL_JOBS = { reminders: "legal.reminders" } as const;

/** A reminder goes out at most once in this many hours per request (the job runs daily). */
const REMIND_EVERY_HOURS = 20;

export async function sendLegalReminders(at: Date): Promise<{ reminded: number; retried: number }> {
  const lapsed = await prisma.legalRequest.findMany({
    where: {
      notifiedAt: null,
      prohibitedUntil: { lte: at },
      OR: [
        { lastReminderAt: null },
        { lastReminderAt: { lte: new Date(at.getTime() - REMIND_EVERY_HOURS * 3_600_000) } },
      ],
    },
    orderBy: { prohibitedUntil: "asc" },
    take: 200,
    select: { id: true, authority: true, prohibitedUntil: true },
  });
  if (lapsed.length) {
    const admins = await prisma.user.findMany({ where: { role: "ADMIN" }, select: { email: true } });
    const items = lapsed.map((row) => ({
      reference: legalReference(row.id),
      authority: row.authority,
      ended: formatLegalDate(row.prohibitedUntil!),
    }));
    for (const admin of admins) {
      await sendEmail({
        to: admin.email,
        subject: `Legal requests: ${lapsed.length} can now be told to the people concerned`,
        template: createElement(LegalReminderEmail, {
          companyName: env().COMPANY_NAME,
          url: `${env().APP_URL.replace(/\/$/, "")}/admin/legal-requests`,
          items,
        }),
      });
    }
    await prisma.$transaction(async (tx) => {
      await tx.legalRequest.updateMany({
        where: { id: { in: lapsed.map((row) => row.id) } },
        data: { lastReminderAt: at },
      });
      for (const row of lapsed)
        await recordAudit(
          {
            action: "legal.reminder",
            targetType: "LegalRequest",
            targetId: row.id,
            metadata: { admins: admins.length },
          },
          tx,
        );
    });
  }
  const retried = await deliverLegalNotices();
  log.info("legal-request reminders", { reminded: lapsed.length, retried: retried.sent });
  return { reminded: lapsed.length, retried: retried.sent };
}

export async function handleLegalReminders(jobs: PgBoss.Job<unknown>[]) {
  for (const job of jobs) {
    // Tests move the clock by putting the time in the job (never honoured in production).
    const testNow = (job.data as { testNow?: string } | null)?.testNow;
    const at = testNow && isTestClockAllowedFor(env()) ? new Date(testNow) : await now();
    await sendLegalReminders(at);
  }
}

/** The worker's legal-register job (scripts/lib/jobs.ts): daily reminders once a prohibition on telling people has ended. */
export const legalJobs = [
  defineJob({
    name: LEGAL_JOBS.reminders,
    payload: z.object({ testNow: z.string().optional() }).nullish(),
    cron: "0 8 * * *",
    handler: handleLegalReminders,
    work: { pollingIntervalSeconds: 1 },
  }),
];
