// The legal-request register: every law-enforcement or other legal demand for
// people's data, what was disclosed and why. The people concerned are told
// (email and portal) unless a legal prohibition with an end date is recorded;
// once it ends, the daily job (lib/legal/jobs.ts) reminds the privacy team
// until someone clicks "notify now".
import "server-only";
import { createElement } from "react";
import { recordAudit } from "../audit/record";
import { assertAdmin, type Viewer } from "../core/viewer";
import { now } from "../core/clock";
import { getPool, prisma } from "../core/db";
import { sendEmail } from "../email/send";
import { LegalRequestNoticeEmail } from "../email/templates/legal-request";
import { env } from "../core/env";
import { AppError } from "../core/errors";
import { formatDate } from "../core/format";
import { log } from "../core/log";
import { DECISION_LABELS, type LegalDecision, type LegalRequestInput } from "./schema";

export function formatLegalDate(date: Date): string {
  return formatDate(date, "longDate");
}

export function legalReference(id: string): string {
  return `LR-${id.slice(-8).toUpperCase()}`;
}

export type LegalState = "NOTIFIED" | "PROHIBITED" | "LAPSED";

function stateOf(row: { notifiedAt: Date | null; prohibitedUntil: Date | null }, at: Date): LegalState {
  if (row.notifiedAt) return "NOTIFIED";
  if (row.prohibitedUntil && row.prohibitedUntil > at) return "PROHIBITED";
  return "LAPSED";
}

/** Registers a request; without a prohibition the people concerned are told at once. */
export async function createLegalRequest(options: {
  admin: Viewer;
  input: LegalRequestInput;
  ip?: string;
}): Promise<{ id: string; notified: boolean }> {
  const { admin, input } = options;
  assertAdmin(admin);
  const at = await now();
  if (input.prohibitedUntil && input.prohibitedUntil <= at)
    throw new AppError("VALIDATION", { reason: "LEGAL_PROHIBITION_PAST", field: "prohibitedUntil" });
  const users = await prisma.user.findMany({
    where: { email: { in: input.people, mode: "insensitive" } },
    select: { id: true, email: true },
  });
  const found = new Set(users.map((user) => user.email.toLowerCase()));
  const unknown = input.people.filter((email) => !found.has(email));
  if (unknown.length)
    throw new AppError("VALIDATION", {
      reason: "LEGAL_UNKNOWN_PEOPLE",
      field: "people",
      params: { emails: unknown.slice(0, 5).join(", ") },
    });
  const notifyNow = !input.prohibitedUntil;
  const created = await prisma.$transaction(async (tx) => {
    const request = await tx.legalRequest.create({
      data: {
        authority: input.authority,
        legalBasis: input.legalBasis,
        receivedAt: input.receivedAt,
        dataRequested: input.dataRequested,
        decision: input.decision,
        dataDisclosed: input.decision === "REFUSED" ? "" : input.dataDisclosed,
        goodFaithReason: input.decision === "REFUSED" ? null : input.goodFaithReason,
        prohibitedUntil: input.prohibitedUntil ?? null,
        prohibitionNote: input.prohibitedUntil ? input.prohibitionNote : null,
        notifiedAt: notifyNow ? at : null,
        createdById: admin.userId,
        subjects: { create: users.map((user) => ({ userId: user.id, notifiedAt: notifyNow ? at : null })) },
      },
      select: { id: true },
    });
    await recordAudit(
      {
        action: "legal.create",
        actorId: admin.userId,
        targetType: "LegalRequest",
        targetId: request.id,
        ip: options.ip,
        metadata: { decision: input.decision, people: users.length, prohibited: !notifyNow },
      },
      tx,
    );
    if (notifyNow)
      await recordAudit(
        {
          action: "legal.notify",
          actorId: admin.userId,
          targetType: "LegalRequest",
          targetId: request.id,
          ip: options.ip,
          metadata: { people: users.length },
        },
        tx,
      );
    return request;
  });
  if (notifyNow) await deliverLegalNotices(created.id);
  return { id: created.id, notified: notifyNow };
}

/** Tells the people concerned now; refused while a prohibition is in force. */
export async function notifyLegalRequestNow(options: {
  admin: Viewer;
  id: string;
  ip?: string;
}): Promise<{ people: number }> {
  const { admin } = options;
  assertAdmin(admin);
  const at = await now();
  const result = await prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ notifiedAt: Date | null; prohibitedUntil: Date | null }[]>`
      SELECT "notifiedAt", "prohibitedUntil" FROM "LegalRequest" WHERE id = ${options.id} FOR UPDATE`;
    const row = rows[0];
    if (!row) throw new AppError("NOT_FOUND", { reason: "LEGAL_REQUEST" });
    if (row.notifiedAt) throw new AppError("INVALID_STATE", { reason: "LEGAL_ALREADY_NOTIFIED" });
    if (row.prohibitedUntil && row.prohibitedUntil > at)
      throw new AppError("INVALID_STATE", {
        reason: "LEGAL_PROHIBITED",
        params: { until: formatLegalDate(row.prohibitedUntil) },
      });
    await tx.legalRequest.update({ where: { id: options.id }, data: { notifiedAt: at } });
    const subjects = await tx.legalRequestSubject.updateMany({
      where: { legalRequestId: options.id, notifiedAt: null },
      data: { notifiedAt: at },
    });
    await recordAudit(
      {
        action: "legal.notify",
        actorId: admin.userId,
        targetType: "LegalRequest",
        targetId: options.id,
        ip: options.ip,
        metadata: { people: subjects.count },
      },
      tx,
    );
    return { people: subjects.count };
  });
  await deliverLegalNotices(options.id);
  return result;
}

/**
 * Emails every notified person not yet emailed. Each row is claimed before its
 * send (at most one email per person); a failed send releases the claim and the
 * daily job tries again.
 */
export async function deliverLegalNotices(legalRequestId?: string): Promise<{ sent: number; failed: number }> {
  const claimed = await getPool().query<{ id: string; email: string; legalRequestId: string }>(
    `UPDATE "LegalRequestSubject" s SET "emailedAt" = now()
       FROM "User" u
      WHERE u.id = s."userId" AND s."notifiedAt" IS NOT NULL AND s."emailedAt" IS NULL ${legalRequestId ? `AND s."legalRequestId" = $1` : ""}
      RETURNING s.id, u.email, s."legalRequestId"`,
    legalRequestId ? [legalRequestId] : [],
  );
  let sent = 0;
  let failed = 0;
  const requests = new Map<string, Awaited<ReturnType<typeof loadForEmail>>>();
  for (const row of claimed.rows) {
    try {
      if (!requests.has(row.legalRequestId)) requests.set(row.legalRequestId, await loadForEmail(row.legalRequestId));
      const request = requests.get(row.legalRequestId)!;
      await sendEmail({
        to: row.email,
        subject: "A legal request concerned your personal data",
        template: createElement(LegalRequestNoticeEmail, {
          companyName: env().COMPANY_NAME,
          authority: request.authority,
          legalBasis: request.legalBasis,
          received: formatLegalDate(request.receivedAt),
          dataRequested: request.dataRequested,
          outcome: DECISION_LABELS[request.decision as LegalDecision],
          dataDisclosed: request.dataDisclosed,
          url: `${env().APP_URL.replace(/\/$/, "")}/account/notices#legal-${row.legalRequestId}`,
        }),
      });
      sent += 1;
    } catch (error) {
      failed += 1;
      log.error("legal-request notice could not be sent; the daily job retries", { error, subjectId: row.id });
      await getPool().query(`UPDATE "LegalRequestSubject" SET "emailedAt" = NULL WHERE id = $1`, [row.id]);
    }
  }
  return { sent, failed };
}

async function loadForEmail(id: string) {
  return prisma.legalRequest.findUniqueOrThrow({
    where: { id },
    select: {
      authority: true,
      legalBasis: true,
      receivedAt: true,
      dataRequested: true,
      decision: true,
      dataDisclosed: true,
    },
  });
}

export type LegalRequestRow = {
  id: string;
  reference: string;
  authority: string;
  legalBasis: string;
  receivedAt: Date;
  decision: LegalDecision;
  people: number;
  prohibitedUntil: Date | null;
  notifiedAt: Date | null;
  lastReminderAt: Date | null;
  state: LegalState;
};

export async function listLegalRequests({
  admin,
  take = 200,
}: {
  admin: Viewer;
  take?: number;
}): Promise<LegalRequestRow[]> {
  assertAdmin(admin);
  const at = await now();
  const rows = await prisma.legalRequest.findMany({
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      authority: true,
      legalBasis: true,
      receivedAt: true,
      decision: true,
      prohibitedUntil: true,
      notifiedAt: true,
      lastReminderAt: true,
      _count: { select: { subjects: true } },
    },
  });
  return rows.map((row) => ({
    ...row,
    reference: legalReference(row.id),
    people: row._count.subjects,
    state: stateOf(row, at),
  }));
}

export async function getLegalRequest({ admin, id }: { admin: Viewer; id: string }) {
  assertAdmin(admin);
  const at = await now();
  const row = await prisma.legalRequest.findUnique({
    where: { id },
    select: {
      id: true,
      authority: true,
      legalBasis: true,
      receivedAt: true,
      dataRequested: true,
      dataDisclosed: true,
      decision: true,
      goodFaithReason: true,
      prohibitedUntil: true,
      prohibitionNote: true,
      notifiedAt: true,
      lastReminderAt: true,
      createdAt: true,
      subjects: {
        orderBy: { id: "asc" },
        select: { notifiedAt: true, emailedAt: true, user: { select: { email: true, name: true } } },
      },
    },
  });
  if (!row) return null;
  return { ...row, reference: legalReference(row.id), state: stateOf(row, at) };
}
