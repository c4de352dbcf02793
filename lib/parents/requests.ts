// The parent's side of a child-data removal request (no account): file it,
// confirm the address by a single-use link, follow it through a private link,
// download the child's data when a review was asked for, confirm the deletion.
// Nothing here depends on whether an identifier matches an account: matching
// runs in a background job after confirmation, so the pages, the emails and
// the response times are the same either way.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { createElement } from "react";
import { recordAudit } from "../audit/record";
import { consumeLimit } from "../auth/rate-limit";
import { now } from "../core/clock";
import { prisma } from "../core/db";
import { sendEmail } from "../email/send";
import { ParentConfirmEmail, ParentReceivedEmail } from "../email/templates/parent-request";
import { env } from "../core/env";
import { AppError } from "../core/errors";
import { isoDay } from "../core/format";
import { exportStorage } from "../export/storage";
import { seal, unseal } from "../core/sealed";
import { enqueue } from "../core/queue";
import { startParentErasure } from "./erasure";
import { PARENT_JOBS } from "./queue";
import type { ParentRequestInput } from "./schema";

export const CONFIRM_HOURS = 24;
export const UNCONFIRMED_DAYS = 7;
export const REVIEW_DAYS = 14;

const LIMITS = {
  perAddress: { prefix: "parent-email", points: 3, seconds: 24 * 3600, reason: "PARENT_REQUESTS_EMAIL" },
  perIp: { prefix: "parent-ip", points: 10, seconds: 3600, reason: "PARENT_REQUESTS_IP" },
};

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
const newToken = () => randomBytes(32).toString("base64url");

export function statusUrl(token: string) {
  return `${env().APP_URL}/parents/status?token=${encodeURIComponent(token)}`;
}

/** The private status link of a stored request (for emails after the first). */
export function statusUrlOf(request: { accessTokenSealed: string | null }): string {
  const token = request.accessTokenSealed ? unseal("parent-status", request.accessTokenSealed) : null;
  return token ? statusUrl(token) : `${env().APP_URL}/parents`;
}

/** Files the request and emails the confirmation link. Returns nothing a caller could tell requests apart by. */
export async function createParentRequest(options: { input: ParentRequestInput; ip: string }): Promise<void> {
  await consumeLimit(LIMITS.perIp, options.ip);
  await consumeLimit(LIMITS.perAddress, options.input.parentEmail);
  const at = await now();
  const confirmToken = newToken();
  const accessToken = newToken();
  const request = await prisma.$transaction(async (tx) => {
    const created = await tx.parentRequest.create({
      data: {
        parentName: options.input.parentName,
        parentEmail: options.input.parentEmail,
        childIdentifiers: options.input.childIdentifiers,
        relationship: options.input.relationship,
        details: options.input.details,
        reviewFirst: options.input.wants === "review",
        // The status link: looked up by hash; sealed so that later emails can repeat it.
        accessTokenHash: hashToken(accessToken),
        accessTokenSealed: seal("parent-status", accessToken),
        confirmTokenHash: hashToken(confirmToken),
        confirmExpiresAt: new Date(at.getTime() + CONFIRM_HOURS * 3_600_000),
        createdAt: at,
      },
      select: { id: true },
    });
    await recordAudit(
      { action: "parent.request.created", targetType: "ParentRequest", targetId: created.id, ip: options.ip },
      tx,
    );
    return created;
  });
  // The confirmation link carries both tokens: the second becomes the private status link.
  const url = `${env().APP_URL}/parents/confirm?token=${encodeURIComponent(`${confirmToken}.${accessToken}`)}`;
  await sendEmail({
    to: options.input.parentEmail,
    subject: "Confirm your request to remove your child's information",
    template: createElement(ParentConfirmEmail, { companyName: env().COMPANY_NAME, url, hours: CONFIRM_HOURS }),
  }).catch(async (error) => {
    // Nothing is half-done: without the email the request could never be confirmed.
    await prisma.parentRequest.delete({ where: { id: request.id } });
    throw new AppError("UNAVAILABLE", { reason: "EMAIL", cause: error });
  });
}

function splitLinkToken(token: string): { confirm: string; access: string } | null {
  const parts = token.split(".");
  return parts.length === 2 && parts.every((part) => /^[A-Za-z0-9_-]{20,100}$/.test(part))
    ? { confirm: parts[0], access: parts[1] }
    : null;
}

/** The confirmation page's look-up (read only: a mail scanner opening the link changes nothing). */
export async function getConfirmationState(token: string): Promise<"valid" | "expired" | "unknown"> {
  const parts = splitLinkToken(token);
  if (!parts) return "unknown";
  const row = await prisma.parentRequest.findUnique({
    where: { confirmTokenHash: hashToken(parts.confirm) },
    select: { confirmExpiresAt: true, accessTokenHash: true },
  });
  if (!row || row.accessTokenHash !== hashToken(parts.access)) return "unknown";
  return row.confirmExpiresAt && row.confirmExpiresAt > (await now()) ? "valid" : "expired";
}

/** Confirms the address (single use), queues matching, and emails the private status link. */
export async function confirmParentEmail(options: { token: string; ip: string }): Promise<{ statusToken: string }> {
  const parts = splitLinkToken(options.token);
  if (!parts) throw new AppError("NOT_FOUND", { reason: "PARENT_LINK" });
  const at = await now();
  const request = await prisma.$transaction(async (tx) => {
    const row = await tx.parentRequest.findUnique({
      where: { confirmTokenHash: hashToken(parts.confirm) },
      select: { id: true, status: true, confirmExpiresAt: true, accessTokenHash: true, parentEmail: true },
    });
    if (!row || row.accessTokenHash !== hashToken(parts.access) || row.status !== "AWAITING_EMAIL")
      throw new AppError("NOT_FOUND", { reason: "PARENT_LINK" });
    if (!row.confirmExpiresAt || row.confirmExpiresAt <= at) throw new AppError("EXPIRED", { reason: "PARENT_LINK" });
    await tx.parentRequest.update({
      where: { id: row.id },
      data: { status: "UNDER_REVIEW", emailConfirmedAt: at, confirmTokenHash: null, confirmExpiresAt: null },
    });
    await recordAudit(
      { action: "parent.request.confirmed", targetType: "ParentRequest", targetId: row.id, ip: options.ip },
      tx,
    );
    return row;
  });
  await enqueue(
    PARENT_JOBS.match,
    { parentRequestId: request.id },
    { retryLimit: 10, retryDelay: 5, retryBackoff: true },
  );
  await sendEmail({
    to: request.parentEmail,
    subject: "Your request is with our privacy team",
    template: createElement(ParentReceivedEmail, {
      companyName: env().COMPANY_NAME,
      statusUrl: statusUrl(parts.access),
    }),
  });
  return { statusToken: parts.access };
}

export type ParentStatusView = {
  status: "UNDER_REVIEW" | "AWAITING_PARENT_REVIEW" | "ERASING" | "COMPLETED" | "REJECTED";
  reviewFirst: boolean;
  createdAt: Date;
  confirmedAt: Date | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  reviewDeadline: Date | null;
  completedAt: Date | null;
  counts: { title: string; count: number }[] | null;
  downloads: { id: string; ready: boolean; used: boolean; expiresAt: Date | null }[];
};

async function findByAccessToken(token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new AppError("NOT_FOUND", { reason: "PARENT_LINK" });
  const row = await prisma.parentRequest.findUnique({
    where: { accessTokenHash: hashToken(token) },
    include: {
      exportLinks: { select: { id: true, usedAt: true, expiresAt: true, exportJob: { select: { status: true } } } },
    },
  });
  // An unconfirmed request has no status page yet: the link is only sent after confirmation.
  if (!row || row.status === "AWAITING_EMAIL") throw new AppError("NOT_FOUND", { reason: "PARENT_LINK" });
  return row;
}

/** What the private status page shows (the same fields whether or not an account matched). */
export async function getParentStatus(token: string): Promise<ParentStatusView> {
  const row = await findByAccessToken(token);
  return {
    status: row.status as ParentStatusView["status"],
    reviewFirst: row.reviewFirst,
    createdAt: row.createdAt,
    confirmedAt: row.emailConfirmedAt,
    decidedAt: row.decidedAt,
    decisionReason: row.status === "REJECTED" ? row.decisionReason : null,
    reviewDeadline: row.reviewDeadline,
    completedAt: row.completedAt,
    counts: (row.counts as { categories: { title: string; count: number }[] } | null)?.categories ?? null,
    downloads: row.exportLinks.map((link) => ({
      id: link.id,
      ready: link.exportJob.status === "READY",
      used: Boolean(link.usedAt),
      expiresAt: link.expiresAt,
    })),
  };
}

/**
 * Streams one reviewed export to the parent, once: the link is spent before the first byte,
 * so a second request (or a forwarded link) gets EXPIRED.
 */
export async function openParentDownload(options: { token: string; linkId: string; ip: string }) {
  const request = await findByAccessToken(options.token);
  if (request.status !== "AWAITING_PARENT_REVIEW") throw new AppError("INVALID_STATE", { reason: "PARENT_DOWNLOAD" });
  const at = await now();
  const link = await prisma.parentExportLink.findFirst({
    where: { id: options.linkId, parentRequestId: request.id },
    include: { exportJob: { select: { status: true, fileName: true, createdAt: true } } },
  });
  if (!link) throw new AppError("NOT_FOUND", { reason: "PARENT_DOWNLOAD" });
  if (link.exportJob.status !== "READY" || !link.exportJob.fileName)
    throw new AppError("INVALID_STATE", { reason: "EXPORT_NOT_READY" });
  const spent = await prisma.parentExportLink.updateMany({
    where: { id: link.id, usedAt: null, expiresAt: { gt: at } },
    data: { usedAt: at },
  });
  if (spent.count === 0) throw new AppError("EXPIRED", { reason: "PARENT_DOWNLOAD" });
  const stored = await exportStorage().open(link.exportJob.fileName);
  if (!stored) throw new AppError("EXPIRED", { reason: "PARENT_DOWNLOAD" });
  await recordAudit({
    action: "parent.export.downloaded",
    targetType: "ParentRequest",
    targetId: request.id,
    ip: options.ip,
    metadata: { linkId: link.id },
  });
  return {
    stream: stored.stream,
    size: stored.size,
    fileName: `child-data-${isoDay(link.exportJob.createdAt)}-${link.id.slice(-6)}.zip`,
  };
}

/** The parent, having reviewed the data, asks for the deletion to go ahead now. */
export async function confirmDeletionByParent(options: { token: string; ip: string }) {
  const request = await findByAccessToken(options.token);
  if (request.status !== "AWAITING_PARENT_REVIEW") throw new AppError("INVALID_STATE", { reason: "PARENT_CONFIRM" });
  await startParentErasure({ parentRequestId: request.id, trigger: "parent", ip: options.ip });
}
