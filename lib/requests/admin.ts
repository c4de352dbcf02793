// The privacy team's side of privacy requests: one queue sorted by deadline, and
// every action with its rule enforced here (not in the page): one extension with
// a reason and only before the deadline, a reason for every denial, and each
// kind of request completed by doing what it asks.
import "server-only";
import { assertAdmin, type Viewer } from "../core/viewer";
import { now } from "../core/clock";
import { getPool, prisma } from "../core/db";
import { AppError } from "../core/errors";
import { formatDate, formatNumber } from "../core/format";
import { kickErasure, requestErasure } from "../erasure/request";
import { enqueueExport } from "../export/queue";
import type { Jurisdiction, RequestStatus, RequestType } from "../generated/prisma/enums";
import { getPolicyVersionIdNow, recordConsentChanges, type ConsentChange } from "../preferences/consent";
import { updateEmailPreferences } from "../preferences/email";
import { DENIAL_REASONS, type DenialReason, type ObjectionScope } from "./catalog";
import { checkExtension, dueState, LAW_RULES, type Law } from "./deadlines";
import { REQUEST_JOBS } from "./queue";
import { applyStep, notifyPerson, requestReference, type Tx } from "./transitions";

export type QueueFilters = {
  status?: RequestStatus | "OPEN" | "ALL";
  type?: RequestType;
  law?: Jurisdiction;
  assignee?: "me" | "none";
  dueWithinDays?: number;
  overdue?: boolean;
};

export const QUEUE_PAGE_SIZE = 50;

type QueueRow = {
  id: string;
  type: RequestType;
  status: RequestStatus;
  isOpen: boolean;
  jurisdiction: Jurisdiction;
  dueAt: Date;
  createdAt: Date;
  extendedAt: Date | null;
  assigneeId: string | null;
  email: string | null;
};

/**
 * The queue: open requests by default, soonest deadline first. One statement on the
 * (isOpen, dueAt) index with the person's address joined in; one row more than a page
 * tells whether there is a next one (no count of the whole queue).
 */
export async function listRequestQueue({
  admin,
  filters = {},
  page = 1,
}: {
  admin: Viewer;
  filters?: QueueFilters;
  page?: number;
}) {
  assertAdmin(admin);
  const at = await now();
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const status = filters.status ?? "OPEN";
  if (status === "OPEN" || filters.overdue || filters.dueWithinDays !== undefined) where.push(`p."isOpen"`);
  if (status !== "OPEN" && status !== "ALL") where.push(`p.status = ${param(status)}::"RequestStatus"`);
  if (filters.type) where.push(`p.type = ${param(filters.type)}::"RequestType"`);
  if (filters.law) where.push(`p.jurisdiction = ${param(filters.law)}::"Jurisdiction"`);
  if (filters.assignee === "me") where.push(`p."assigneeId" = ${param(admin.userId)}`);
  if (filters.assignee === "none") where.push(`p."assigneeId" IS NULL`);
  if (filters.overdue) where.push(`p."dueAt" < ${param(at)}`);
  if (filters.dueWithinDays !== undefined) {
    if (!filters.overdue) where.push(`p."dueAt" >= ${param(at)}`);
    where.push(`p."dueAt" <= ${param(new Date(at.getTime() + filters.dueWithinDays * 86_400_000))}`);
  }
  const { rows } = await getPool().query<QueueRow>(
    `SELECT p.id, p.type, p.status, p."isOpen", p.jurisdiction, p."dueAt", p."createdAt", p."extendedAt", p."assigneeId", u.email
       FROM "PrivacyRequest" p LEFT JOIN "User" u ON u.id = p."userId"
      ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
      ORDER BY p."dueAt", p.id
      LIMIT ${param(QUEUE_PAGE_SIZE + 1)} OFFSET ${param((Math.max(1, page) - 1) * QUEUE_PAGE_SIZE)}`,
    params,
  );
  return {
    hasNext: rows.length > QUEUE_PAGE_SIZE,
    rows: rows
      .slice(0, QUEUE_PAGE_SIZE)
      .map((row) => ({ ...row, reference: requestReference(row.id), dueState: dueState(row.dueAt, at, row.isOpen) })),
  };
}

export async function getRequestForTeam({ admin, id }: { admin: Viewer; id: string }) {
  assertAdmin(admin);
  const request = await prisma.privacyRequest.findUnique({
    where: { id },
    include: {
      user: {
        select: { id: true, email: true, name: true, restrictedAt: true, profile: { select: { country: true } } },
      },
      events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    },
  });
  if (!request) return null;
  const at = await now();
  const [admins, exportJob] = await Promise.all([
    prisma.user.findMany({
      where: { role: "ADMIN" },
      select: { id: true, name: true, email: true },
      orderBy: { email: "asc" },
    }),
    request.exportJobId
      ? prisma.exportJob.findUnique({
          where: { id: request.exportJobId },
          select: { status: true, doneRows: true, totalRows: true },
        })
      : null,
  ]);
  const extension = checkExtension(
    {
      law: request.jurisdiction as Law,
      receivedAt: request.createdAt,
      dueAt: request.dueAt,
      extendedAt: request.extendedAt,
      isOpen: request.isOpen,
    },
    at,
  );
  return {
    ...request,
    reference: requestReference(request.id),
    lawLabel: LAW_RULES[request.jurisdiction as Law].label,
    dueState: dueState(request.dueAt, at, request.isOpen),
    admins,
    exportJob,
    extension,
  };
}

type TeamAction = { admin: Viewer; id: string; ip?: string | null };

/** Loads an open request for a team action, inside the action's transaction (row-locked). */
async function openRequest(tx: Tx, id: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "PrivacyRequest" WHERE id = ${id} FOR UPDATE`;
  if (!rows[0]) throw new AppError("NOT_FOUND", { reason: "REQUEST" });
  const request = await tx.privacyRequest.findUniqueOrThrow({ where: { id } });
  if (!request.isOpen) throw new AppError("INVALID_STATE", { reason: "REQUEST_CLOSED" });
  return request;
}

export async function assignRequest(options: TeamAction & { assigneeId: string | null }) {
  assertAdmin(options.admin);
  const at = await now();
  await prisma.$transaction(async (tx) => {
    const request = await openRequest(tx, options.id);
    if (options.assigneeId) {
      const assignee = await tx.user.findFirst({
        where: { id: options.assigneeId, role: "ADMIN" },
        select: { name: true, email: true },
      });
      if (!assignee) throw new AppError("VALIDATION", { reason: "ASSIGNEE", field: "assigneeId" });
    }
    await applyStep(tx, request, {
      status: request.status,
      kind: "ASSIGNMENT",
      note: options.assigneeId ? "Assigned to a member of the privacy team." : "Unassigned.",
      byTeam: true,
      actorId: options.admin.userId,
      at,
      audit: "request.assigned",
      ip: options.ip,
      data: { assigneeId: options.assigneeId },
    });
  });
}

export async function verifyIdentity(options: TeamAction & { method: string }) {
  assertAdmin(options.admin);
  const at = await now();
  await prisma.$transaction(async (tx) => {
    const request = await openRequest(tx, options.id);
    if (request.verifiedAt) throw new AppError("INVALID_STATE", { reason: "ALREADY_VERIFIED" });
    await applyStep(tx, request, {
      status: "VERIFIED",
      note: `Identity verified: ${options.method}`,
      byTeam: true,
      actorId: options.admin.userId,
      at,
      audit: "request.verified",
      ip: options.ip,
      data: { verifiedAt: at, verificationMethod: options.method },
    });
  });
  await notifyPerson(options.id, "VERIFIED", null);
}

function requireVerified(request: { verifiedAt: Date | null }) {
  if (!request.verifiedAt) throw new AppError("INVALID_STATE", { reason: "NOT_VERIFIED" });
}

export async function startWork(options: TeamAction) {
  assertAdmin(options.admin);
  const at = await now();
  await prisma.$transaction(async (tx) => {
    const request = await openRequest(tx, options.id);
    requireVerified(request);
    if (request.status === "IN_PROGRESS") throw new AppError("INVALID_STATE", { reason: "ALREADY_STARTED" });
    await applyStep(tx, request, {
      status: "IN_PROGRESS",
      byTeam: true,
      actorId: options.admin.userId,
      at,
      audit: "request.started",
      ip: options.ip,
      data: { assigneeId: request.assigneeId ?? options.admin.userId },
    });
  });
  await notifyPerson(options.id, "IN_PROGRESS", null);
}

/** One extension, with a reason the person sees, and only before the deadline has passed. */
export async function extendRequest(options: TeamAction & { reason: string }) {
  assertAdmin(options.admin);
  const at = await now();
  await prisma.$transaction(async (tx) => {
    const request = await openRequest(tx, options.id);
    const check = checkExtension(
      {
        law: request.jurisdiction as Law,
        receivedAt: request.createdAt,
        dueAt: request.dueAt,
        extendedAt: request.extendedAt,
        isOpen: request.isOpen,
      },
      at,
    );
    if (!check.allowed) throw new AppError("INVALID_STATE", { reason: `EXTENSION_${check.why}` });
    await applyStep(tx, request, {
      status: request.status,
      eventStatus: "EXTENDED",
      note: options.reason,
      byTeam: true,
      actorId: options.admin.userId,
      at,
      audit: "request.extended",
      ip: options.ip,
      data: { dueAt: check.newDueAt, extendedAt: at, extensionReason: options.reason },
    });
  });
  await notifyPerson(options.id, "EXTENDED", options.reason);
}

/** A refusal always carries a reason (a lawful ground, and words for the person). */
export async function denyRequest(options: TeamAction & { reason: DenialReason; note: string | null }) {
  assertAdmin(options.admin);
  if (options.reason === "OTHER" && !options.note)
    throw new AppError("VALIDATION", { reason: "DENIAL_NOTE", field: "note" });
  const at = await now();
  const resolution = [DENIAL_REASONS[options.reason], options.note].filter(Boolean).join("\n\n");
  await prisma.$transaction(async (tx) => {
    const request = await openRequest(tx, options.id);
    await applyStep(tx, request, {
      status: "DENIED",
      note: resolution,
      byTeam: true,
      actorId: options.admin.userId,
      at,
      audit: "request.denied",
      ip: options.ip,
      data: { denialReason: options.reason, resolution },
    });
  });
  await notifyPerson(options.id, "DENIED", resolution);
}

/** The team writes in the thread; optionally waiting for the person's reply (reminders follow). */
export async function messageFromTeam(options: TeamAction & { text: string; awaitReply: boolean }) {
  assertAdmin(options.admin);
  const at = await now();
  await prisma.$transaction(async (tx) => {
    const request = await openRequest(tx, options.id);
    await applyStep(tx, request, {
      status: request.status,
      kind: "MESSAGE",
      note: options.text,
      byTeam: true,
      actorId: options.admin.userId,
      at,
      audit: "request.message.team",
      ip: options.ip,
      data: { awaitingSubjectSince: options.awaitReply ? at : null, lastReminderAt: null },
    });
  });
  await notifyPerson(options.id, "MESSAGE", options.text);
}

async function complete(
  tx: Tx,
  request: { id: string; status: RequestStatus },
  options: TeamAction & { resolution: string; at: Date; audit?: string },
) {
  await applyStep(tx, request, {
    status: "COMPLETED",
    note: options.resolution,
    byTeam: true,
    actorId: options.admin.userId,
    at: options.at,
    audit: options.audit ?? "request.completed",
    ip: options.ip,
    data: { resolution: options.resolution },
  });
}

/** Correction (what was changed) and question (the answer): completed with words for the person. */
export async function completeWithAnswer(options: TeamAction & { resolution: string }) {
  assertAdmin(options.admin);
  const at = await now();
  await prisma.$transaction(async (tx) => {
    const request = await openRequest(tx, options.id);
    requireVerified(request);
    if (!["CORRECTION", "QUESTION"].includes(request.type))
      throw new AppError("INVALID_STATE", { reason: "WRONG_COMPLETION" });
    await complete(tx, request, { ...options, at });
  });
  await notifyPerson(options.id, "COMPLETED", options.resolution);
}

/** Restriction and objection: the matching processing switches, each recorded in the person's consent history. */
export async function completeProcessingRequest(options: TeamAction) {
  assertAdmin(options.admin);
  const at = await now();
  const request = await prisma.privacyRequest.findUnique({
    where: { id: options.id },
    select: { type: true, userId: true, objectionScope: true, isOpen: true, verifiedAt: true },
  });
  if (!request) throw new AppError("NOT_FOUND", { reason: "REQUEST" });
  if (!["RESTRICTION", "OBJECTION"].includes(request.type))
    throw new AppError("INVALID_STATE", { reason: "WRONG_COMPLETION" });
  if (!request.userId) throw new AppError("INVALID_STATE", { reason: "REQUEST_NO_ACCOUNT" });
  requireVerified(request);
  const userId = request.userId;
  const scope = request.objectionScope as ObjectionScope[];
  // Marketing off goes through the preference layer, which writes its own consent events.
  if (request.type === "OBJECTION" && scope.includes("DIRECT_MARKETING")) {
    await updateEmailPreferences({
      userId,
      source: "ADMIN",
      update: { categories: { PRODUCT_NEWS: false, PROMOTIONS: false, BLOG_COMMENTS: false } },
    });
  }
  const policyVersionId = await getPolicyVersionIdNow();
  const done: string[] = [];
  await prisma.$transaction(async (tx) => {
    const locked = await openRequest(tx, options.id);
    const changes: ConsentChange[] = [];
    if (locked.type === "RESTRICTION") {
      await tx.user.update({ where: { id: userId }, data: { restrictedAt: at } });
      await tx.$executeRaw`SELECT pg_notify('telemetry_prefs', ${`user:${userId}`})`;
      changes.push({ subject: "processing:restricted", oldValue: "off", newValue: "on" });
      done.push("We have stopped using your data (it is kept, not deleted) until you ask us to resume.");
    } else {
      if (scope.includes("DIRECT_MARKETING")) done.push("You will get no more marketing email.");
      if (scope.includes("TELEMETRY")) {
        await tx.userPreferences.upsert({
          where: { userId },
          create: { userId, telemetryEnabled: false },
          update: { telemetryEnabled: false },
        });
        await tx.$executeRaw`SELECT pg_notify('telemetry_prefs', ${`user:${userId}`})`;
        changes.push({ subject: "telemetry:account", oldValue: null, newValue: "off" });
        done.push("We no longer store usage statistics from your installs.");
      }
      if (scope.includes("ANALYTICS")) {
        await tx.userPreferences.upsert({
          where: { userId },
          create: { userId, analyticsCookies: false, advertisingCookies: false },
          update: { analyticsCookies: false, advertisingCookies: false },
        });
        changes.push(
          { subject: "cookies:analytics", oldValue: null, newValue: "off" },
          { subject: "cookies:advertising", oldValue: null, newValue: "off" },
        );
        done.push("Analytics and advertising cookies are off for your account.");
      }
      if (done.length === 0) done.push("We reviewed your objection and stopped the processing you objected to.");
    }
    await recordConsentChanges(tx, { userId, source: "ADMIN", changes, policyVersionId, at });
    await complete(tx, locked, { ...options, resolution: done.join(" "), at });
  });
  await notifyPerson(options.id, "COMPLETED", done.join(" "));
}

/** Access: the person's export, built by the export job; the request completes when it is ready. */
export async function produceAccessExport(options: TeamAction) {
  assertAdmin(options.admin);
  const at = await now();
  const exportJobId = await prisma.$transaction(async (tx) => {
    const request = await openRequest(tx, options.id);
    requireVerified(request);
    if (request.type !== "ACCESS") throw new AppError("INVALID_STATE", { reason: "WRONG_COMPLETION" });
    if (!request.userId) throw new AppError("INVALID_STATE", { reason: "REQUEST_NO_ACCOUNT" });
    if (request.exportJobId) throw new AppError("CONFLICT", { reason: "EXPORT_UNDER_WAY" });
    const job = await tx.exportJob.create({
      data: { userId: request.userId, privacyRequestId: request.id, createdAt: at },
      select: { id: true },
    });
    await applyStep(tx, request, {
      status: "IN_PROGRESS",
      note: "We are preparing your copy.",
      byTeam: true,
      actorId: options.admin.userId,
      at,
      audit: "request.export.started",
      ip: options.ip,
      data: { exportJobId: job.id, assigneeId: request.assigneeId ?? options.admin.userId },
    });
    return job.id;
  });
  await enqueueExport(exportJobId);
  await notifyPerson(options.id, "IN_PROGRESS", "We are preparing your copy.");
}

/** Called when an access request's export is ready: the request completes with a link. */
export async function completeAccessRequest(exportJobId: string) {
  const job = await prisma.exportJob.findUnique({
    where: { id: exportJobId },
    select: { status: true, privacyRequestId: true, expiresAt: true },
  });
  if (!job?.privacyRequestId || job.status !== "READY") return;
  const at = await now();
  const until = job.expiresAt ? formatDate(job.expiresAt, "longDate") : null;
  const resolution = `Your copy is ready. Download it from “Your data” in your privacy center${until ? ` until ${until}` : ""}.`;
  const completed = await prisma.$transaction(async (tx) => {
    const request = await tx.privacyRequest.findUnique({
      where: { id: job.privacyRequestId! },
      select: { id: true, status: true, isOpen: true },
    });
    if (!request?.isOpen) return false;
    await applyStep(tx, request, {
      status: "COMPLETED",
      note: resolution,
      byTeam: true,
      actorId: null,
      at,
      audit: "request.completed",
      data: { resolution },
    });
    return true;
  });
  if (completed) await notifyPerson(job.privacyRequestId, "COMPLETED", resolution);
}

/** Deletion: the erasure engine; the request completes when the erasure has finished. */
export async function runDeletionRequest(options: TeamAction) {
  assertAdmin(options.admin);
  const at = await now();
  const erasureId = await prisma.$transaction(async (tx) => {
    const request = await openRequest(tx, options.id);
    requireVerified(request);
    if (request.type !== "DELETION") throw new AppError("INVALID_STATE", { reason: "WRONG_COMPLETION" });
    if (!request.userId) throw new AppError("INVALID_STATE", { reason: "REQUEST_NO_ACCOUNT" });
    await applyStep(tx, request, {
      status: "IN_PROGRESS",
      note: "We are deleting your data.",
      byTeam: true,
      actorId: options.admin.userId,
      at,
      audit: "request.erasure.started",
      ip: options.ip,
      data: { assigneeId: request.assigneeId ?? options.admin.userId },
    });
    const { erasureId } = await requestErasure({
      userId: request.userId,
      requester: { kind: "PRIVACY_REQUEST", requestId: request.id, actorId: options.admin.userId },
      onComplete: { queue: REQUEST_JOBS.erasureCompleted, data: { requestId: request.id } },
      tx,
      ip: options.ip,
    });
    return erasureId;
  });
  await notifyPerson(
    options.id,
    "IN_PROGRESS",
    "We are deleting your data. You will get a receipt by email when it is done.",
  );
  await kickErasure(erasureId);
}

/** Called when a deletion request's erasure has finished (the account and its address are gone by now). */
export async function completeDeletionRequest(requestId: string, erasureId: string) {
  const at = await now();
  const erasure = await prisma.erasure.findUnique({ where: { id: erasureId }, select: { counts: true } });
  const total = (erasure?.counts as { total?: number } | null)?.total ?? 0;
  await prisma.$transaction(async (tx) => {
    const request = await tx.privacyRequest.findUnique({
      where: { id: requestId },
      select: { id: true, status: true, isOpen: true },
    });
    if (!request?.isOpen) return;
    await applyStep(tx, request, {
      status: "COMPLETED",
      note: `Deleted: ${formatNumber(total)} records. A receipt was emailed.`,
      byTeam: true,
      actorId: null,
      at,
      audit: "request.completed",
      data: { resolution: `Your account and ${formatNumber(total)} records were deleted.` },
    });
  });
}
