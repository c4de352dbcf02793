// Background work of parents' requests: matching after confirmation (kept out of
// the request so that nobody can time it), telling the parent when the review
// export is ready, completing after the erasures, and the hourly sweep (purge
// unconfirmed requests after 7 days; erase when a review's 14 days are over).
import "server-only";
import type PgBoss from "pg-boss";
import { createElement } from "react";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import { now } from "../core/clock";
import { prisma } from "../core/db";
import { sendEmail } from "../email/send";
import { ParentReviewReadyEmail } from "../email/templates/parent-request";
import { env } from "../core/env";
import { formatDate } from "../core/format";
import { log } from "../core/log";
import { defineJob } from "../core/queue";
import { completeParentRequestIfDone, startParentErasure } from "./erasure";
import { matchAccount, parseChildIdentifiers } from "./identifiers";
import { purgeUnconfirmedParentRequests } from "../retention/purge";
import { getRetentionDays } from "../retention/rules";
import { cutoffFor } from "../retention/targets";
import { PARENT_JOBS } from "./queue";
import { statusUrlOf } from "./requests";

/** Finds the accounts the identifiers name and restricts them at once (no marketing, no telemetry, nothing new). */
export async function matchParentRequest(parentRequestId: string) {
  const request = await prisma.parentRequest.findUnique({ where: { id: parentRequestId } });
  if (!request || request.status !== "UNDER_REVIEW" || request.matchedAt) return;
  const identifiers = parseChildIdentifiers(request.childIdentifiers);
  const emails = identifiers.filter((identifier) => identifier.kind === "email");
  const domains = [
    ...new Set(
      emails.flatMap((identifier) => [
        identifier.value.split("@")[1].toLowerCase(),
        identifier.normalized.split("@")[1],
      ]),
    ),
  ];
  const usernames = identifiers
    .filter((identifier) => identifier.kind === "username")
    .map((identifier) => identifier.value.toLowerCase());
  const candidates = await prisma.$queryRaw<{ id: string; email: string; username: string | null }[]>`
    SELECT u.id, u.email, p."displayName" AS username
      FROM "User" u LEFT JOIN "Profile" p ON p."userId" = u.id
     WHERE lower(split_part(u.email, '@', 2)) = ANY(${domains}::text[])
        OR lower(p."displayName") = ANY(${usernames}::text[])`;
  const matched = candidates.filter((candidate) => matchAccount(candidate, identifiers) !== null);
  const at = await now();
  await prisma.$transaction(async (tx) => {
    await tx.parentRequest.update({
      where: { id: request.id },
      data: { matchedUserIds: matched.map((user) => user.id), matchedAt: at },
    });
    for (const user of matched) {
      await tx.user.updateMany({ where: { id: user.id, restrictedAt: null }, data: { restrictedAt: at } });
      await tx.exportJob.updateMany({
        where: { userId: user.id, status: "QUEUED", parentRequestId: null },
        data: { status: "FAILED", error: "Processing of this account is paused." },
      });
      await tx.$executeRaw`SELECT pg_notify('telemetry_prefs', ${`user:${user.id}`})`;
    }
    await recordAudit(
      {
        action: "parent.request.matched",
        targetType: "ParentRequest",
        targetId: request.id,
        metadata: { accounts: matched.length },
      },
      tx,
    );
  });
}

/** When every review export of a request is ready, the parent is told. */
export async function notifyParentExportReady(parentRequestId: string) {
  const request = await prisma.parentRequest.findUnique({
    where: { id: parentRequestId },
    include: { exportLinks: { select: { exportJob: { select: { status: true } } } } },
  });
  if (!request || request.status !== "AWAITING_PARENT_REVIEW") return;
  if (request.exportLinks.some((link) => link.exportJob.status !== "READY")) return;
  await sendEmail({
    to: request.parentEmail,
    subject: "The information is ready for you to review",
    template: createElement(ParentReviewReadyEmail, {
      companyName: env().COMPANY_NAME,
      statusUrl: statusUrlOf(request),
      deadline: formatDate(request.reviewDeadline, "longDate"),
    }),
  });
}

export async function sweepParentRequests() {
  const at = await now();
  // The same purge the retention run does (its "parent-requests" rule), every 10 minutes here.
  const purged = await purgeUnconfirmedParentRequests(cutoffFor(at, await getRetentionDays("parent-requests")));
  const overdue = await prisma.parentRequest.findMany({
    where: { status: "AWAITING_PARENT_REVIEW", reviewDeadline: { lte: at } },
    select: { id: true },
  });
  for (const row of overdue) await startParentErasure({ parentRequestId: row.id, trigger: "deadline" });
  // Erasures that finished while the completion job was lost.
  for (const row of await prisma.parentRequest.findMany({ where: { status: "ERASING" }, select: { id: true } }))
    await completeParentRequestIfDone(row.id);
  return { purged, erased: overdue.length };
}

const each = (handler: (parentRequestId: string) => Promise<unknown>) => async (jobs: PgBoss.Job<unknown>[]) => {
  for (const job of jobs) {
    const { parentRequestId } = job.data as { parentRequestId: string };
    await handler(parentRequestId);
    log.info("parent request job", { name: job.name, parentRequestId });
  }
};

export const handleParentMatch = each(matchParentRequest);
export const handleParentExportReady = each(notifyParentExportReady);
export const handleParentErasureCompleted = each(completeParentRequestIfDone);

const parentRequestJob = z.object({ parentRequestId: z.string() });

/** The worker's jobs for parents' requests (scripts/lib/jobs.ts). */
export const parentJobs = [
  defineJob({
    name: PARENT_JOBS.match,
    payload: parentRequestJob,
    handler: handleParentMatch,
    work: { pollingIntervalSeconds: 1 },
  }),
  defineJob({
    name: PARENT_JOBS.exportReady,
    payload: parentRequestJob,
    handler: handleParentExportReady,
    work: { pollingIntervalSeconds: 1 },
  }),
  defineJob({
    name: PARENT_JOBS.erasureCompleted,
    payload: parentRequestJob,
    handler: handleParentErasureCompleted,
    work: { pollingIntervalSeconds: 1 },
  }),
  defineJob({
    name: PARENT_JOBS.sweep,
    payload: z.unknown(),
    cron: "*/10 * * * *",
    handler: async () => sweepParentRequests(),
  }),
];
