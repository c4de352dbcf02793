// One way every request changes: the change, its timeline event and its audit
// row in one transaction; then the email to the person (transactional, after
// the commit: an SMTP failure never undoes a decision, it is logged and the
// person still sees the step on their page).
import "server-only";
import { createElement } from "react";
import { recordAudit } from "../audit/record";
import { prisma } from "../core/db";
import { sendEmail } from "../email/send";
import { RequestUpdateEmail, type RequestUpdate } from "../email/templates/request-update";
import { env } from "../core/env";
import { formatDate } from "../core/format";
import type { Prisma, PrivacyRequest } from "../generated/prisma/client";
import type { RequestEventKind, RequestStatus } from "../generated/prisma/enums";
import { log } from "../core/log";
import { enqueue } from "../core/queue";
import { unseal } from "../core/sealed";
import { REQUEST_TYPE_INFO, type RequestTypeName } from "./catalog";
import { REQUEST_JOBS } from "./queue";

export type Tx = Prisma.TransactionClient;

const CLOSED: RequestStatus[] = ["COMPLETED", "DENIED", "WITHDRAWN"];

export type Step = {
  /** The new status (the same as before for messages and assignments). */
  status: RequestStatus;
  /** What the timeline shows, when it differs from the status (EXTENDED). */
  eventStatus?: RequestStatus;
  kind?: RequestEventKind;
  /** Shown on the timeline (and in the email). */
  note?: string | null;
  byTeam: boolean;
  actorId: string | null;
  /** Other columns to write with the step. */
  data?: Prisma.PrivacyRequestUncheckedUpdateInput;
  at: Date;
  audit: string;
  ip?: string | null;
  /** Which email the person gets, if any. */
  email?: RequestUpdate | null;
};

export async function applyStep(tx: Tx, request: Pick<PrivacyRequest, "id" | "status">, step: Step) {
  const isClosing = CLOSED.includes(step.status) && !CLOSED.includes(request.status);
  await tx.privacyRequest.update({
    where: { id: request.id },
    data: {
      ...step.data,
      status: step.status,
      ...(isClosing ? { isOpen: false, closedAt: step.at, awaitingSubjectSince: null } : {}),
    },
  });
  await tx.privacyRequestEvent.create({
    data: {
      requestId: request.id,
      kind: step.kind ?? "STATUS",
      status: step.eventStatus ?? step.status,
      note: step.note ?? null,
      byTeam: step.byTeam,
      actorId: step.actorId,
      createdAt: step.at,
    },
  });
  await recordAudit(
    {
      action: step.audit,
      actorId: step.actorId,
      targetType: "PrivacyRequest",
      targetId: request.id,
      ip: step.ip ?? null,
      metadata: { status: step.eventStatus ?? step.status },
    },
    tx,
  );
  await announceStatusChange(request.id);
}

/**
 * Tells listeners (the DRP domain's status callbacks) that a request's status changed: a
 * `requests.status-changed` job with `{ requestId }`. Queued from inside the step's transaction
 * to start a few seconds later, so the handler normally reads the committed state; it must read
 * the request's current state and may see the same state twice (or a rolled-back step's
 * unchanged state), so it sends only what differs from what it last sent.
 */
export async function announceStatusChange(requestId: string) {
  await enqueue(REQUEST_JOBS.statusChanged, { requestId }, { startAfter: 2, retryLimit: 3 }).catch((error) =>
    log.error("status-changed job not queued", { requestId, error }),
  );
}

/** The private status page of a request filed without an account. */
export function subjectStatusUrl(token: string): string {
  return `${env().APP_URL}/requests/status?token=${encodeURIComponent(token)}`;
}

/** The status link of a stored request (for emails after the first), or null for an account's request. */
export function subjectStatusUrlOf(request: { statusTokenSealed: string | null }): string | null {
  const token = request.statusTokenSealed ? unseal("subject-status", request.statusTokenSealed) : null;
  return token ? subjectStatusUrl(token) : null;
}

export function requestReference(id: string): string {
  return `PR-${id.slice(-8).toUpperCase()}`;
}

/**
 * The email for a step: to the request's owner (nobody, once the account is gone), or for a
 * request filed without an account to its verified address with the private status link. A
 * human authorized agent gets the same update without the note or a link: the results (and
 * anything the team writes) go to the consumer only.
 */
export async function notifyPerson(requestId: string, update: RequestUpdate, note: string | null) {
  const request = await prisma.privacyRequest.findUnique({
    where: { id: requestId },
    select: {
      id: true,
      type: true,
      dueAt: true,
      subjectEmail: true,
      subjectVerifiedAt: true,
      statusTokenSealed: true,
      agentEmail: true,
      user: { select: { email: true } },
    },
  });
  if (!request) return;
  const statusUrl = subjectStatusUrlOf(request);
  const to = statusUrl && request.subjectVerifiedAt ? request.subjectEmail : (request.user?.email ?? null);
  const label = REQUEST_TYPE_INFO[request.type as RequestTypeName].label;
  const subject = `${label}: ${update === "MESSAGE" ? "a message" : update.toLowerCase().replace("_", " ")} (${requestReference(request.id)})`;
  const common = {
    companyName: env().COMPANY_NAME,
    update,
    typeLabel: label,
    reference: requestReference(request.id),
    dueDate: formatDate(request.dueAt, "longDate"),
  };
  if (to) {
    try {
      await sendEmail({
        to,
        subject,
        template: createElement(RequestUpdateEmail, {
          ...common,
          note,
          url: statusUrl ?? `${env().APP_URL}/account/requests/${request.id}`,
        }),
      });
    } catch (error) {
      log.error("request email failed", { requestId, update, error });
    }
  }
  if (request.agentEmail && update !== "MESSAGE" && update !== "REMINDER") {
    await sendEmail({
      to: request.agentEmail,
      subject,
      template: createElement(RequestUpdateEmail, { ...common, note: null, url: null, forAgent: true }),
    }).catch((error) => log.error("agent request email failed", { requestId, update, error }));
  }
}
