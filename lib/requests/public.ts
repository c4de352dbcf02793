// Requests from people without an account (issue 19): filed at /requests/new by the person,
// by a human authorized agent, or by a registered DRP agent (lib/drp/, which calls these
// functions). The address is the identity: nothing is matched, disclosed or deleted until it
// is verified (an emailed single-use link, 24 h), and nothing here depends on whether we hold
// anything about it, so pages, emails and timings are the same either way. Matching runs in
// the `requests.match-subject` job after verification; from then on the request is one of the
// team's requests like any other (queue, deadlines, emails, timeline), followed through a
// private status link.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import { createElement } from "react";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import { consumeLimit } from "../auth/rate-limit";
import { now } from "../core/clock";
import { getPool, prisma } from "../core/db";
import { env } from "../core/env";
import { AppError } from "../core/errors";
import { isoDay } from "../core/format";
import { log } from "../core/log";
import { enqueue } from "../core/queue";
import { seal } from "../core/sealed";
import { countDatasets } from "../data/queries";
import type { Prisma } from "../generated/prisma/client";
import type { RequestEventKind } from "../generated/prisma/enums";
import { emailKeyedDatasets } from "../data/registry";
import { sendEmail } from "../email/send";
import { SubjectAgentReceivedEmail, SubjectConfirmEmail } from "../email/templates/subject-request";
import { permissionFileName } from "../export/files";
import { ensureSpoolDir, exportStorage, spoolPath } from "../export/storage";
import { findPolicyVersionInForce } from "../policies/in-force";
import {
  OBJECTION_SCOPES,
  REQUEST_TYPE_INFO,
  REQUEST_TYPES,
  type ObjectionScope,
  type RequestTypeName,
} from "./catalog";
import { initialDeadlines, type Law } from "./deadlines";
import { checkPermissionFile } from "./permission";
import { REQUEST_JOBS } from "./queue";
import { announceStatusChange, applyStep, notifyPerson, requestReference } from "./transitions";

export { subjectStatusUrl, subjectStatusUrlOf, announceStatusChange } from "./transitions";

export const CONFIRM_HOURS = 24;

const LIMITS = {
  perAddress: { prefix: "subject-request-email", points: 5, seconds: 24 * 3600, reason: "SUBJECT_REQUESTS_EMAIL" },
  perIp: { prefix: "subject-request-ip", points: 10, seconds: 3600, reason: "SUBJECT_REQUESTS_IP" },
};

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
const newToken = () => randomBytes(32).toString("base64url");
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/** Where DRP's `user_verification_url` points: the page telling the person to use the emailed link. */
export function subjectVerificationUrl(): string {
  return `${env().APP_URL}/requests/verify`;
}

// ------------------------------------------------------------------ filing --

export const SUBJECT_CHANNELS = ["WEB_FORM", "HUMAN_AGENT", "DRP_AGENT"] as const;
export type SubjectChannel = (typeof SUBJECT_CHANNELS)[number];

/** What any channel hands in (the web form's action, the DRP exercise endpoint). */
export const subjectRequestInputSchema = z
  .object({
    type: z.enum(REQUEST_TYPES),
    subject: z.object({
      email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
      name: z.string().trim().max(200).nullish(),
      emailVerified: z.boolean(),
    }),
    details: z.string().trim().max(5000).nullish(),
    jurisdiction: z.enum(["GDPR", "CCPA", "OTHER"]).nullish(),
    objectionScope: z.array(z.enum(Object.keys(OBJECTION_SCOPES) as [ObjectionScope, ...ObjectionScope[]])).nullish(),
    channel: z.enum(SUBJECT_CHANNELS),
    /** The registered DRP agent (lib/drp/); required for DRP_AGENT. */
    agentId: z.string().trim().min(1).max(100).nullish(),
    humanAgent: z
      .object({
        name: z.string().trim().min(2).max(120),
        email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
      })
      .nullish(),
    /** The consumer's signed permission (HUMAN_AGENT; PDF, PNG or JPEG, at most 5 MB). */
    permissionUpload: z.object({ bytes: z.custom<Uint8Array>((value) => value instanceof Uint8Array) }).nullish(),
  })
  .superRefine((input, context) => {
    if (input.subject.emailVerified && input.channel !== "DRP_AGENT")
      context.addIssue({ code: "custom", path: ["subject", "emailVerified"], message: "only a trusted agent vouches" });
    if (input.channel === "DRP_AGENT" && !input.agentId)
      context.addIssue({ code: "custom", path: ["agentId"], message: "agentId is required" });
    if (input.channel === "HUMAN_AGENT" && !input.humanAgent)
      context.addIssue({ code: "custom", path: ["humanAgent"], message: "the agent's name and address are required" });
  });
export type SubjectRequestInput = z.input<typeof subjectRequestInputSchema>;

export type FiledSubjectRequest = {
  requestId: string;
  /** The private status token (the web form never shows it: the person gets it by email after confirming). */
  statusToken: string;
  /** "sent": the single-use link went to the subject and the request waits; "not_needed": verified, matching started. */
  verification: "sent" | "not_needed";
};

const CHANNEL_NOTES: Record<SubjectChannel, string> = {
  WEB_FORM: "Filed through the web form.",
  HUMAN_AGENT: "Filed by an authorized agent for the consumer.",
  DRP_AGENT: "Filed by an authorized agent through the Data Rights Protocol.",
};

/**
 * Files a request about an email address. Unverified: emails the single-use link and waits
 * (status AWAITING_VERIFICATION, not in the team's queue, nothing matched). Verified (a trusted
 * DRP agent's `email_verified: true`): joins the queue at once and matching starts.
 */
export async function fileSubjectRequest(options: {
  input: SubjectRequestInput;
  ip: string;
}): Promise<FiledSubjectRequest> {
  const parsed = subjectRequestInputSchema.safeParse(options.input);
  if (!parsed.success) throw new AppError("VALIDATION", { reason: "SUBJECT_REQUEST", cause: parsed.error });
  const input = parsed.data;
  const permissionType = input.channel === "HUMAN_AGENT" ? checkPermissionFile(input.permissionUpload?.bytes) : null;
  if (input.channel !== "DRP_AGENT") await consumeLimit(LIMITS.perIp, options.ip);
  await consumeLimit(LIMITS.perAddress, input.subject.email);
  const verified = input.subject.emailVerified;
  const at = await now();
  const law: Law =
    input.jurisdiction ?? (input.type === "OPT_OUT_SALE" || input.type === "OPT_IN_SALE" ? "CCPA" : "OTHER");
  // The clock starts when the request is received (CCPA 7021(b)), verified or not.
  const { dueAt, acknowledgeBy } = initialDeadlines(law, at);
  const policy = await findPolicyVersionInForce({ at });
  const confirmToken = newToken();
  const accessToken = newToken();

  // The permission file goes into storage first; its row is written with the request.
  let upload: { id: string; storageKey: string; size: number; sha256: string } | null = null;
  if (permissionType && input.permissionUpload) {
    const id = `u${randomBytes(12).toString("hex")}`;
    const storageKey = permissionFileName(id);
    await ensureSpoolDir();
    const local = spoolPath(storageKey);
    await fs.promises.writeFile(local, input.permissionUpload.bytes, { mode: 0o600 });
    const { size } = await exportStorage().save(storageKey, local);
    upload = { id, storageKey, size, sha256: createHash("sha256").update(input.permissionUpload.bytes).digest("hex") };
  }

  let request: { id: string };
  try {
    request = await prisma.$transaction(async (tx) => {
      const created = await tx.privacyRequest.create({
        data: {
          userId: null,
          type: input.type,
          status: verified ? "RECEIVED" : "AWAITING_VERIFICATION",
          // Not in the team's queue (nor its reminders) until the address is verified.
          isOpen: verified,
          jurisdiction: law,
          details: input.details ?? "",
          objectionScope: input.objectionScope ?? [],
          dueAt,
          initialDueAt: dueAt,
          acknowledgeBy,
          createdAt: at,
          policyVersionId: policy?.id ?? null,
          channel: input.channel,
          subjectEmail: input.subject.email,
          subjectName: input.subject.name ?? null,
          agentId: input.agentId ?? null,
          agentName: input.humanAgent?.name ?? null,
          agentEmail: input.humanAgent?.email ?? null,
          statusTokenHash: hashToken(accessToken),
          statusTokenSealed: seal("subject-status", accessToken),
        },
        select: { id: true, status: true },
      });
      await tx.privacyRequestEvent.create({
        data: {
          requestId: created.id,
          status: created.status,
          note: verified
            ? CHANNEL_NOTES[input.channel]
            : `${CHANNEL_NOTES[input.channel]} Waiting for the address to be confirmed by the emailed link.`,
          createdAt: at,
        },
      });
      if (upload && permissionType)
        await tx.agentPermissionUpload.create({
          data: {
            id: upload.id,
            requestId: created.id,
            storageKey: upload.storageKey,
            contentType: permissionType,
            size: upload.size,
            sha256: upload.sha256,
            createdAt: at,
          },
        });
      if (!verified)
        await tx.subjectVerificationToken.create({
          data: {
            requestId: created.id,
            tokenHash: hashToken(confirmToken),
            expiresAt: new Date(at.getTime() + CONFIRM_HOURS * 3_600_000),
            createdAt: at,
          },
        });
      await recordAudit(
        {
          action: "request.subject.created",
          targetType: "PrivacyRequest",
          targetId: created.id,
          ip: options.ip,
          metadata: { channel: input.channel, agentId: input.agentId ?? null, verified },
        },
        tx,
      );
      if (verified)
        await applyStep(tx, created, {
          status: "VERIFIED",
          note: "Email address verified by the authorized agent.",
          byTeam: false,
          actorId: null,
          at,
          audit: "request.subject.verified",
          ip: options.ip,
          data: {
            verifiedAt: at,
            subjectVerifiedAt: at,
            acknowledgedAt: at,
            verificationMethod: `agent:${input.agentId}:email_verified`,
          },
        });
      return created;
    });
  } catch (error) {
    if (upload)
      await exportStorage()
        .removePrefix(upload.storageKey)
        .catch(() => {});
    throw error;
  }

  if (verified) {
    await enqueueMatch(request.id);
    await notifyPerson(request.id, "VERIFIED", "Your request is with our privacy team.");
  } else {
    const url = `${env().APP_URL}/requests/confirm?token=${encodeURIComponent(`${confirmToken}.${accessToken}`)}`;
    const typeLabel = REQUEST_TYPE_INFO[input.type as RequestTypeName].label;
    try {
      await sendEmail({
        to: input.subject.email,
        subject: "Confirm your privacy request",
        template: createElement(SubjectConfirmEmail, {
          companyName: env().COMPANY_NAME,
          url,
          hours: CONFIRM_HOURS,
          typeLabel,
          agentName: input.humanAgent?.name ?? null,
        }),
      });
    } catch (error) {
      // Nothing is half-done: without the email the request could never be confirmed.
      await prisma.privacyRequest.delete({ where: { id: request.id } });
      if (upload)
        await exportStorage()
          .removePrefix(upload.storageKey)
          .catch(() => {});
      throw new AppError("UNAVAILABLE", { reason: "EMAIL", cause: error });
    }
    if (input.humanAgent)
      await sendEmail({
        to: input.humanAgent.email,
        subject: `Privacy request received (${requestReference(request.id)})`,
        template: createElement(SubjectAgentReceivedEmail, {
          companyName: env().COMPANY_NAME,
          typeLabel,
          reference: requestReference(request.id),
          hours: CONFIRM_HOURS,
        }),
      }).catch((error) => log.error("agent email failed", { requestId: request.id, error }));
  }
  if (!verified) await announceStatusChange(request.id);
  return { requestId: request.id, statusToken: accessToken, verification: verified ? "not_needed" : "sent" };
}

async function enqueueMatch(requestId: string) {
  await enqueue(REQUEST_JOBS.matchSubject, { requestId }, { retryLimit: 10, retryDelay: 5, retryBackoff: true });
}

// ------------------------------------------------------------ confirmation --

function splitLinkToken(token: string): { confirm: string; access: string } | null {
  const parts = token.split(".");
  return parts.length === 2 && parts.every((part) => TOKEN.test(part)) ? { confirm: parts[0], access: parts[1] } : null;
}

/** The confirmation page's look-up (read only: a mail scanner opening the link changes nothing). */
export async function getSubjectConfirmationState(token: string): Promise<"valid" | "expired" | "unknown"> {
  const parts = splitLinkToken(token);
  if (!parts) return "unknown";
  const row = await prisma.subjectVerificationToken.findUnique({
    where: { tokenHash: hashToken(parts.confirm) },
    select: { expiresAt: true, usedAt: true, request: { select: { statusTokenHash: true, status: true } } },
  });
  if (!row || row.usedAt || row.request.statusTokenHash !== hashToken(parts.access)) return "unknown";
  if (row.request.status !== "AWAITING_VERIFICATION") return "unknown";
  return row.expiresAt > (await now()) ? "valid" : "expired";
}

/** Confirms the address (single use): the request joins the team's queue and matching starts. */
export async function confirmSubjectEmail(options: { token: string; ip: string }): Promise<{ statusToken: string }> {
  const parts = splitLinkToken(options.token);
  if (!parts) throw new AppError("NOT_FOUND", { reason: "SUBJECT_LINK" });
  const at = await now();
  const requestId = await prisma.$transaction(async (tx) => {
    const row = await tx.subjectVerificationToken.findUnique({
      where: { tokenHash: hashToken(parts.confirm) },
      select: {
        id: true,
        expiresAt: true,
        usedAt: true,
        request: { select: { id: true, status: true, statusTokenHash: true } },
      },
    });
    if (!row || row.request.statusTokenHash !== hashToken(parts.access))
      throw new AppError("NOT_FOUND", { reason: "SUBJECT_LINK" });
    // Spent atomically: of two racing confirmations only one updates the row.
    const spent = await tx.subjectVerificationToken.updateMany({
      where: { id: row.id, usedAt: null, expiresAt: { gt: at } },
      data: { usedAt: at },
    });
    if (spent.count === 0) {
      if (row.usedAt) throw new AppError("NOT_FOUND", { reason: "SUBJECT_LINK_USED" });
      throw new AppError("EXPIRED", { reason: "SUBJECT_LINK" });
    }
    if (row.request.status !== "AWAITING_VERIFICATION")
      throw new AppError("NOT_FOUND", { reason: "SUBJECT_LINK_USED" });
    await applyStep(tx, row.request, {
      status: "VERIFIED",
      note: "Email address confirmed by the emailed link.",
      byTeam: false,
      actorId: null,
      at,
      audit: "request.subject.verified",
      ip: options.ip,
      data: {
        isOpen: true,
        verifiedAt: at,
        subjectVerifiedAt: at,
        acknowledgedAt: at,
        verificationMethod: "email-link",
      },
    });
    return row.request.id;
  });
  await enqueueMatch(requestId);
  await notifyPerson(requestId, "VERIFIED", "Your address is confirmed: your request is with our privacy team.");
  return { statusToken: parts.access };
}

// ---------------------------------------------------------------- matching --

/**
 * Where the verified address appears: every dataset the registry keys by address (exact,
 * lower-case) and an account whose address is the same and verified, which the request then
 * belongs to (its data is exported or erased with the rest). Idempotent (the job may retry).
 */
export async function matchSubjectRequest(requestId: string): Promise<void> {
  const request = await prisma.privacyRequest.findUnique({
    where: { id: requestId },
    select: { id: true, subjectEmail: true, subjectVerifiedAt: true, userId: true, isOpen: true },
  });
  if (!request?.subjectEmail || !request.subjectVerifiedAt || !request.isOpen) return;
  const email = request.subjectEmail;
  const found: {
    datasetKey: string;
    tableName: string;
    method: string;
    note: string;
    rowCount: number;
    userId?: string;
  }[] = [];
  for (const dataset of emailKeyedDatasets) {
    const { rows } = await getPool().query<{ n: string }>(
      `SELECT count(*)::bigint AS n FROM "${dataset.table}" t WHERE ${dataset.subjectEmail} = $1`,
      [email],
    );
    const count = Number(rows[0]?.n ?? 0);
    if (count > 0)
      found.push({
        datasetKey: dataset.key,
        tableName: dataset.table,
        method: "EMAIL_EXACT",
        note: `exact email on ${dataset.table}`,
        rowCount: count,
      });
  }
  const account = await prisma.user.findFirst({
    where: { email, emailVerified: { not: null } },
    select: { id: true },
  });
  if (account) {
    const counts = await countDatasets(getPool(), account.id, (dataset) => !dataset.subjectEmail);
    const total = [...counts.values()].reduce((sum, entry) => sum + entry.total, 0);
    found.push({
      datasetKey: "account",
      tableName: "User",
      method: "VERIFIED_ACCOUNT",
      note: "verified account with the same address",
      rowCount: total,
      userId: account.id,
    });
  }
  await prisma.$transaction(async (tx) => {
    await tx.requestSubjectMatch.deleteMany({ where: { requestId } });
    if (found.length > 0)
      await tx.requestSubjectMatch.createMany({ data: found.map((match) => ({ requestId, ...match })) });
    if (account && !request.userId)
      await tx.privacyRequest.update({ where: { id: requestId }, data: { userId: account.id } });
    await recordAudit(
      {
        action: "request.subject.matched",
        targetType: "PrivacyRequest",
        targetId: requestId,
        metadata: { matches: found.map((match) => `${match.method}:${match.tableName}:${match.rowCount}`) },
      },
      tx,
    );
  });
}

// ------------------------------------------------------------------ status --

/** The states DRP and the status page speak; AWAITING_VERIFICATION is "received" with need_user_verification. */
export type SubjectRequestState =
  "awaiting_verification" | "received" | "verified" | "in_progress" | "completed" | "denied" | "withdrawn";

export type SubjectRequestView = {
  requestId: string;
  reference: string;
  type: RequestTypeName;
  typeLabel: string;
  channel: "ACCOUNT" | SubjectChannel;
  agentId: string | null;
  agentName: string | null;
  state: SubjectRequestState;
  receivedAt: Date;
  verifiedAt: Date | null;
  /** The deadline in force (lib/requests/deadlines.ts). */
  dueAt: Date;
  closedAt: Date | null;
  /** What was done, the answer, or why it was denied (words the person reads). */
  resolution: string | null;
  denialReason: string | null;
  /** Why it closed without a decision, e.g. ACCOUNT_ERASED. */
  closedReason: string | null;
  /** The access answer: the export archive, downloadable through the status link while ready. */
  export: { ready: boolean; expiresAt: Date | null } | null;
  timeline: { status: string; note: string | null; at: Date; byTeam: boolean }[];
};

const STATE: Record<string, SubjectRequestState> = {
  AWAITING_VERIFICATION: "awaiting_verification",
  RECEIVED: "received",
  ACKNOWLEDGED: "received",
  VERIFIED: "verified",
  IN_PROGRESS: "in_progress",
  EXTENDED: "in_progress",
  COMPLETED: "completed",
  DENIED: "denied",
  WITHDRAWN: "withdrawn",
};

const viewSelect = {
  id: true,
  type: true,
  status: true,
  channel: true,
  agentId: true,
  agentName: true,
  createdAt: true,
  verifiedAt: true,
  dueAt: true,
  closedAt: true,
  resolution: true,
  denialReason: true,
  closedReason: true,
  exportJobId: true,
  events: {
    where: { kind: { in: ["STATUS", "MESSAGE"] as RequestEventKind[] } },
    orderBy: { createdAt: "asc" },
    select: { status: true, note: true, createdAt: true, byTeam: true },
  },
} satisfies Prisma.PrivacyRequestSelect;

async function toView(row: NonNullable<Awaited<ReturnType<typeof findView>>>): Promise<SubjectRequestView> {
  const exportJob = row.exportJobId
    ? await prisma.exportJob.findUnique({ where: { id: row.exportJobId }, select: { status: true, expiresAt: true } })
    : null;
  return {
    requestId: row.id,
    reference: requestReference(row.id),
    type: row.type as RequestTypeName,
    typeLabel: REQUEST_TYPE_INFO[row.type as RequestTypeName].label,
    channel: row.channel,
    agentId: row.agentId,
    agentName: row.agentName,
    state: STATE[row.status] ?? "received",
    receivedAt: row.createdAt,
    verifiedAt: row.verifiedAt,
    dueAt: row.dueAt,
    closedAt: row.closedAt,
    resolution: row.resolution,
    denialReason: row.denialReason,
    closedReason: row.closedReason,
    export: exportJob ? { ready: exportJob.status === "READY", expiresAt: exportJob.expiresAt } : null,
    timeline: row.events.map((event) => ({
      status: event.status,
      note: event.note,
      at: event.createdAt,
      byTeam: event.byTeam,
    })),
  };
}

function findView(where: { id: string } | { statusTokenHash: string }) {
  return prisma.privacyRequest.findUnique({ where, select: viewSelect });
}

/** The private status page's view. An unconfirmed request has no status page yet (its link is only sent after confirmation). */
export async function getSubjectRequestStatus(statusToken: string): Promise<SubjectRequestView> {
  if (!TOKEN.test(statusToken)) throw new AppError("NOT_FOUND", { reason: "SUBJECT_LINK" });
  const row = await findView({ statusTokenHash: hashToken(statusToken) });
  if (!row || row.status === "AWAITING_VERIFICATION") throw new AppError("NOT_FOUND", { reason: "SUBJECT_LINK" });
  return toView(row);
}

/** The same view by id, for callers that scope access themselves (the DRP agent that filed it). */
export async function getSubjectRequestView({ requestId }: { requestId: string }): Promise<SubjectRequestView | null> {
  const row = await findView({ id: requestId });
  return row ? toView(row) : null;
}

/** Streams the access answer (the export archive) through the private status link. */
export async function openSubjectExport(options: { statusToken: string; ip: string }) {
  if (!TOKEN.test(options.statusToken)) throw new AppError("NOT_FOUND", { reason: "SUBJECT_LINK" });
  const request = await prisma.privacyRequest.findUnique({
    where: { statusTokenHash: hashToken(options.statusToken) },
    select: { id: true, status: true, exportJobId: true },
  });
  if (!request || request.status === "AWAITING_VERIFICATION" || !request.exportJobId)
    throw new AppError("NOT_FOUND", { reason: "SUBJECT_DOWNLOAD" });
  const job = await prisma.exportJob.findUnique({
    where: { id: request.exportJobId },
    select: { status: true, fileName: true, expiresAt: true, createdAt: true },
  });
  const at = await now();
  if (!job || job.status !== "READY" || !job.fileName || (job.expiresAt && job.expiresAt <= at))
    throw new AppError("EXPIRED", { reason: "SUBJECT_DOWNLOAD" });
  const stored = await exportStorage().open(job.fileName);
  if (!stored) throw new AppError("EXPIRED", { reason: "SUBJECT_DOWNLOAD" });
  await recordAudit({
    action: "request.export.downloaded",
    targetType: "PrivacyRequest",
    targetId: request.id,
    ip: options.ip,
  });
  return { stream: stored.stream, size: stored.size, fileName: `my-data-${isoDay(job.createdAt)}.zip` };
}

// ------------------------------------------------------------------- sweep --

export const UNCONFIRMED_DAYS = 7;

/**
 * Requests whose address was never confirmed are no requests: deleted after 7 days with their
 * confirmation links and any agent's permission file (which leaves storage first).
 */
export async function purgeUnconfirmedSubjectRequests(): Promise<number> {
  const cutoff = new Date((await now()).getTime() - UNCONFIRMED_DAYS * 86_400_000);
  const stale = await prisma.privacyRequest.findMany({
    where: { status: "AWAITING_VERIFICATION", createdAt: { lt: cutoff } },
    select: { id: true, permissionUploads: { select: { storageKey: true } } },
    take: 500,
  });
  for (const request of stale) {
    for (const upload of request.permissionUploads) await exportStorage().removePrefix(upload.storageKey);
    await prisma.$transaction(async (tx) => {
      const deleted = await tx.privacyRequest.deleteMany({
        where: { id: request.id, status: "AWAITING_VERIFICATION" },
      });
      if (deleted.count > 0)
        await recordAudit({ action: "request.subject.purged", targetType: "PrivacyRequest", targetId: request.id }, tx);
    });
  }
  return stale.length;
}
