// A DRP exercise becomes a privacy request of the ordinary engine, filed like any request
// without an account (lib/requests/public.ts: same queue, clocks, emails, matching and
// timeline), linked to the agent by an AgentRequest row whose id is the DRP request_id. An
// address the agent vouches for (`email_verified: true`) joins the queue at once; otherwise
// the consumer confirms it by the emailed single-use link first (need_user_verification).
import "server-only";
import { prisma } from "../core/db";
import { AppError } from "../core/errors";
import { fileSubjectRequest } from "../requests/public";
import { applyStep, notifyPerson } from "../requests/transitions";
import type { ExercisePlan } from "./exercise";
import type { ExerciseClaims } from "./schema";

const FINAL = ["COMPLETED", "DENIED", "WITHDRAWN"];

export async function fileForAgent(options: {
  agentId: string;
  plan: ExercisePlan;
  law: "CCPA" | "GDPR" | "OTHER";
  claims: ExerciseClaims;
  at: Date;
  ip: string | null;
}): Promise<string> {
  const { claims, plan } = options;
  const filed = await fileSubjectRequest({
    input: {
      type: plan.type,
      subject: { email: claims.email, name: claims.name ?? null, emailVerified: claims.email_verified === true },
      details: plan.details,
      // Without a regime the spec lets us process voluntarily; opt-out and opt-in default to CCPA there.
      jurisdiction: options.law === "OTHER" ? null : options.law,
      channel: "DRP_AGENT",
      agentId: options.agentId,
    },
    ip: options.ip ?? "unknown",
  });
  const link = await prisma.agentRequest.create({
    data: {
      agentId: options.agentId,
      privacyRequestId: filed.requestId,
      agentRequestId: claims["agent-request-id"] ?? null,
      exercise: claims.exercise,
      regime: claims.regime ?? null,
      statusCallback: claims.status_callback ?? null,
      receivedAt: options.at,
    },
    select: { id: true },
  });
  return link.id;
}

/** DRP revoke: the request is withdrawn on the agent's word (also while it waits for the consumer's confirmation). */
export async function withdrawForAgent(options: {
  agentId: string;
  privacyRequestId: string;
  reason: string | null;
  at: Date;
}) {
  const wasVerified = await prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "PrivacyRequest" WHERE id = ${options.privacyRequestId} AND "agentId" = ${options.agentId} FOR UPDATE`;
    if (!rows[0]) throw new AppError("NOT_FOUND", { reason: "DRP_REQUEST" });
    const row = await tx.privacyRequest.findUniqueOrThrow({
      where: { id: options.privacyRequestId },
      select: { id: true, status: true, verifiedAt: true },
    });
    if (FINAL.includes(row.status)) throw new AppError("INVALID_STATE", { reason: "DRP_REQUEST_FINAL" });
    await applyStep(tx, row, {
      status: "WITHDRAWN",
      note: options.reason
        ? `Revoked by the authorized agent: ${options.reason.slice(0, 500)}`
        : "Revoked by the authorized agent.",
      byTeam: false,
      actorId: null,
      at: options.at,
      audit: "request.withdrawn.agent",
      // A request that never left AWAITING_VERIFICATION was not open; closing it sets closedAt.
      data: { isOpen: false },
    });
    return row.verifiedAt !== null;
  });
  // Nobody is told about a request whose address was never confirmed (no enumeration).
  if (wasVerified) await notifyPerson(options.privacyRequestId, "WITHDRAWN", null);
}
