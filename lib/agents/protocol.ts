// The Data Rights Protocol 0.9.4 endpoints an authorized agent calls (app/drp/v1/...): pair-wise
// key setup (2.05), agent information (2.06), exercise (2.01), status (2.02) and revoke (2.04).
// Every failure of the signature chain (3.07) or of the bearer token is FORBIDDEN with reason
// DRP_SIGNATURE, which the routes answer with 403 and no body, as the spec requires. Each call
// is recorded (AgentCall + audit row) by the route through recordAgentCall().
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import { consumeLimit } from "../auth/rate-limit";
import { now } from "../core/clock";
import { prisma } from "../core/db";
import { env } from "../core/env";
import { AppError } from "../core/errors";
import { exportStorage } from "../export/storage";
import { subjectVerificationUrl } from "../requests/public";
import type { Prisma } from "../generated/prisma/client";
import { withdrawForAgent, fileForAgent } from "./filing";
import { isAcceptableCallbackUrl } from "./callback";
import { lawOfRegime, planExercise } from "./exercise";
import { enqueueStatusCallback } from "./queue";
import { exerciseSchema, keySetupSchema, revokeSchema } from "./schema";
import { verifySignedMessage } from "./signature";
import { drpStatusOf, isFinal, type DrpReason, type DrpStatus } from "./status";

/** Filled in while a call runs, so the route can record who called and what came of it. */
export type CallContext = { agentId: string | null; requestId: string | null; ip: string | null };

const forbidden = () => new AppError("FORBIDDEN", { reason: "DRP_SIGNATURE" });

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

async function limitCalls(context: CallContext) {
  const perMinute = { seconds: 60 };
  if (context.ip)
    await consumeLimit(
      { prefix: "drp-ip", points: env().DRP_RATE_LIMIT_IP_PER_MINUTE, reason: "DRP_IP", ...perMinute },
      context.ip,
    );
  if (context.agentId)
    await consumeLimit(
      { prefix: "drp-agent", points: env().DRP_RATE_LIMIT_AGENT_PER_MINUTE, reason: "DRP_AGENT", ...perMinute },
      context.agentId,
    );
}

function parseSigned<T>(schema: z.ZodType<T>, claims: Record<string, unknown>): T {
  const parsed = schema.safeParse(claims);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join(".") ?? "body";
  if (field === "exercise" && issue?.message === "unsupported")
    throw new AppError("VALIDATION", { reason: "DRP_UNSUPPORTED_EXERCISE", field });
  throw new AppError("VALIDATION", { reason: "DRP_BAD_FIELD", field, params: { field } });
}

/** 2.05 Pair-wise key setup: a message signed with the registered key earns a bearer token. */
export async function setUpAgentKey(options: { agentId: string; body: string; context: CallContext }) {
  const { context } = options;
  await limitCalls(context);
  const agent = await prisma.agent.findUnique({
    where: { id: options.agentId },
    select: { id: true, verifyKey: true, status: true },
  });
  if (!agent || agent.status !== "ACTIVE") throw forbidden();
  context.agentId = agent.id;
  await limitCalls({ ...context, ip: null });
  const at = await now();
  const check = verifySignedMessage({
    body: options.body,
    verifyKey: agent.verifyKey,
    agentId: agent.id,
    businessId: env().DRP_BUSINESS_ID,
    at,
  });
  if (!check.ok) throw forbidden();
  parseSigned(keySetupSchema, check.claims);
  const token = randomBytes(32).toString("base64url");
  await prisma.$transaction(async (tx) => {
    // One token per agent and business: a new setup ends the earlier one.
    await tx.agentToken.updateMany({ where: { agentId: agent.id, revokedAt: null }, data: { revokedAt: at } });
    await tx.agentToken.create({ data: { agentId: agent.id, tokenHash: hashToken(token), createdAt: at } });
  });
  return { "agent-id": agent.id, token };
}

/** The agent a bearer token belongs to; FORBIDDEN (403, no body) for anything else. */
export async function authenticateAgent(authorization: string | null, context: CallContext) {
  await limitCalls(context);
  const match = /^Bearer ([A-Za-z0-9_\-.~+/=]{16,200})$/.exec(authorization?.trim() ?? "");
  if (!match) throw forbidden();
  const row = await prisma.agentToken.findUnique({
    where: { tokenHash: hashToken(match[1]) },
    select: { id: true, revokedAt: true, agent: { select: { id: true, verifyKey: true, status: true } } },
  });
  if (!row || row.revokedAt || row.agent.status !== "ACTIVE") throw forbidden();
  context.agentId = row.agent.id;
  await limitCalls({ ...context, ip: null });
  await prisma.agentToken.update({ where: { id: row.id }, data: { lastUsedAt: await now() } });
  return row.agent;
}

/** 2.06 Agent information: `{}` when the token belongs to the agent of the path. */
export async function getAgentInformation(options: {
  agentId: string;
  authorization: string | null;
  context: CallContext;
}) {
  const agent = await authenticateAgent(options.authorization, options.context);
  if (agent.id !== options.agentId) throw forbidden();
  return {};
}

export const requestSelect = {
  id: true,
  agentId: true,
  agentRequestId: true,
  receivedAt: true,
  exercise: true,
  privacyRequest: {
    select: {
      id: true,
      type: true,
      status: true,
      verifiedAt: true,
      denialReason: true,
      dueAt: true,
      extendedAt: true,
      extensionReason: true,
      resolution: true,
      exportJobId: true,
    },
  },
} satisfies Prisma.AgentRequestSelect;

export type AgentRequestRow = Prisma.AgentRequestGetPayload<{ select: typeof requestSelect }> & {
  archive: { status: string; expiresAt: Date | null; fileName: string | null } | null;
};

export type DrpStatusObject = {
  request_id: string;
  agent_request_id?: string;
  received_at: string;
  expected_by?: string;
  status: DrpStatus;
  reason?: DrpReason;
  processing_details?: string;
  user_verification_url?: string;
  results_url?: string;
  expires_at?: string;
};

/** 3.03 The status object of one request. */
export function buildStatusObject(row: AgentRequestRow, at: Date): DrpStatusObject {
  const request = row.privacyRequest;
  const { status, reason } = drpStatusOf(request);
  const base = env().APP_URL.replace(/\/$/, "");
  const result: DrpStatusObject = {
    request_id: row.id,
    ...(row.agentRequestId ? { agent_request_id: row.agentRequestId } : {}),
    received_at: row.receivedAt.toISOString(),
    status,
    ...(reason ? { reason } : {}),
  };
  if (!isFinal(status)) result.expected_by = request.dueAt.toISOString();
  if (reason === "need_user_verification") {
    // The spec's agent appends redirect_to and request_id; the page tells the consumer to use the emailed link.
    result.user_verification_url = subjectVerificationUrl();
    result.processing_details =
      "The consumer must confirm their email address with the link we emailed them before we act on the request.";
  } else if (request.extendedAt && request.extensionReason && !isFinal(status)) {
    result.processing_details = `Extended: ${request.extensionReason}`.slice(0, 2000);
  } else if (request.resolution && isFinal(status)) {
    result.processing_details = request.resolution.slice(0, 2000);
  }
  const archive = row.archive;
  if (status === "fulfilled" && request.type === "ACCESS" && archive?.status === "READY" && archive.fileName) {
    if (!archive.expiresAt || archive.expiresAt > at) {
      result.results_url = `${base}/drp/v1/data-rights-request/${row.id}/results`;
      if (archive.expiresAt) result.expires_at = archive.expiresAt.toISOString();
    }
  }
  return result;
}

/** The agent's own request; another agent's is FORBIDDEN (2.02.1), an unknown one NOT_FOUND. */
async function findOwnRequest(agentId: string, requestId: string, context: CallContext): Promise<AgentRequestRow> {
  const row = await prisma.agentRequest.findUnique({ where: { id: requestId }, select: requestSelect });
  if (!row) throw new AppError("NOT_FOUND", { reason: "DRP_REQUEST" });
  if (row.agentId !== agentId) throw new AppError("FORBIDDEN", { reason: "DRP_NOT_YOUR_REQUEST" });
  context.requestId = row.id;
  return withArchive(row);
}

/** The export archive an access request produced (the request keeps only its id). */
export async function withArchive(row: Prisma.AgentRequestGetPayload<{ select: typeof requestSelect }>) {
  const id = row.privacyRequest.exportJobId;
  const archive = id
    ? await prisma.exportJob.findUnique({ where: { id }, select: { status: true, expiresAt: true, fileName: true } })
    : null;
  return { ...row, archive };
}

/** 2.01 Data Rights Exercise: verified, filed as a privacy request, answered with its status. */
export async function exerciseRight(options: { authorization: string | null; body: string; context: CallContext }) {
  const { context } = options;
  const agent = await authenticateAgent(options.authorization, context);
  const at = await now();
  const check = verifySignedMessage({
    body: options.body,
    verifyKey: agent.verifyKey,
    agentId: agent.id,
    businessId: env().DRP_BUSINESS_ID,
    at,
  });
  if (!check.ok) throw forbidden();
  const claims = parseSigned(exerciseSchema, check.claims);
  if (claims.status_callback && !isAcceptableCallbackUrl(claims.status_callback))
    throw new AppError("VALIDATION", { reason: "DRP_CALLBACK_URL", field: "status_callback" });
  const plan = planExercise(claims.exercise);
  const drpRequestId = await fileForAgent({
    agentId: agent.id,
    plan,
    law: lawOfRegime(claims.regime),
    claims,
    at,
    ip: context.ip,
  });
  context.requestId = drpRequestId;
  const row = await findOwnRequest(agent.id, drpRequestId, context);
  await enqueueStatusCallback(row.id);
  return buildStatusObject(row, at);
}

/** 2.02 Data Rights Status. */
export async function getRequestStatus(options: {
  authorization: string | null;
  requestId: string;
  context: CallContext;
}) {
  const agent = await authenticateAgent(options.authorization, options.context);
  const row = await findOwnRequest(agent.id, options.requestId, options.context);
  return buildStatusObject(row, await now());
}

/** 2.04 Data Rights Revoke: a signed body (an optional reason); the request is withdrawn. */
export async function revokeRequest(options: {
  authorization: string | null;
  requestId: string;
  body: string;
  context: CallContext;
}) {
  const agent = await authenticateAgent(options.authorization, options.context);
  const at = await now();
  const row = await findOwnRequest(agent.id, options.requestId, options.context);
  // The revoke body of 2.04 carries only a reason; when it names agent, business or window (as
  // agents that sign every message do), they are checked like any other. The signature always is.
  const check = verifySignedMessage({
    body: options.body,
    verifyKey: agent.verifyKey,
    agentId: agent.id,
    businessId: env().DRP_BUSINESS_ID,
    at,
    envelope: "if-present",
  });
  if (!check.ok) throw forbidden();
  const { reason } = parseSigned(revokeSchema, check.claims);
  const { status } = drpStatusOf(row.privacyRequest);
  if (isFinal(status)) throw new AppError("INVALID_STATE", { reason: "DRP_REQUEST_FINAL" });
  await withdrawForAgent({ agentId: agent.id, privacyRequestId: row.privacyRequest.id, reason: reason ?? null, at });
  const updated = await findOwnRequest(agent.id, row.id, options.context);
  await enqueueStatusCallback(row.id);
  return buildStatusObject(updated, at);
}

/** The results of a fulfilled access request (the export archive), to the agent that filed it. */
export async function openRequestResults(options: {
  authorization: string | null;
  requestId: string;
  context: CallContext;
}) {
  const agent = await authenticateAgent(options.authorization, options.context);
  const at = await now();
  const row = await findOwnRequest(agent.id, options.requestId, options.context);
  const status = buildStatusObject(row, at);
  const archive = row.archive;
  if (!status.results_url || !archive?.fileName) throw new AppError("NOT_FOUND", { reason: "DRP_RESULTS" });
  const stored = await exportStorage().open(archive.fileName);
  if (!stored) throw new AppError("EXPIRED", { reason: "EXPORT" });
  await recordAudit({
    action: "agent.results.downloaded",
    targetType: "PrivacyRequest",
    targetId: row.privacyRequest.id,
    metadata: { agent: agent.id },
  });
  return { stream: stored.stream, size: stored.size, fileName: `data-rights-${row.id}.zip` };
}

/** Every agent call: its row for the team's page and its audit row, in one transaction. */
export async function recordAgentCall(options: {
  context: CallContext;
  endpoint: string;
  status: number;
  outcome: string;
}) {
  const { context } = options;
  const agentId = context.agentId
    ? ((await prisma.agent.findUnique({ where: { id: context.agentId }, select: { id: true } }))?.id ?? null)
    : null;
  await prisma.$transaction(async (tx) => {
    await tx.agentCall.create({
      data: {
        agentId,
        endpoint: options.endpoint,
        status: options.status,
        outcome: options.outcome.slice(0, 100),
        requestId: context.requestId,
        createdAt: await now(),
      },
    });
    await recordAudit(
      {
        action: "agent.call",
        targetType: "Agent",
        targetId: agentId ?? undefined,
        ip: context.ip,
        metadata: { endpoint: options.endpoint, status: options.status, outcome: options.outcome.slice(0, 100) },
      },
      tx,
    );
  });
}
