import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { DateTime } from "@/components/date-time";
import { RequestProgress } from "@/components/requests/progress";
import { DueDate, statusLabel } from "@/components/requests/status";
import { Alert, Card, PageHeader } from "@/components/ui";
import { isAppError } from "@/lib/core/errors";
import { formatDate } from "@/lib/core/format";
import { parseSearchParams, textParam, type SearchParams } from "@/lib/core/params";
import { getSubjectRequestStatus } from "@/lib/requests/public";

export const metadata: Metadata = { title: "Your privacy request", robots: { index: false } };
export const dynamic = "force-dynamic";

const STATE_TEXT = {
  awaiting_verification: "Waiting for the address to be confirmed.",
  received: "We received your request.",
  verified: "Your address is confirmed; our privacy team has your request.",
  in_progress: "Our privacy team is working on your request.",
  completed: "Done.",
  denied: "We could not do what you asked.",
  withdrawn: "This request is closed.",
} as const;

/** The request's status as the progress steps read it (open states all count as open). */
const PROGRESS_STATUS = {
  awaiting_verification: "AWAITING_VERIFICATION",
  received: "RECEIVED",
  verified: "VERIFIED",
  in_progress: "IN_PROGRESS",
  completed: "COMPLETED",
  denied: "DENIED",
  withdrawn: "WITHDRAWN",
} as const;

const searchSchema = z.object({ token: textParam(200).optional(), confirmed: textParam(10).optional() });

export default async function SubjectStatusPage(props: { searchParams: Promise<SearchParams> }) {
  const { token, confirmed } = parseSearchParams(searchSchema, await props.searchParams).data;
  const value = token ?? "";
  let status;
  try {
    status = await getSubjectRequestStatus(value);
  } catch (error) {
    if (isAppError(error, "NOT_FOUND")) notFound();
    throw error;
  }
  const open = !["completed", "denied", "withdrawn"].includes(status.state);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageHeader
        title={`Your privacy request: ${status.typeLabel}`}
        description={`Reference ${status.reference}. Keep this page's address private: it is how you follow your request.`}
      />
      {confirmed ? (
        <Alert tone="success" title="Thank you: your request is confirmed">
          We emailed you this page&apos;s link. Our privacy team now has your request.
        </Alert>
      ) : null}
      <Card>
        <p className="text-lg font-semibold text-gray-900" data-testid="subject-status">
          {STATE_TEXT[status.state]}
        </p>
        {status.resolution ? (
          <p className="mt-2 whitespace-pre-wrap text-gray-800" data-testid="subject-resolution">
            {status.resolution}
          </p>
        ) : null}
        <RequestProgress
          status={PROGRESS_STATUS[status.state]}
          receivedAt={status.receivedAt}
          verifiedAt={status.verifiedAt}
          closedAt={status.closedAt}
          dueAt={status.dueAt}
          events={status.timeline}
          confirmsAddress
        />
        <dl className="mt-4 grid gap-2 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="font-medium text-gray-900">Received</dt>
          <dd>
            <DateTime value={status.receivedAt} format="longDate" />
          </dd>
          <dt className="font-medium text-gray-900">{open ? "We answer by" : "Closed"}</dt>
          <dd>
            {open ? (
              <DueDate dueAt={status.dueAt} state="on-time" />
            ) : status.closedAt ? (
              formatDate(status.closedAt, "longDate")
            ) : (
              "—"
            )}
          </dd>
        </dl>
      </Card>
      {status.export ? (
        <Card>
          <h2 className="text-lg font-semibold text-gray-900">Your copy</h2>
          {status.export.ready ? (
            <>
              <p className="mt-2 text-sm text-gray-800">
                A ZIP archive with everything we found, as JSON and CSV files, and a summary you can open in a browser.
                {status.export.expiresAt ? ` Available until ${formatDate(status.export.expiresAt, "longDate")}.` : ""}
              </p>
              <a
                className="mt-3 inline-block rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white"
                href={`/api/requests/download?token=${encodeURIComponent(value)}`}
              >
                Download your copy
              </a>
            </>
          ) : (
            <p className="mt-2 text-sm text-gray-800">We are preparing it.</p>
          )}
        </Card>
      ) : null}
      <Card>
        <h2 className="text-lg font-semibold text-gray-900">Timeline</h2>
        <ol className="mt-3 space-y-3" aria-label="Timeline">
          {status.timeline.map((event, index) => (
            <li key={index} className="text-sm">
              <span className="font-medium text-gray-900">{statusLabel(event.status)}</span>{" "}
              <span className="text-gray-700">
                <DateTime value={event.at} format="dateTime" />
              </span>
              {event.note ? <p className="whitespace-pre-wrap text-gray-800">{event.note}</p> : null}
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
