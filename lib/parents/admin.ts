// The privacy team's side: the queue, one request with its matched accounts and
// the evidence, and the decision (with how parenthood was verified).
import "server-only";
import { createElement } from "react";
import { getPersonKey } from "../audit/person-key";
import { recordAudit } from "../audit/record";
import { assertAdmin, type Viewer } from "../core/viewer";
import { now } from "../core/clock";
import { countDatasets } from "../data/queries";
import { getPool, prisma } from "../core/db";
import { sendEmail } from "../email/send";
import { ParentDecisionEmail } from "../email/templates/parent-request";
import { env } from "../core/env";
import { enqueueExport } from "../export/queue";
import { AppError } from "../core/errors";
import type { ParentRequestStatus } from "../generated/prisma/enums";
import { matchAccount, parseChildIdentifiers } from "./identifiers";
import { startParentErasure } from "./erasure";
import { REVIEW_DAYS, statusUrlOf } from "./requests";
import { VERIFICATION_METHODS, type VerificationMethod } from "./schema";

export async function listParentRequests(options: { admin: Viewer; status?: ParentRequestStatus | "OPEN" }) {
  assertAdmin(options.admin);
  const where =
    options.status === "OPEN" || !options.status
      ? { status: { in: ["UNDER_REVIEW", "AWAITING_PARENT_REVIEW", "ERASING"] as ParentRequestStatus[] } }
      : { status: options.status };
  const rows = await prisma.parentRequest.findMany({
    where,
    orderBy: { createdAt: "asc" },
    take: 200,
    select: {
      id: true,
      parentName: true,
      status: true,
      reviewFirst: true,
      createdAt: true,
      emailConfirmedAt: true,
      matchedUserIds: true,
      matchedAt: true,
      decidedAt: true,
    },
  });
  return rows.map(({ matchedUserIds, ...row }) => ({ ...row, matches: matchedUserIds.length }));
}

export async function getParentRequestForAdmin({ admin, id }: { admin: Viewer; id: string }) {
  assertAdmin(admin);
  const request = await prisma.parentRequest.findUnique({
    where: { id },
    include: { exportLinks: { select: { id: true, usedAt: true, exportJob: { select: { status: true } } } } },
  });
  if (!request || request.status === "AWAITING_EMAIL") return null;
  const identifiers = parseChildIdentifiers(request.childIdentifiers);
  const users = await prisma.user.findMany({
    where: { id: { in: request.matchedUserIds } },
    select: {
      id: true,
      email: true,
      name: true,
      createdAt: true,
      ageConfirmedAt: true,
      restrictedAt: true,
      profile: { select: { displayName: true } },
    },
  });
  const matches = await Promise.all(
    users.map(async (user) => {
      const counts = await countDatasets(getPool(), user.id);
      return {
        userId: user.id,
        email: user.email,
        name: user.name,
        username: user.profile?.displayName ?? null,
        createdAt: user.createdAt,
        ageConfirmedAt: user.ageConfirmedAt,
        restrictedAt: user.restrictedAt,
        match: matchAccount({ email: user.email, username: user.profile?.displayName ?? null }, identifiers),
        records: [...counts.values()].reduce((sum, entry) => sum + entry.total, 0),
      };
    }),
  );
  return { ...request, identifiers, matches };
}

type Decision = {
  requestId: string;
  decision: "approve" | "reject";
  verificationMethod?: VerificationMethod;
  verificationNote: string | null;
  reason: string | null;
};

/** Approve (erase now, or first let the parent review an export) or reject with a reason the parent sees. */
export async function decideParentRequest(options: { admin: Viewer; input: Decision; ip?: string | null }) {
  assertAdmin(options.admin);
  const { input } = options;
  const at = await now();
  const adminRef = (await getPersonKey(prisma, options.admin.userId))?.ref ?? null;
  const request = await prisma.$transaction(async (tx) => {
    const row = await tx.parentRequest.findUnique({ where: { id: input.requestId } });
    if (!row) throw new AppError("NOT_FOUND", { reason: "PARENT_REQUEST" });
    if (row.status !== "UNDER_REVIEW") throw new AppError("INVALID_STATE", { reason: "PARENT_DECIDED" });
    if (!row.matchedAt) throw new AppError("INVALID_STATE", { reason: "PARENT_MATCHING" });
    const approve = input.decision === "approve";
    const reviewFirst = approve && row.reviewFirst && row.matchedUserIds.length > 0;
    await tx.parentRequest.update({
      where: { id: row.id },
      data: {
        status: approve ? (reviewFirst ? "AWAITING_PARENT_REVIEW" : "UNDER_REVIEW") : "REJECTED",
        verificationMethod: input.verificationMethod ?? null,
        verificationNote: input.verificationNote,
        decisionReason: approve ? null : input.reason,
        decidedAt: at,
        decidedByRef: adminRef,
        reviewDeadline: reviewFirst ? new Date(at.getTime() + REVIEW_DAYS * 86_400_000) : null,
        // A rejected request keeps no more than it needs: not the child's identifiers.
        ...(approve ? {} : { childIdentifiers: "", matchedUserIds: [] }),
      },
    });
    if (!approve) {
      // Processing resumes for accounts no other open request or erasure holds.
      for (const userId of row.matchedUserIds) {
        const otherHolds =
          (await tx.parentRequest.count({
            where: {
              id: { not: row.id },
              matchedUserIds: { has: userId },
              status: { in: ["UNDER_REVIEW", "AWAITING_PARENT_REVIEW", "ERASING"] },
            },
          })) + (await tx.erasure.count({ where: { userId, status: { in: ["QUEUED", "RUNNING", "ERASED"] } } }));
        if (otherHolds === 0) await tx.user.updateMany({ where: { id: userId }, data: { restrictedAt: null } });
        await tx.$executeRaw`SELECT pg_notify('telemetry_prefs', ${`user:${userId}`})`;
      }
    }
    if (reviewFirst) {
      for (const userId of row.matchedUserIds) {
        const job = await tx.exportJob.create({
          data: { userId, parentRequestId: row.id, createdAt: at },
          select: { id: true },
        });
        await tx.parentExportLink.create({
          data: {
            parentRequestId: row.id,
            exportJobId: job.id,
            expiresAt: new Date(at.getTime() + REVIEW_DAYS * 86_400_000),
          },
        });
      }
    }
    await recordAudit(
      {
        action: approve ? "parent.request.approved" : "parent.request.rejected",
        actorId: options.admin.userId,
        targetType: "ParentRequest",
        targetId: row.id,
        ip: options.ip ?? null,
        metadata: {
          verificationMethod: input.verificationMethod ?? null,
          accounts: row.matchedUserIds.length,
          reviewFirst,
        },
      },
      tx,
    );
    return { ...row, reviewFirst };
  });

  if (input.decision === "approve" && request.reviewFirst) {
    for (const link of await prisma.parentExportLink.findMany({
      where: { parentRequestId: request.id },
      select: { exportJobId: true },
    }))
      await enqueueExport(link.exportJobId);
  } else if (input.decision === "approve") {
    await startParentErasure({
      parentRequestId: request.id,
      trigger: "admin",
      actorId: options.admin.userId,
      ip: options.ip,
    });
  }
  await sendEmail({
    to: request.parentEmail,
    subject: input.decision === "approve" ? "Your request was approved" : "A decision on your request",
    template: createElement(ParentDecisionEmail, {
      companyName: env().COMPANY_NAME,
      statusUrl: statusUrlOf(request),
      approved: input.decision === "approve",
      reviewFirst: request.reviewFirst,
      reason: input.reason,
      reviewDays: REVIEW_DAYS,
    }),
  });
  return {
    status: input.decision === "approve" ? (request.reviewFirst ? "AWAITING_PARENT_REVIEW" : "ERASING") : "REJECTED",
  };
}

export const verificationMethodLabel = (method: string | null) =>
  method ? (VERIFICATION_METHODS[method as VerificationMethod] ?? method) : null;
