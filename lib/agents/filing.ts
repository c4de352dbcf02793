// A DRP exercise becomes a privacy request of the ordinary engine (same queue, clocks, emails and
// timeline as any other), linked to the agent by an AgentRequest row whose id is the DRP request_id.
import "server-only";
import { now } from "../core/clock";
import { prisma } from "../core/db";
import { AppError } from "../core/errors";
import { findPolicyVersionInForce } from "../policies/in-force";
import { initialDeadlines } from "../requests/deadlines";
import { applyStep, notifyPerson } from "../requests/transitions";
import type { ExercisePlan } from "./exercise";
import type { ExerciseClaims } from "./schema";

export async function fileForAgent(options: {
  agentId: string;
  plan: ExercisePlan;
  law: "CCPA" | "GDPR" | "OTHER";
  claims: ExerciseClaims;
  at: Date;
  ip: string | null;
}): Promise<string> {
  const { claims, at, plan } = options;
  const user = await prisma.user.findFirst({ where: { email: claims.email }, select: { id: true } });
  if (!user) throw new AppError("VALIDATION", { reason: "DRP_BAD_FIELD", field: "email", params: { field: "email" } });
  const policy = await findPolicyVersionInForce({ at });
  const verified = claims.email_verified === true;
  const id = await prisma.$transaction(async (tx) => {
    const { dueAt, acknowledgeBy } = initialDeadlines(options.law, at);
    const request = await tx.privacyRequest.create({
      data: {
        userId: user.id,
        type: plan.type,
        jurisdiction: options.law,
        details: plan.details,
        dueAt,
        initialDueAt: dueAt,
        acknowledgeBy,
        createdAt: at,
        policyVersionId: policy?.id ?? null,
      },
      select: { id: true, status: true },
    });
    const link = await tx.agentRequest.create({
      data: {
        agentId: options.agentId,
        privacyRequestId: request.id,
        agentRequestId: claims["agent-request-id"] ?? null,
        exercise: options.claims.exercise,
        regime: claims.regime ?? null,
        statusCallback: claims.status_callback ?? null,
        receivedAt: at,
      },
      select: { id: true },
    });
    await tx.privacyRequestEvent.create({
      data: { requestId: request.id, status: "RECEIVED", note: "Filed by an authorized agent (DRP).", createdAt: at },
    });
    await applyStep(tx, request, {
      status: verified ? "VERIFIED" : "ACKNOWLEDGED",
      note: verified ? "Identity verified by the authorized agent." : "We emailed a confirmation.",
      byTeam: false,
      actorId: null,
      at,
      audit: "request.created.agent",
      ip: options.ip,
      data: verified
        ? { acknowledgedAt: at, verifiedAt: at, verificationMethod: `drp-agent:${options.agentId}` }
        : { acknowledgedAt: at },
    });
    return link.id;
  });
  const row = await prisma.agentRequest.findUniqueOrThrow({ where: { id }, select: { privacyRequestId: true } });
  await notifyPerson(row.privacyRequestId, "RECEIVED", null);
  return id;
}

/** DRP revoke: the request is withdrawn on the agent's word. */
export async function withdrawForAgent(options: {
  agentId: string;
  privacyRequestId: string;
  reason: string | null;
  at: Date;
}) {
  await prisma.$transaction(async (tx) => {
    const row = await tx.privacyRequest.findUnique({
      where: { id: options.privacyRequestId },
      select: { id: true, status: true, isOpen: true },
    });
    if (!row?.isOpen) throw new AppError("INVALID_STATE", { reason: "DRP_REQUEST_FINAL" });
    await applyStep(tx, row, {
      status: "WITHDRAWN",
      note: options.reason ? `Revoked by the authorized agent: ${options.reason}` : "Revoked by the authorized agent.",
      byTeam: false,
      actorId: null,
      at: options.at ?? (await now()),
      audit: "request.withdrawn.agent",
    });
  });
  await notifyPerson(options.privacyRequestId, "WITHDRAWN", null);
}
