// Approved removal: every matched account is erased by the erasure engine; the
// request completes when the last one has finished.
import "server-only";
import { createElement } from "react";
import { recordAudit } from "../audit/record";
import { now } from "../core/clock";
import { prisma } from "../core/db";
import { sendEmail } from "../email/send";
import { ParentCompletedEmail } from "../email/templates/parent-request";
import { env } from "../core/env";
import type { ErasureCounts } from "../erasure/engine";
import { kickErasure, requestErasure } from "../erasure/request";
import { log } from "../core/log";
import { PARENT_JOBS } from "./queue";

/** Starts the erasure of every matched account (idempotent: a second call starts nothing new). */
export async function startParentErasure(options: {
  parentRequestId: string;
  trigger: "admin" | "parent" | "deadline";
  actorId?: string;
  ip?: string | null;
}) {
  const at = await now();
  const started = await prisma.$transaction(async (tx) => {
    const request = await tx.parentRequest.findUniqueOrThrow({ where: { id: options.parentRequestId } });
    if (request.status === "ERASING" || request.status === "COMPLETED") return [];
    const erasureIds: string[] = [];
    for (const userId of request.matchedUserIds) {
      const exists = await tx.user.count({ where: { id: userId } });
      if (!exists) continue; // already gone (another request, or the person deleted it themselves)
      const { erasureId } = await requestErasure({
        userId,
        requester: { kind: "PARENT_REQUEST", parentRequestId: request.id, actorId: options.actorId },
        onComplete: { queue: PARENT_JOBS.erasureCompleted, data: { parentRequestId: request.id } },
        // The parent gets the completion email; the child's address gets nothing more from us.
        sendReceipt: false,
        tx,
        ip: options.ip ?? null,
      });
      erasureIds.push(erasureId);
    }
    await tx.parentRequest.update({
      where: { id: request.id },
      data: { status: "ERASING", parentConfirmedAt: options.trigger === "parent" ? at : request.parentConfirmedAt },
    });
    await recordAudit(
      {
        action: "parent.erasure.started",
        actorId: options.actorId ?? null,
        targetType: "ParentRequest",
        targetId: request.id,
        ip: options.ip ?? null,
        metadata: { trigger: options.trigger, accounts: erasureIds.length },
      },
      tx,
    );
    return erasureIds;
  });
  for (const erasureId of started) await kickErasure(erasureId);
  // Nothing to erase (no match, or already gone): the request completes now.
  if (started.length === 0) await completeParentRequestIfDone(options.parentRequestId);
}

/** Called as each erasure finishes: completes the request when none of its erasures is still running. */
export async function completeParentRequestIfDone(parentRequestId: string) {
  const request = await prisma.parentRequest.findUnique({
    where: { id: parentRequestId },
    select: { id: true, status: true, parentEmail: true },
  });
  if (!request || request.status !== "ERASING") return;
  const erasures = await prisma.erasure.findMany({
    where: { requester: "PARENT_REQUEST", requesterRef: parentRequestId },
    select: { status: true, counts: true },
  });
  if (erasures.some((erasure) => erasure.status !== "COMPLETED" && erasure.status !== "ERASED")) return;
  const totals = new Map<string, number>();
  for (const erasure of erasures) {
    for (const category of (erasure.counts as ErasureCounts | null)?.categories ?? [])
      totals.set(category.title, (totals.get(category.title) ?? 0) + category.count);
  }
  const categories = [...totals.entries()]
    .map(([title, count]) => ({ title, count }))
    .filter((category) => category.count > 0);
  const total = categories.reduce((sum, category) => sum + category.count, 0);
  const at = await now();
  const completed = await prisma.$transaction(async (tx) => {
    // The request keeps its outcome, not the child's identifiers.
    const result = await tx.parentRequest.updateMany({
      where: { id: parentRequestId, status: "ERASING" },
      data: {
        status: "COMPLETED",
        completedAt: at,
        counts: { categories, total },
        childIdentifiers: "",
        matchedUserIds: [],
      },
    });
    if (result.count === 0) return false;
    await recordAudit(
      {
        action: "parent.request.completed",
        targetType: "ParentRequest",
        targetId: parentRequestId,
        metadata: { accounts: erasures.length, total },
      },
      tx,
    );
    return true;
  });
  if (!completed) return;
  await sendEmail({
    to: request.parentEmail,
    subject: "The child's information has been deleted",
    template: createElement(ParentCompletedEmail, { companyName: env().COMPANY_NAME, categories, total }),
  }).catch((error) => log.error("parent completion email failed", { parentRequestId, error }));
}
