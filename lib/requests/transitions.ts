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
import { REQUEST_TYPE_INFO, type RequestTypeName } from "./catalog";

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
}

export function requestReference(id: string): string {
  return `PR-${id.slice(-8).toUpperCase()}`;
}

/** The email for a step, to the request's owner (nobody, once the account is gone). */
export async function notifyPerson(requestId: string, update: RequestUpdate, note: string | null) {
  const request = await prisma.privacyRequest.findUnique({
    where: { id: requestId },
    select: { id: true, type: true, dueAt: true, user: { select: { email: true } } },
  });
  if (!request?.user) return;
  try {
    await sendEmail({
      to: request.user.email,
      subject: `${REQUEST_TYPE_INFO[request.type as RequestTypeName].label}: ${update === "MESSAGE" ? "a message" : update.toLowerCase().replace("_", " ")} (${requestReference(request.id)})`,
      template: createElement(RequestUpdateEmail, {
        companyName: env().COMPANY_NAME,
        update,
        typeLabel: REQUEST_TYPE_INFO[request.type as RequestTypeName].label,
        reference: requestReference(request.id),
        dueDate: formatDate(request.dueAt, "longDate"),
        note,
        url: `${env().APP_URL}/account/requests/${request.id}`,
      }),
    });
  } catch (error) {
    log.error("request email failed", { requestId, update, error });
  }
}
