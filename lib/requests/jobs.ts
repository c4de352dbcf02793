// Background work for privacy requests: the privacy team's daily digest of what is
// overdue or due within 7 days, reminders to people the team is waiting for, and
// the completions that follow an export or an erasure.
import "server-only";
import type PgBoss from "pg-boss";
import { createElement } from "react";
import { z } from "zod";
import { now } from "../core/clock";
import { prisma } from "../core/db";
import { sendEmail } from "../email/send";
import { RequestDigestEmail } from "../email/templates/request-update";
import { env } from "../core/env";
import { formatDate } from "../core/format";
import { log } from "../core/log";
import { defineJob } from "../core/queue";
import { REQUEST_TYPE_INFO, type RequestTypeName } from "./catalog";
import { completeAccessRequest, completeDeletionRequest } from "./admin";
import { matchSubjectRequest, purgeUnconfirmedSubjectRequests } from "./public";
import { REQUEST_JOBS } from "./queue";
import { notifyPerson, requestReference } from "./transitions";

const REMIND_EVERY_DAYS = 3;
export async function sendDailyDigest() {
  const at = await now();
  const soon = new Date(at.getTime() + 7 * 86_400_000);
  const open = await prisma.privacyRequest.findMany({
    where: { isOpen: true, dueAt: { lte: soon } },
    orderBy: { dueAt: "asc" },
    take: 500,
    select: { id: true, type: true, dueAt: true },
  });
  const item = (row: (typeof open)[number]) => ({
    reference: requestReference(row.id),
    type: REQUEST_TYPE_INFO[row.type as RequestTypeName].label,
    due: formatDate(row.dueAt, "date"),
  });
  const overdue = open.filter((row) => row.dueAt < at).map(item);
  const dueSoon = open.filter((row) => row.dueAt >= at).map(item);
  const admins = await prisma.user.findMany({ where: { role: "ADMIN" }, select: { email: true } });
  for (const admin of admins) {
    await sendEmail({
      to: admin.email,
      subject: `Privacy requests: ${overdue.length} overdue, ${dueSoon.length} due within 7 days`,
      template: createElement(RequestDigestEmail, {
        companyName: env().COMPANY_NAME,
        url: `${env().APP_URL}/admin/requests`,
        overdue,
        dueSoon,
      }),
    });
  }
  // People who have not answered the team's question: a reminder every few days.
  const waiting = await prisma.privacyRequest.findMany({
    where: {
      isOpen: true,
      awaitingSubjectSince: { lte: new Date(at.getTime() - REMIND_EVERY_DAYS * 86_400_000) },
      OR: [
        { lastReminderAt: null },
        { lastReminderAt: { lte: new Date(at.getTime() - REMIND_EVERY_DAYS * 86_400_000) } },
      ],
    },
    select: { id: true },
  });
  for (const request of waiting) {
    await prisma.privacyRequest.update({ where: { id: request.id }, data: { lastReminderAt: at } });
    await notifyPerson(request.id, "REMINDER", null);
  }
  log.info("request digest sent", { overdue: overdue.length, dueSoon: dueSoon.length, reminders: waiting.length });
  return { overdue: overdue.length, dueSoon: dueSoon.length, reminders: waiting.length };
}

export async function handleRequestExportReady(jobs: PgBoss.Job<unknown>[]) {
  for (const job of jobs) await completeAccessRequest((job.data as { exportJobId: string }).exportJobId);
}

export async function handleRequestErasureCompleted(jobs: PgBoss.Job<unknown>[]) {
  for (const job of jobs) {
    const data = job.data as { requestId: string; erasureId: string };
    await completeDeletionRequest(data.requestId, data.erasureId);
  }
}

/** The worker's privacy-request jobs (scripts/lib/jobs.ts): the team's daily digest and reminders, completions after exports and erasures. */
export const requestJobs = [
  defineJob({
    name: REQUEST_JOBS.digest,
    payload: z.unknown(),
    cron: "0 7 * * *",
    handler: async () => sendDailyDigest(),
  }),
  defineJob({
    name: REQUEST_JOBS.exportReady,
    payload: z.object({ exportJobId: z.string() }),
    handler: handleRequestExportReady,
    work: { pollingIntervalSeconds: 1 },
  }),
  defineJob({
    name: REQUEST_JOBS.erasureCompleted,
    payload: z.object({ requestId: z.string(), erasureId: z.string() }),
    handler: handleRequestErasureCompleted,
    work: { pollingIntervalSeconds: 1 },
  }),
  defineJob({
    // After an address is verified: where it appears (requests filed without an account).
    name: REQUEST_JOBS.matchSubject,
    payload: z.object({ requestId: z.string() }),
    handler: async (batch) => {
      for (const job of batch) await matchSubjectRequest(job.data.requestId);
    },
    work: { pollingIntervalSeconds: 1 },
  }),
  defineJob({
    // Requests filed by address and never confirmed are deleted after 7 days (with any agent's upload).
    name: REQUEST_JOBS.sweepUnconfirmed,
    payload: z.unknown(),
    cron: "17 * * * *",
    handler: async () => purgeUnconfirmedSubjectRequests(),
  }),
];
