// Starting an erasure, for its three callers: the person themself, the privacy
// team completing a deletion request, and the privacy team approving a parent's
// request. Processing stops at once, in the same transaction that records the
// erasure: the account is restricted (no marketing, no telemetry stored,
// nothing new collected), its sessions end, queued notices and exports are
// cancelled. The work itself runs in the erasure.run job (engine.ts).
import "server-only";
import { getPersonKey } from "../audit/person-key";
import { recordAudit } from "../audit/record";
import { now } from "../core/clock";
import { prisma } from "../core/db";
import { AppError } from "../core/errors";
import { Prisma } from "../generated/prisma/client";
import { log } from "../core/log";
import { enqueue } from "../core/queue";
import { signToken, verifyToken } from "../core/signed-token";
import type { ErasureCounts } from "./engine";

export const ERASURE_RUN_JOB = "erasure.run";
export const ERASURE_SWEEP_JOB = "erasure.sweep";

export type ErasureRequesterInput =
  | { kind: "SELF" }
  | { kind: "PRIVACY_REQUEST"; requestId: string; actorId: string }
  /** actorId: the admin who approved, when they act now; absent when the parent's confirmation or the review deadline starts it. */
  | { kind: "PARENT_REQUEST"; parentRequestId: string; actorId?: string };

export type RequestErasureOptions = {
  userId: string;
  requester: ErasureRequesterInput;
  /** Sent as a pg-boss job with { ...data, erasureId, counts } once the erasure has finished. */
  onComplete?: { queue: string; data: Record<string, string> };
  /** The receipt to the address being deleted (default true). */
  sendReceipt?: boolean;
  /** Run inside the caller's transaction; then call kickErasure(erasureId) after it commits. */
  tx?: Prisma.TransactionClient;
  ip?: string | null;
};

/** Idempotent per account: a second call returns the erasure already under way. */
export async function requestErasure(options: RequestErasureOptions): Promise<{ erasureId: string; created: boolean }> {
  const run = async (tx: Prisma.TransactionClient) => {
    const active = await tx.erasure.findFirst({
      where: { userId: options.userId, status: { in: ["QUEUED", "RUNNING", "ERASED"] } },
      select: { id: true },
    });
    if (active) return { erasureId: active.id, created: false };
    const user = await tx.user.findUnique({ where: { id: options.userId }, select: { id: true, email: true } });
    if (!user) throw new AppError("NOT_FOUND", { reason: "ACCOUNT" });
    const at = await now();
    const person = await getPersonKey(tx, user.id);
    const actorUserId = options.requester.kind === "SELF" ? user.id : (options.requester.actorId ?? null);
    const actorRef =
      options.requester.kind === "SELF"
        ? (person?.ref ?? null)
        : actorUserId
          ? ((await getPersonKey(tx, actorUserId))?.ref ?? null)
          : null;
    // Restricted, signed out, queued notices and exports cancelled, and ingestion processes told
    // to drop their cached opt-out state for this owner: one statement (it was five round trips).
    const stamp = Prisma.sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
    await tx.$executeRaw`
      WITH restricted AS (
        UPDATE "User" SET "restrictedAt" = ${stamp}, "updatedAt" = ${stamp} WHERE id = ${user.id} RETURNING id
      ), sessions AS (
        DELETE FROM "Session" WHERE "userId" = ${user.id} RETURNING 1
      ), notices AS (
        UPDATE "NoticeDelivery" SET status = 'CANCELLED', "updatedAt" = ${stamp}
         WHERE "userId" = ${user.id} AND status = 'QUEUED' RETURNING 1
      ), exports AS (
        UPDATE "ExportJob" SET status = 'FAILED', error = 'Cancelled: the account is being deleted.'
         WHERE "userId" = ${user.id} AND status = 'QUEUED' RETURNING 1
      )
      SELECT pg_notify('telemetry_prefs', 'user:' || id) FROM restricted`;
    const requesterRef =
      options.requester.kind === "PRIVACY_REQUEST"
        ? options.requester.requestId
        : options.requester.kind === "PARENT_REQUEST"
          ? options.requester.parentRequestId
          : null;
    const erasure = await tx.erasure.create({
      data: {
        userId: user.id,
        subjectRef: person?.ref ?? "unknown",
        requester: options.requester.kind,
        requesterRef,
        actorRef,
        receiptEmail: options.sendReceipt === false ? null : user.email,
        sendReceipt: options.sendReceipt !== false,
        onCompleteQueue: options.onComplete?.queue ?? null,
        onCompleteData: options.onComplete?.data ?? undefined,
        createdAt: at,
      },
      select: { id: true },
    });
    await recordAudit(
      {
        action: "erasure.requested",
        actorId: actorUserId,
        targetType: "User",
        targetId: user.id,
        ip: options.ip ?? null,
        metadata: { erasureId: erasure.id, requester: options.requester.kind, requesterRef },
      },
      tx,
    );
    return { erasureId: erasure.id, created: true };
  };
  if (options.tx) return run(options.tx);
  const result = await prisma.$transaction(run);
  if (result.created) await kickErasure(result.erasureId);
  return result;
}

/** Asks a worker to run the erasure now; if this is lost, the sweep starts it within a minute. */
export async function kickErasure(erasureId: string): Promise<void> {
  try {
    await enqueue(
      ERASURE_RUN_JOB,
      { erasureId },
      { singletonKey: erasureId, retryLimit: 20, retryDelay: 10, retryBackoff: true },
    );
  } catch (error) {
    log.error("erasure could not be queued; the sweep will start it", { erasureId, error });
  }
}

export type ErasureStatusView = {
  id: string;
  status: "QUEUED" | "RUNNING" | "ERASED" | "COMPLETED";
  isDone: boolean;
  requester: string;
  counts: ErasureCounts | null;
  createdAt: Date;
  erasedAt: Date | null;
  completedAt: Date | null;
};

export async function getErasureStatus(erasureId: string): Promise<ErasureStatusView | null> {
  const row = await prisma.erasure.findUnique({ where: { id: erasureId } });
  if (!row) return null;
  return {
    id: row.id,
    status: row.status,
    isDone: row.status === "ERASED" || row.status === "COMPLETED",
    requester: row.requester,
    counts: row.counts as ErasureCounts | null,
    createdAt: row.createdAt,
    erasedAt: row.erasedAt,
    completedAt: row.completedAt,
  };
}

/** Whether the account is being erased right now (sign-in is refused meanwhile). */
export async function isErasureUnderWay(email: string): Promise<boolean> {
  const user = await prisma.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true } });
  if (!user) return false;
  return (
    (await prisma.erasure.count({ where: { userId: user.id, status: { in: ["QUEUED", "RUNNING", "ERASED"] } } })) > 0
  );
}

/** The receipt page's link: signed, so only the person who deleted their account (who has no session any more) can open it. */
export function createReceiptToken(erasureId: string): string {
  return signToken("erasure-receipt", { e: erasureId });
}

export function readReceiptToken(token: unknown): string | null {
  const payload = verifyToken("erasure-receipt", token) as { e?: unknown } | null;
  return payload && typeof payload.e === "string" && payload.e.length <= 64 ? payload.e : null;
}
