// The person's side of privacy requests: file one, see them with their clocks,
// add a message, withdraw. Every query is scoped by the viewer; someone else's
// request is NOT_FOUND.
import "server-only";
import { assertViewer, type Viewer } from "../core/viewer";
import { now } from "../core/clock";
import { prisma } from "../core/db";
import { AppError } from "../core/errors";
import type { Prisma } from "../generated/prisma/client";
import { findPolicyVersionInForce } from "../policies/in-force";
import type { ObjectionScope, RequestTypeName } from "./catalog";
import { dueState, initialDeadlines, LAW_RULES, type Law } from "./deadlines";
import { applyStep, notifyPerson, type Tx } from "./transitions";

export const MAX_OPEN_REQUESTS = 10;

export type NewRequest = {
  viewer: Viewer;
  type: RequestTypeName;
  law: Law;
  details: string;
  objectionScope?: ObjectionScope[];
  /** The item a correction from "Your data" refers to. */
  subject?: Prisma.InputJsonValue;
  /** Where it was filed from (the first timeline note). */
  origin?: string;
  ip?: string | null;
  tx?: Tx;
};

/** Files a request. Filed while signed in, so identity is verified by the session. */
export async function createPrivacyRequest(options: NewRequest): Promise<{ id: string }> {
  assertViewer(options.viewer);
  const { viewer } = options;
  // Shine the Light is a California law of its own, whatever the person picked.
  const law: Law = options.type === "SHINE_THE_LIGHT" ? "CALIFORNIA_STL" : options.law;
  const at = await now();
  const policy = await findPolicyVersionInForce({ at });
  const run = async (tx: Tx) => {
    const open = await tx.privacyRequest.count({ where: { userId: viewer.userId, isOpen: true } });
    if (open >= MAX_OPEN_REQUESTS)
      throw new AppError("LIMIT_REACHED", { reason: "OPEN_REQUESTS", params: { limit: MAX_OPEN_REQUESTS } });
    const { dueAt, acknowledgeBy } = initialDeadlines(law, at);
    const request = await tx.privacyRequest.create({
      data: {
        userId: viewer.userId,
        type: options.type,
        jurisdiction: law,
        details: options.details,
        subject: options.subject,
        objectionScope: options.objectionScope ?? [],
        dueAt,
        initialDueAt: dueAt,
        acknowledgeBy,
        verifiedAt: at,
        verificationMethod: "session",
        createdAt: at,
        policyVersionId: policy?.id ?? null,
      },
      select: { id: true, status: true },
    });
    // Received, acknowledged (the confirmation email goes out at once) and, filed while
    // signed in, identity verified by the session.
    await tx.privacyRequestEvent.createMany({
      data: [
        {
          requestId: request.id,
          status: "RECEIVED",
          note: options.origin ?? null,
          actorId: viewer.userId,
          createdAt: at,
        },
        {
          requestId: request.id,
          status: "ACKNOWLEDGED",
          note: "We emailed you a confirmation.",
          actorId: null,
          createdAt: at,
        },
      ],
    });
    await applyStep(tx, request, {
      status: "VERIFIED",
      note: "Identity verified: filed while signed in.",
      byTeam: false,
      actorId: viewer.userId,
      at,
      audit: "request.created",
      ip: options.ip,
      data: { verifiedAt: at, acknowledgedAt: at },
    });
    return request;
  };
  const request = options.tx ? await run(options.tx) : await prisma.$transaction(run);
  if (!options.tx) await notifyPerson(request.id, "RECEIVED", null);
  return { id: request.id };
}

const listSelect = {
  id: true,
  type: true,
  status: true,
  isOpen: true,
  jurisdiction: true,
  dueAt: true,
  createdAt: true,
  closedAt: true,
  extendedAt: true,
} as const;

export async function listMyRequests({ viewer }: { viewer: Viewer }) {
  assertViewer(viewer);
  const [rows, at] = await Promise.all([
    prisma.privacyRequest.findMany({
      where: { userId: viewer.userId },
      orderBy: { createdAt: "desc" },
      take: 100,
      select: listSelect,
    }),
    now(),
  ]);
  return rows.map((row) => ({ ...row, dueState: dueState(row.dueAt, at, row.isOpen) }));
}

export async function getMyRequest({ viewer, id }: { viewer: Viewer; id: string }) {
  assertViewer(viewer);
  const row = await prisma.privacyRequest.findFirst({
    where: { id, userId: viewer.userId },
    select: {
      ...listSelect,
      details: true,
      objectionScope: true,
      acknowledgeBy: true,
      acknowledgedAt: true,
      initialDueAt: true,
      extensionReason: true,
      verifiedAt: true,
      resolution: true,
      awaitingSubjectSince: true,
      exportJobId: true,
      stlNotice: true,
      stlYear: true,
      events: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, kind: true, status: true, note: true, byTeam: true, createdAt: true },
      },
    },
  });
  if (!row) return null;
  const at = await now();
  return { ...row, lawLabel: LAW_RULES[row.jurisdiction as Law].label, dueState: dueState(row.dueAt, at, row.isOpen) };
}

async function findOpenOwn(tx: Tx, viewer: Viewer, id: string) {
  const row = await tx.privacyRequest.findFirst({
    where: { id, userId: viewer.userId },
    select: { id: true, status: true, isOpen: true },
  });
  if (!row) throw new AppError("NOT_FOUND", { reason: "REQUEST" });
  if (!row.isOpen) throw new AppError("INVALID_STATE", { reason: "REQUEST_CLOSED" });
  return row;
}

/** The person writes in their request's thread (which also answers a question the team asked). */
export async function addMessageFromPerson(options: { viewer: Viewer; id: string; text: string; ip?: string | null }) {
  assertViewer(options.viewer);
  const at = await now();
  await prisma.$transaction(async (tx) => {
    const row = await findOpenOwn(tx, options.viewer, options.id);
    await applyStep(tx, row, {
      status: row.status,
      kind: "MESSAGE",
      note: options.text,
      byTeam: false,
      actorId: options.viewer.userId,
      at,
      audit: "request.message.person",
      ip: options.ip,
      data: { awaitingSubjectSince: null },
    });
  });
}

export async function withdrawRequest(options: { viewer: Viewer; id: string; ip?: string | null }) {
  assertViewer(options.viewer);
  const at = await now();
  await prisma.$transaction(async (tx) => {
    const row = await findOpenOwn(tx, options.viewer, options.id);
    await applyStep(tx, row, {
      status: "WITHDRAWN",
      note: "Withdrawn by you.",
      byTeam: false,
      actorId: options.viewer.userId,
      at,
      audit: "request.withdrawn",
      ip: options.ip,
    });
  });
  await notifyPerson(options.id, "WITHDRAWN", null);
}
