// The privacy team's side of authorized agents (/admin/agents): register an agent with its
// Ed25519 verify key, suspend or reactivate it, rotate its key (which ends its bearer tokens), and
// see its requests and calls. Each change and its audit row in one transaction.
import "server-only";
import { recordAudit } from "../audit/record";
import { now } from "../core/clock";
import { prisma } from "../core/db";
import { AppError } from "../core/errors";
import { assertAdmin, type Viewer } from "../core/viewer";
import { drpStatusOf } from "./status";

type AdminInput = { admin: Viewer; ip?: string | null };

export async function listAgents({ admin }: { admin: Viewer }) {
  assertAdmin(admin);
  const rows = await prisma.agent.findMany({
    orderBy: { createdAt: "desc" },
    take: 200,
    select: {
      id: true,
      name: true,
      contact: true,
      status: true,
      createdAt: true,
      keyRotatedAt: true,
      _count: { select: { requests: true } },
    },
  });
  return rows.map(({ _count, ...row }) => ({ ...row, requestCount: _count.requests }));
}

export async function getAgentForTeam({ admin, agentId }: { admin: Viewer; agentId: string }) {
  assertAdmin(admin);
  const agent = await prisma.agent.findUnique({
    where: { id: agentId },
    select: {
      id: true,
      name: true,
      contact: true,
      verifyKey: true,
      status: true,
      createdAt: true,
      keyRotatedAt: true,
      suspendedAt: true,
      tokens: { where: { revokedAt: null }, select: { createdAt: true, lastUsedAt: true } },
      requests: {
        orderBy: { createdAt: "desc" },
        take: 100,
        select: {
          id: true,
          exercise: true,
          agentRequestId: true,
          receivedAt: true,
          lastCallbackAt: true,
          privacyRequest: { select: { id: true, status: true, verifiedAt: true, denialReason: true, dueAt: true } },
        },
      },
      calls: {
        orderBy: { createdAt: "desc" },
        take: 50,
        select: { id: true, endpoint: true, status: true, outcome: true, createdAt: true },
      },
    },
  });
  if (!agent) throw new AppError("NOT_FOUND", { reason: "AGENT" });
  return {
    ...agent,
    requests: agent.requests.map((row) => ({ ...row, drp: drpStatusOf(row.privacyRequest) })),
  };
}

export async function registerAgent(
  options: AdminInput & { agentId: string; name: string; contact: string; verifyKey: string },
) {
  assertAdmin(options.admin);
  const at = await now();
  await prisma.$transaction(async (tx) => {
    const taken = await tx.agent.findUnique({ where: { id: options.agentId }, select: { id: true } });
    if (taken) throw new AppError("CONFLICT", { reason: "AGENT_ID_TAKEN", field: "agentId" });
    await tx.agent.create({
      data: {
        id: options.agentId,
        name: options.name,
        contact: options.contact,
        verifyKey: options.verifyKey,
        createdAt: at,
      },
    });
    await recordAudit(
      {
        action: "agent.registered",
        actorId: options.admin.userId,
        targetType: "Agent",
        targetId: options.agentId,
        ip: options.ip,
      },
      tx,
    );
  });
}

async function findAgent(tx: Parameters<Parameters<typeof prisma.$transaction>[0]>[0], agentId: string) {
  const agent = await tx.agent.findUnique({ where: { id: agentId }, select: { id: true, status: true } });
  if (!agent) throw new AppError("NOT_FOUND", { reason: "AGENT" });
  return agent;
}

/** Suspends an agent (its tokens end; its calls get 403) or reactivates it (it sets up a new key pair-wise). */
export async function setAgentSuspended(options: AdminInput & { agentId: string; suspended: boolean }) {
  assertAdmin(options.admin);
  const at = await now();
  await prisma.$transaction(async (tx) => {
    const agent = await findAgent(tx, options.agentId);
    const target = options.suspended ? "SUSPENDED" : "ACTIVE";
    if (agent.status === target) throw new AppError("INVALID_STATE", { reason: `AGENT_ALREADY_${target}` });
    await tx.agent.update({
      where: { id: agent.id },
      data: { status: target, suspendedAt: options.suspended ? at : null },
    });
    if (options.suspended)
      await tx.agentToken.updateMany({ where: { agentId: agent.id, revokedAt: null }, data: { revokedAt: at } });
    await recordAudit(
      {
        action: options.suspended ? "agent.suspended" : "agent.reactivated",
        actorId: options.admin.userId,
        targetType: "Agent",
        targetId: agent.id,
        ip: options.ip,
      },
      tx,
    );
  });
}

/** A new verify key: every bearer token ends, and the agent repeats the pair-wise key setup. */
export async function rotateAgentKey(options: AdminInput & { agentId: string; verifyKey: string }) {
  assertAdmin(options.admin);
  const at = await now();
  await prisma.$transaction(async (tx) => {
    const agent = await findAgent(tx, options.agentId);
    await tx.agent.update({ where: { id: agent.id }, data: { verifyKey: options.verifyKey, keyRotatedAt: at } });
    await tx.agentToken.updateMany({ where: { agentId: agent.id, revokedAt: null }, data: { revokedAt: at } });
    await recordAudit(
      {
        action: "agent.key.rotated",
        actorId: options.admin.userId,
        targetType: "Agent",
        targetId: agent.id,
        ip: options.ip,
      },
      tx,
    );
  });
}
