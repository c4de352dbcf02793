import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { RequestProgress } from "@/components/requests/progress";
import { DueDate, statusLabel } from "@/components/requests/status";
import { Alert, Card, PageHeader } from "@/components/ui";
import { verifySession } from "@/lib/dal";
import { REQUEST_TYPE_INFO } from "@/lib/requests/catalog";
import { getMyRequest } from "@/lib/requests/person";
import { requestReference } from "@/lib/requests/transitions";
import {
  idParam,
  parseParams,
  parseSearchParams,
  textParam,
  type RouteParams,
  type SearchParams,
} from "@/lib/core/params";
import { addMessageAction, withdrawRequestAction } from "../actions";
import { MessageForm, WithdrawForm } from "./thread-forms";
import { DateTime } from "@/components/date-time";
import { formatDate } from "@/lib/core/format";

export const metadata: Metadata = { title: "Your request" };
export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: idParam() });
const searchSchema = z.object({ filed: textParam(10).optional() });

export default async function MyRequestPage(props: {
  params: Promise<RouteParams>;
  searchParams: Promise<SearchParams>;
}) {
  const viewer = await verifySession();
  const [params, search] = await Promise.all([props.params, props.searchParams]);
  const { id } = parseParams(paramsSchema, params);
  const { filed } = parseSearchParams(searchSchema, search).data;
  const request = await getMyRequest({ viewer, id });
  if (!request) notFound();
  const info = REQUEST_TYPE_INFO[request.type];
  return (
    <div className="space-y-6">
      <Link className="text-sm text-brand-700 underline" href="/account/requests">
        ← All your requests
      </Link>
      <PageHeader
        title={info.label}
        description={
          <>
            Reference {requestReference(request.id)} · {request.lawLabel}
          </>
        }
      />
      {filed ? (
        <Alert tone="success" title="Request received">
          We emailed you a confirmation. We will answer by <DateTime value={request.dueAt} format="longDate" />.
        </Alert>
      ) : null}
      <Card>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-lg font-semibold text-gray-900" data-testid="request-status">
            {statusLabel(request.status)}
          </p>
          {request.isOpen ? (
            <p className="text-sm text-gray-800">
              Legal deadline: <DueDate dueAt={request.dueAt} state={request.dueState} />
            </p>
          ) : null}
        </div>
        {request.extendedAt ? (
          <p className="mt-2 text-sm text-gray-800">
            Extended from {request.initialDueAt ? formatDate(request.initialDueAt, "longDate") : "the first deadline"}:{" "}
            {request.extensionReason}
          </p>
        ) : null}
        <RequestProgress
          status={request.status}
          receivedAt={request.createdAt}
          verifiedAt={request.verifiedAt}
          closedAt={request.closedAt}
          dueAt={request.dueAt}
          events={request.events.map((event) => ({ status: event.status, at: event.createdAt }))}
        />
        {request.awaitingSubjectSince ? <Alert tone="warning">We are waiting for your reply below.</Alert> : null}
        {request.resolution && !request.isOpen ? (
          <div
            className="mt-4 whitespace-pre-wrap rounded-md bg-gray-50 p-3 text-sm text-gray-900"
            data-testid="request-resolution"
          >
            {request.resolution}
          </div>
        ) : null}
        {request.type === "ACCESS" && request.status === "COMPLETED" ? (
          <p className="mt-3 text-sm">
            <Link className="font-medium text-brand-700 underline" href="/account/data#export">
              Go to your download
            </Link>
          </p>
        ) : null}
      </Card>
      <Card>
        <h2 className="text-lg font-semibold text-gray-900">Timeline</h2>
        <ol className="mt-3 space-y-3" aria-label="Timeline">
          {request.events.map((event) => (
            <li key={event.id} className="border-l-2 border-brand-200 pl-3">
              <p className="text-sm font-medium text-gray-900">
                {event.kind === "MESSAGE"
                  ? event.byTeam
                    ? "Message from the privacy team"
                    : "Your message"
                  : event.kind === "ASSIGNMENT"
                    ? "Taken on by the privacy team"
                    : statusLabel(event.status)}
                <span className="ml-2 font-normal text-gray-700">
                  <DateTime value={event.createdAt} format="dateTime" /> UTC
                </span>
              </p>
              {event.note && event.kind !== "ASSIGNMENT" ? (
                <p className="mt-1 whitespace-pre-wrap text-sm text-gray-800">{event.note}</p>
              ) : null}
            </li>
          ))}
        </ol>
        {request.details ? (
          <p className="mt-4 whitespace-pre-wrap text-sm text-gray-700">
            <span className="font-medium text-gray-900">You wrote:</span> {request.details}
          </p>
        ) : null}
      </Card>
      {request.isOpen ? (
        <Card>
          <div className="space-y-6">
            <MessageForm requestId={request.id} action={addMessageAction} />
            <WithdrawForm requestId={request.id} action={withdrawRequestAction} />
          </div>
        </Card>
      ) : null}
    </div>
  );
}
