import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ActionForm } from "@/components/action-form";
import { FormField } from "@/components/form-field";
import { DueDate, statusLabel } from "@/components/requests/status";
import { Card, inputClass, labelClass, PageHeader } from "@/components/ui";
import { requireAdmin } from "@/lib/dal";
import {
  CHANNEL_LABELS,
  DENIAL_REASONS,
  OBJECTION_SCOPES,
  REQUEST_TYPE_INFO,
  type ObjectionScope,
} from "@/lib/requests/catalog";
import { previewShineTheLight } from "@/lib/requests/shine-the-light";
import { getRequestForTeam } from "@/lib/requests/admin";
import {
  answerAction,
  assignAction,
  deletionAction,
  denyAction,
  exportAction,
  extendAction,
  messageAction,
  processingAction,
  startAction,
  stlAction,
  verifyAction,
} from "../actions";
import { idParam, parseParams, type RouteParams } from "@/lib/core/params";
import { DateTime } from "@/components/date-time";
import { formatDate, formatNumber } from "@/lib/core/format";

export const metadata: Metadata = { title: "Privacy request" };
export const dynamic = "force-dynamic";

const EXTENSION_BLOCKED = {
  NOT_ALLOWED_BY_LAW: "This law allows no extension.",
  ALREADY_EXTENDED: "Already extended once.",
  DEADLINE_PASSED: "The deadline has passed; it can no longer be extended.",
  CLOSED: "The request is closed.",
} as const;

const paramsSchema = z.object({ id: idParam() });

export default async function TeamRequestPage(props: { params: Promise<RouteParams> }) {
  const viewer = await requireAdmin();
  const { id } = parseParams(paramsSchema, await props.params);
  const request = await getRequestForTeam({ admin: viewer, id });
  if (!request) notFound();
  const stl =
    request.type === "SHINE_THE_LIGHT" && request.isOpen
      ? await previewShineTheLight({ admin: viewer, id: request.id })
      : null;
  const hidden = <input type="hidden" name="requestId" value={request.id} />;
  const verified = Boolean(request.verifiedAt);
  return (
    <div className="space-y-6">
      <Link className="text-sm text-brand-700 underline" href="/admin/requests">
        ← The queue
      </Link>
      <PageHeader
        title={`${request.reference}: ${REQUEST_TYPE_INFO[request.type].label}`}
        description={`${request.lawLabel}. Received ${formatDate(request.createdAt, "dateTime")} UTC.`}
      />
      <Card>
        <dl className="grid gap-3 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="font-medium text-gray-900">Status</dt>
          <dd data-testid="team-status">{statusLabel(request.status)}</dd>
          <dt className="font-medium text-gray-900">Due</dt>
          <dd>
            {request.isOpen ? <DueDate dueAt={request.dueAt} state={request.dueState} /> : "closed"}
            {request.extendedAt
              ? ` (extended from ${request.initialDueAt ? formatDate(request.initialDueAt, "longDate") : "—"}: ${request.extensionReason})`
              : ""}
          </dd>
          {request.acknowledgeBy ? (
            <>
              <dt className="font-medium text-gray-900">Acknowledge by</dt>
              <dd>
                <DateTime value={request.acknowledgeBy} format="longDate" />
                {request.acknowledgedAt ? ` (acknowledged ${formatDate(request.acknowledgedAt, "longDate")})` : ""}
              </dd>
            </>
          ) : null}
          <dt className="font-medium text-gray-900">Person</dt>
          <dd className="break-all" data-testid="team-person">
            {request.user
              ? `${request.user.name ?? "(no name)"}, ${request.user.email}${request.user.profile?.country ? `, ${request.user.profile.country}` : ""}`
              : request.channel !== "ACCOUNT"
                ? request.subjectEmail
                  ? `${request.subjectName ?? "(no name)"}, ${request.subjectEmail} (no account matched)`
                  : "details removed"
                : "account deleted"}
          </dd>
          <dt className="font-medium text-gray-900">Filed</dt>
          <dd data-testid="team-channel">
            {CHANNEL_LABELS[request.channel]}
            {request.agentName ? ` by ${request.agentName} (${request.agentEmail ?? "address removed"})` : ""}
            {request.agentId ? ` (agent ${request.agentId})` : ""}
          </dd>
          {request.permissionUploads.length ? (
            <>
              <dt className="font-medium text-gray-900">Agent&apos;s permission</dt>
              <dd>
                {request.permissionUploads.map((upload) => (
                  <a
                    key={upload.id}
                    className="block text-blue-700 underline"
                    href={`/admin/requests/${request.id}/permission/${upload.id}`}
                  >
                    {upload.contentType}, {formatNumber(upload.size)} bytes (SHA-256 {upload.sha256.slice(0, 12)}…)
                  </a>
                ))}
              </dd>
            </>
          ) : null}
          {request.channel !== "ACCOUNT" ? (
            <>
              <dt className="font-medium text-gray-900">Where we found the person</dt>
              <dd data-testid="team-matches">
                {!request.subjectVerifiedAt ? (
                  "nothing is looked up before the address is confirmed"
                ) : request.subjectMatches.length === 0 ? (
                  "nothing held under this address"
                ) : (
                  <ul className="list-disc pl-5">
                    {request.subjectMatches.map((match) => (
                      <li key={match.id}>
                        {match.datasetKey}: {formatNumber(match.rowCount)} record{match.rowCount === 1 ? "" : "s"} (
                        {match.note})
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </>
          ) : null}
          <dt className="font-medium text-gray-900">Identity</dt>
          <dd>{request.verifiedAt ? `verified (${request.verificationMethod})` : "not verified"}</dd>
          <dt className="font-medium text-gray-900">Details</dt>
          <dd className="whitespace-pre-wrap">{request.details || "—"}</dd>
          {request.objectionScope.length ? (
            <>
              <dt className="font-medium text-gray-900">Objects to</dt>
              <dd>
                {request.objectionScope.map((scope) => OBJECTION_SCOPES[scope as ObjectionScope] ?? scope).join("; ")}
              </dd>
            </>
          ) : null}
          {request.exportJob ? (
            <>
              <dt className="font-medium text-gray-900">Export</dt>
              <dd>
                {request.exportJob.status.toLowerCase()} ({formatNumber(request.exportJob.doneRows)} of{" "}
                {formatNumber(request.exportJob.totalRows)} records)
              </dd>
            </>
          ) : null}
          {request.resolution ? (
            <>
              <dt className="font-medium text-gray-900">Answer</dt>
              <dd className="whitespace-pre-wrap">{request.resolution}</dd>
            </>
          ) : null}
        </dl>
      </Card>

      {request.isOpen ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <Card>
            <h2 className="mb-3 text-lg font-semibold text-gray-900">Assign</h2>
            <ActionForm action={assignAction} submitLabel="Save assignee" variant="secondary">
              {hidden}
              <label className={labelClass} htmlFor="assigneeId">
                Assignee
              </label>
              <select className={inputClass} id="assigneeId" name="assigneeId" defaultValue={request.assigneeId ?? ""}>
                <option value="">Nobody</option>
                {request.admins.map((admin) => (
                  <option key={admin.id} value={admin.id}>
                    {admin.name ?? admin.email}
                  </option>
                ))}
              </select>
            </ActionForm>
          </Card>
          {!verified ? (
            <Card>
              <h2 className="mb-3 text-lg font-semibold text-gray-900">Verify identity</h2>
              <ActionForm action={verifyAction} submitLabel="Mark identity verified">
                {hidden}
                <FormField name="method" label="How did you verify it?">
                  <input
                    className={inputClass}
                    name="method"
                    placeholder="e.g. reply from the account's address, ID check by phone"
                  />
                </FormField>
              </ActionForm>
            </Card>
          ) : request.status !== "IN_PROGRESS" ? (
            <Card>
              <h2 className="mb-3 text-lg font-semibold text-gray-900">Start</h2>
              <ActionForm action={startAction} submitLabel="Mark in progress" variant="secondary">
                {hidden}
              </ActionForm>
            </Card>
          ) : null}

          <Card>
            <h2 className="mb-3 text-lg font-semibold text-gray-900">Complete</h2>
            {!verified ? <p className="text-sm text-gray-800">Verify the person&apos;s identity first.</p> : null}
            {verified && request.type === "ACCESS" ? (
              request.exportJobId ? (
                <p className="text-sm text-gray-800" role="status">
                  The export is being prepared; the request completes when it is ready.
                </p>
              ) : (
                <ActionForm action={exportAction} submitLabel="Produce the person's export">
                  {hidden}
                </ActionForm>
              )
            ) : null}
            {verified && (request.type === "CORRECTION" || request.type === "QUESTION") ? (
              <ActionForm action={answerAction} submitLabel="Complete">
                {hidden}
                <FormField
                  name="resolution"
                  label={request.type === "CORRECTION" ? "The change you made" : "Your answer"}
                >
                  <textarea className={inputClass} name="resolution" rows={4} />
                </FormField>
              </ActionForm>
            ) : null}
            {verified && (request.type === "OPT_OUT_SALE" || request.type === "OPT_IN_SALE") ? (
              <ActionForm
                action={processingAction}
                submitLabel={
                  request.type === "OPT_OUT_SALE" ? "Record the opt-out and complete" : "Record and complete"
                }
              >
                {hidden}
                <p className="text-sm text-gray-800">
                  {request.type === "OPT_OUT_SALE"
                    ? "Stops selling or sharing: advertising cookies off and a consent-history entry for an account; the newsletter ends for an address without one."
                    : "Withdraws the earlier opt-out, recorded in the consent history."}
                </p>
              </ActionForm>
            ) : null}
            {verified && (request.type === "RESTRICTION" || request.type === "OBJECTION") ? (
              <ActionForm
                action={processingAction}
                submitLabel={
                  request.type === "RESTRICTION"
                    ? "Restrict processing and complete"
                    : "Stop the processing objected to and complete"
                }
              >
                {hidden}
                <p className="text-sm text-gray-800">
                  {request.type === "RESTRICTION"
                    ? "Marks the account restricted: no marketing, no telemetry stored, nothing new collected, until lifted."
                    : "Switches off what the person objects to and records it in their consent history."}
                </p>
              </ActionForm>
            ) : null}
            {verified && request.type === "DELETION" ? (
              <ActionForm
                action={deletionAction}
                submitLabel={request.userId ? "Erase the account" : "Delete what we hold under the address"}
                variant="danger"
                confirm="Erase this person's account and every record of it? This cannot be undone."
              >
                {hidden}
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="confirm" className="h-4 w-4" /> I understand the account is erased for
                  good.
                </label>
              </ActionForm>
            ) : null}
            {verified && stl ? (
              <ActionForm action={stlAction} submitLabel="Send the notice">
                {hidden}
                <FormField name="cover" label="Cover text">
                  <textarea className={inputClass} name="cover" rows={3} defaultValue={stl.cover} />
                </FormField>
                <p className="text-sm font-medium text-gray-900">
                  Preview ({stl.year}, {stl.recipients.length} marketing recipient
                  {stl.recipients.length === 1 ? "" : "s"} in the register):
                </p>
                <pre
                  className="whitespace-pre-wrap rounded-md bg-gray-50 p-3 text-sm text-gray-900"
                  data-testid="stl-preview"
                >
                  {stl.text}
                </pre>
              </ActionForm>
            ) : null}
          </Card>

          <Card>
            <h2 className="mb-3 text-lg font-semibold text-gray-900">Extend</h2>
            {request.extension.allowed ? (
              <ActionForm
                action={extendAction}
                submitLabel={`Extend to ${formatDate(request.extension.newDueAt, "longDate")}`}
                variant="secondary"
              >
                {hidden}
                <FormField name="reason" label="Reason (the person sees it)">
                  <textarea className={inputClass} name="reason" rows={2} />
                </FormField>
              </ActionForm>
            ) : (
              <p className="text-sm text-gray-800">{EXTENSION_BLOCKED[request.extension.why]}</p>
            )}
          </Card>

          <Card>
            <h2 className="mb-3 text-lg font-semibold text-gray-900">Deny</h2>
            <ActionForm
              action={denyAction}
              submitLabel="Deny the request"
              variant="danger"
              confirm="Deny this request? The person is told the reason."
            >
              {hidden}
              <FormField name="reason" label="Reason">
                <select className={inputClass} id="deny-reason" name="reason" defaultValue="">
                  <option value="" disabled>
                    Choose a reason
                  </option>
                  {Object.entries(DENIAL_REASONS).map(([key, label]) => (
                    <option key={key} value={key}>
                      {label}
                    </option>
                  ))}
                </select>
              </FormField>
              <FormField name="note" label="Explanation for the person">
                <textarea className={inputClass} name="note" rows={2} />
              </FormField>
            </ActionForm>
          </Card>

          <Card>
            <h2 className="mb-3 text-lg font-semibold text-gray-900">Message the person</h2>
            <ActionForm action={messageAction} submitLabel="Send message" variant="secondary">
              {hidden}
              <FormField name="text" label="Message">
                <textarea className={inputClass} name="text" rows={3} />
              </FormField>
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="awaitReply" className="h-4 w-4" /> We need their reply (reminders are sent)
              </label>
            </ActionForm>
          </Card>
        </div>
      ) : null}

      <Card>
        <h2 className="text-lg font-semibold text-gray-900">Timeline</h2>
        <ol className="mt-3 space-y-3">
          {request.events.map((event) => (
            <li key={event.id} className="border-l-2 border-brand-200 pl-3 text-sm">
              <p className="font-medium text-gray-900">
                {event.kind === "MESSAGE"
                  ? event.byTeam
                    ? "Message to the person"
                    : "Message from the person"
                  : event.kind === "ASSIGNMENT"
                    ? "Assignment"
                    : statusLabel(event.status)}
                <span className="ml-2 font-normal text-gray-700">
                  <DateTime value={event.createdAt} format="dateTime" /> UTC
                </span>
              </p>
              {event.note ? <p className="mt-1 whitespace-pre-wrap text-gray-800">{event.note}</p> : null}
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
