import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ProgressSteps, type ProgressStep } from "@/components/progress-steps";
import { Alert, Card, PageHeader } from "@/components/ui";
import { isAppError } from "@/lib/core/errors";
import { getParentStatus } from "@/lib/parents/requests";
import { parseSearchParams, textParam, type SearchParams } from "@/lib/core/params";
import { confirmParentDeletionAction } from "../actions";
import { ConfirmLinkForm } from "../forms";
import { formatDate, formatNumber } from "@/lib/core/format";

export const metadata: Metadata = { title: "Your request", robots: { index: false } };
export const dynamic = "force-dynamic";

const fmt = (date: Date | null) => (date ? formatDate(date, "longDate") : null);

const STATUS_TEXT = {
  UNDER_REVIEW: "Our privacy team is reviewing your request.",
  AWAITING_PARENT_REVIEW: "Approved: you can now review the information before it is deleted.",
  ERASING: "Approved: we are deleting the information.",
  COMPLETED: "Done: the information has been deleted.",
  REJECTED: "We could not approve your request.",
} as const;

const searchSchema = z.object({ token: textParam(200).optional(), confirmed: textParam(10).optional() });

export default async function ParentStatusPage(props: { searchParams: Promise<SearchParams> }) {
  const { token, confirmed } = parseSearchParams(searchSchema, await props.searchParams).data;
  const value = token ?? "";
  let status;
  try {
    status = await getParentStatus(value);
  } catch (error) {
    if (isAppError(error, "NOT_FOUND")) notFound();
    throw error;
  }
  const steps: ProgressStep[] = [
    { label: "Request received", date: status.createdAt },
    { label: "Email address confirmed", date: status.confirmedAt },
    {
      label: status.status === "REJECTED" ? "Decision: not approved" : "Decision: approved",
      date: status.decidedAt,
    },
    ...(status.reviewFirst && status.status !== "REJECTED"
      ? [{ label: "Your review", date: null, reached: ["ERASING", "COMPLETED"].includes(status.status) }]
      : []),
    ...(status.status === "REJECTED" ? [] : [{ label: "Information deleted", date: status.completedAt }]),
  ];
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageHeader
        title="Your request to remove a child's information"
        description="Keep this page's address private: it is the only way to follow your request."
      />
      {confirmed ? (
        <Alert tone="success" title="Thank you: your request is confirmed">
          We emailed you this page&apos;s link. Our privacy team will now review your request.
        </Alert>
      ) : null}
      <Card>
        <p className="text-lg font-semibold text-gray-900" data-testid="parent-status">
          {STATUS_TEXT[status.status]}
        </p>
        {status.status === "REJECTED" && status.decisionReason ? (
          <p className="mt-2 text-gray-800">{status.decisionReason}</p>
        ) : null}
        <ProgressSteps steps={steps} label="Timeline" />
      </Card>
      {status.status === "AWAITING_PARENT_REVIEW" ? (
        <Card>
          <h2 className="text-lg font-semibold text-gray-900">Review, then confirm the deletion</h2>
          {status.downloads.every((download) => download.ready) ? (
            <ul className="mt-3 space-y-2">
              {status.downloads.map((download, index) => (
                <li key={download.id}>
                  {download.used ? (
                    <span className="text-sm text-gray-700">
                      Archive {index + 1}: downloaded (each link works once)
                    </span>
                  ) : (
                    <a
                      className="font-medium text-brand-700 underline"
                      href={`/api/parents/download?token=${encodeURIComponent(value)}&link=${download.id}`}
                      download
                    >
                      Download archive {index + 1} (works once)
                    </a>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-2 text-sm text-gray-700" role="status">
              We are preparing the information; this page will have the download links shortly (we will email you too).
            </p>
          )}
          <p className="mt-4 text-sm text-gray-700">
            When you have looked at it, confirm below and we delete everything.
            {status.reviewDeadline ? ` If you do not, we delete it on ${fmt(status.reviewDeadline)}.` : ""}
          </p>
          <div className="mt-3">
            <ConfirmLinkForm
              token={value}
              action={confirmParentDeletionAction}
              label="Delete the information now"
              pendingLabel="Confirming…"
              variant="danger"
            />
          </div>
        </Card>
      ) : null}
      {status.status === "COMPLETED" && status.counts ? (
        <Card>
          <h2 className="text-lg font-semibold text-gray-900">What was removed</h2>
          {status.counts.length === 0 ? (
            <p className="mt-2 text-sm text-gray-800">There was nothing to remove.</p>
          ) : (
            <ul className="mt-2 space-y-1 text-sm text-gray-800">
              {status.counts.map((category) => (
                <li key={category.title}>
                  {category.title}: {formatNumber(category.count)}
                </li>
              ))}
            </ul>
          )}
        </Card>
      ) : null}
    </div>
  );
}
