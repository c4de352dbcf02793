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
import { emailKeyedDatasets } from "../data/registry";
import { enqueueExport } from "../export/queue";
import { exportStorage } from "../export/storage";
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
  // A request filed by address joins the queue once the address is verified.
  where.push(`p.status <> 'AWAITING_VERIFICATION'`);
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
    `SELECT p.id, p.type, p.status, p."isOpen", p.jurisdiction, p."dueAt", p."createdAt", p."extendedAt", p."assigneeId", COALESCE(u.email, p."subjectEmail") AS email
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
      subjectMatches: { orderBy: { createdAt: "asc" } },
      permissionUploads: { select: { id: true, contentType: true, size: true, sha256: true, createdAt: true } },
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
  if (!["RESTRICTION", "OBJECTION", "OPT_OUT_SALE", "OPT_IN_SALE"].includes(request.type))
    throw new AppError("INVALID_STATE", { reason: "WRONG_COMPLETION" });
  requireVerified(request);
  if (!request.userId) return completeProcessingWithoutAccount(options);
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
    if (locked.type === "OPT_OUT_SALE" || locked.type === "OPT_IN_SALE") {
      // "Do not sell or share" covers cross-context advertising: advertising cookies follow the choice.
      const optOut = locked.type === "OPT_OUT_SALE";
      await tx.userPreferences.upsert({
        where: { userId },
        create: { userId, advertisingCookies: false },
        update: optOut ? { advertisingCookies: false } : {},
      });
      changes.push({ subject: "sale:opt_out", oldValue: null, newValue: optOut ? "on" : "off" });
      if (optOut) changes.push({ subject: "cookies:advertising", oldValue: null, newValue: "off" });
      done.push(
        optOut
          ? "We do not sell or share your personal information, and advertising cookies are off for your account."
          : "Your earlier “do not sell or share” request is withdrawn. Advertising cookies stay off until you turn them on.",
      );
    } else if (locked.type === "RESTRICTION") {
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

/**
 * Objection, "do not sell or share" and its withdrawal for a request filed by address with no
 * account: what we hold under the address is a newsletter subscription, event sign-ups and
 * messages; marketing stops by ending the subscription, and the choice is recorded on the request.
 */
async function completeProcessingWithoutAccount(options: TeamAction) {
  const at = await now();
  let resolution = "";
  await prisma.$transaction(async (tx) => {
    const locked = await openRequest(tx, options.id);
    const email = locked.subjectVerifiedAt ? locked.subjectEmail : null;
    if (!email || locked.type === "RESTRICTION") throw new AppError("INVALID_STATE", { reason: "REQUEST_NO_ACCOUNT" });
    const done: string[] = [];
    if (locked.type === "OPT_OUT_SALE")
      done.push("We do not sell or share the personal information we hold under your address.");
    if (locked.type === "OPT_IN_SALE") done.push("Your earlier “do not sell or share” request is withdrawn.");
    if (locked.type === "OBJECTION" || locked.type === "OPT_OUT_SALE") {
      const ended = await tx.newsletterSubscriber.updateMany({
        where: { email, unsubscribedAt: null },
        data: { unsubscribedAt: at },
      });
      if (locked.type === "OBJECTION" || ended.count > 0)
        done.push("You will get no more marketing email at this address.");
    }
    resolution = done.join(" ");
    await complete(tx, locked, { ...options, resolution, at });
  });
  await notifyPerson(options.id, "COMPLETED", resolution);
}

/** Access: the person's export, built by the export job; the request completes when it is ready. */
export async function produceAccessExport(options: TeamAction) {
  assertAdmin(options.admin);
  const at = await now();
  const exportJobId = await prisma.$transaction(async (tx) => {
    const request = await openRequest(tx, options.id);
    requireVerified(request);
    if (request.type !== "ACCESS") throw new AppError("INVALID_STATE", { reason: "WRONG_COMPLETION" });
    // Filed by address: the matched account's data (if any) plus the rows kept under the verified address.
    const subjectEmail = request.subjectVerifiedAt ? request.subjectEmail : null;
    if (!request.userId && !subjectEmail) throw new AppError("INVALID_STATE", { reason: "REQUEST_NO_ACCOUNT" });
    if (request.exportJobId) throw new AppError("CONFLICT", { reason: "EXPORT_UNDER_WAY" });
    const job = await tx.exportJob.create({
      data: { userId: request.userId, subjectEmail, privacyRequestId: request.id, createdAt: at },
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
    select: { status: true, privacyRequestId: true, expiresAt: true, subjectEmail: true },
  });
  if (!job?.privacyRequestId || job.status !== "READY") return;
  const at = await now();
  const until = job.expiresAt ? formatDate(job.expiresAt, "longDate") : null;
  const resolution = job.subjectEmail
    ? `Your copy is ready. Download it from this request's page${until ? ` until ${until}` : ""}.`
    : `Your copy is ready. Download it from “Your data” in your privacy center${until ? ` until ${until}` : ""}.`;
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
    if (!request.userId) {
      // Filed by address, no account: the rows kept under the verified address are deleted now.
      const email = request.subjectVerifiedAt ? request.subjectEmail : null;
      if (!email) throw new AppError("INVALID_STATE", { reason: "REQUEST_NO_ACCOUNT" });
      const total = await deleteAddressKeyedRows(tx, email);
      await applyStep(tx, request, {
        status: "COMPLETED",
        note: `Deleted: ${formatNumber(total)} records.`,
        byTeam: true,
        actorId: options.admin.userId,
        at,
        audit: "request.completed",
        ip: options.ip,
        data: {
          resolution: `${formatNumber(total)} records kept under your address were deleted.`,
          assigneeId: request.assigneeId ?? options.admin.userId,
        },
      });
      return null;
    }
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
  if (!erasureId) {
    const request = await prisma.privacyRequest.findUniqueOrThrow({ where: { id: options.id } });
    await notifyPerson(options.id, "COMPLETED", request.resolution);
    await forgetRequestSubject(options.id);
    return;
  }
  await notifyPerson(
    options.id,
    "IN_PROGRESS",
    "We are deleting your data. You will get a receipt by email when it is done.",
  );
  await kickErasure(erasureId);
}

/** Deletes every row the registry keeps under an address (newsletter, events, contact messages); returns how many. */
async function deleteAddressKeyedRows(tx: Tx, email: string): Promise<number> {
  let total = 0;
  for (const dataset of emailKeyedDatasets)
    total += await tx.$executeRawUnsafe(`DELETE FROM "${dataset.table}" t WHERE ${dataset.subjectEmail} = $1`, email);
  return total;
}

/**
 * After a deletion request filed by address is done (and its person told): the address, names,
 * agent's details and permission file it was filed with go too; type, dates and outcome stay.
 */
async function forgetRequestSubject(requestId: string) {
  const uploads = await prisma.agentPermissionUpload.findMany({ where: { requestId }, select: { storageKey: true } });
  for (const upload of uploads) await exportStorage().removePrefix(upload.storageKey);
  await prisma.$transaction([
    prisma.agentPermissionUpload.deleteMany({ where: { requestId } }),
    prisma.subjectVerificationToken.deleteMany({ where: { requestId } }),
    prisma.requestSubjectMatch.updateMany({ where: { requestId }, data: { userId: null } }),
    prisma.privacyRequest.update({
      where: { id: requestId },
      data: { subjectEmail: null, subjectName: null, agentName: null, agentEmail: null, details: "" },
    }),
  ]);
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
  const request = await prisma.privacyRequest.findUnique({
    where: { id: requestId },
    select: { subjectEmail: true, resolution: true },
  });
  // Filed by address: the account's own emails went with it; the person is told at the address they confirmed.
  if (request?.subjectEmail) {
    await notifyPerson(requestId, "COMPLETED", request.resolution);
    await forgetRequestSubject(requestId);
  }
}

/** An authorized agent's uploaded permission, for the team to check (streamed from the export storage). */
export async function openPermissionUpload(options: { admin: Viewer; requestId: string; uploadId: string }) {
  assertAdmin(options.admin);
  const upload = await prisma.agentPermissionUpload.findFirst({
    where: { id: options.uploadId, requestId: options.requestId },
    select: { storageKey: true, contentType: true },
  });
  if (!upload) throw new AppError("NOT_FOUND", { reason: "PERMISSION_UPLOAD" });
  const stored = await exportStorage().open(upload.storageKey);
  if (!stored) throw new AppError("NOT_FOUND", { reason: "PERMISSION_UPLOAD" });
  const extension = { "application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg" }[upload.contentType] ?? "bin";
  return {
    stream: stored.stream,
    size: stored.size,
    contentType: upload.contentType,
    fileName: `permission.${extension}`,
  };
}
