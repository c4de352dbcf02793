import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { EmptyState } from "@/components/empty-state";
import { Table } from "@/components/table";
import { Card, PageHeader } from "@/components/ui";
import { requireAdmin } from "@/lib/dal";
import { getParentRequestForAdmin, verificationMethodLabel } from "@/lib/parents/admin";
import { VERIFICATION_METHODS } from "@/lib/parents/schema";
import { decideParentRequestAction } from "../actions";
import { DecisionForm } from "./decision-form";
import { idParam, parseParams, type RouteParams } from "@/lib/core/params";
import { DateTime } from "@/components/date-time";
import { formatDate, formatNumber } from "@/lib/core/format";

export const metadata: Metadata = { title: "Parent's request" };
export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: idParam() });

export default async function AdminParentRequestPage(props: { params: Promise<RouteParams> }) {
  const viewer = await requireAdmin();
  const { id } = parseParams(paramsSchema, await props.params);
  const request = await getParentRequestForAdmin({ admin: viewer, id });
  if (!request) notFound();
  return (
    <div className="space-y-6">
      <Link className="text-sm text-brand-700 underline" href="/admin/parents">
        ← All parents&apos; requests
      </Link>
      <PageHeader
        title={`Request from ${request.parentName}`}
        description={`Received ${formatDate(request.createdAt, "dateTime")} UTC; address confirmed ${request.emailConfirmedAt ? formatDate(request.emailConfirmedAt, "dateTime") : "—"}. Status: ${request.status.replace(/_/g, " ").toLowerCase()}.`}
      />
      <Card>
        <h2 className="text-lg font-semibold text-gray-900">What the parent told us</h2>
        <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="font-medium text-gray-900">Parent</dt>
          <dd className="break-all">
            {request.parentName}, {request.parentEmail}
          </dd>
          <dt className="font-medium text-gray-900">Child&apos;s identifiers</dt>
          <dd>
            {request.identifiers.length
              ? request.identifiers.map((identifier) => `${identifier.value} (${identifier.kind})`).join(", ")
              : "cleared (request closed)"}
          </dd>
          <dt className="font-medium text-gray-900">Relationship</dt>
          <dd className="whitespace-pre-wrap">{request.relationship}</dd>
          <dt className="font-medium text-gray-900">Details</dt>
          <dd className="whitespace-pre-wrap">{request.details ?? "—"}</dd>
          <dt className="font-medium text-gray-900">Wants</dt>
          <dd>{request.reviewFirst ? "To review the data first, then delete" : "Deletion"}</dd>
          {request.verificationMethod ? (
            <>
              <dt className="font-medium text-gray-900">Verified by</dt>
              <dd>
                {verificationMethodLabel(request.verificationMethod)}
                {request.verificationNote ? `: ${request.verificationNote}` : ""}
              </dd>
            </>
          ) : null}
          {request.decisionReason ? (
            <>
              <dt className="font-medium text-gray-900">Reason given</dt>
              <dd>{request.decisionReason}</dd>
            </>
          ) : null}
        </dl>
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-semibold text-gray-900">Matched accounts</h2>
        {!request.matchedAt ? (
          <p className="text-sm text-gray-800" role="status">
            Still searching; reload in a moment.
          </p>
        ) : (
          <Table
            caption="Accounts the identifiers match"
            variant="plain"
            density="compact"
            rows={request.matches}
            rowKey={(match) => match.userId}
            empty={
              <EmptyState
                variant="plain"
                title="No account matches these identifiers."
                description="Approving completes the request with nothing to delete; the parent is not told before the decision."
              />
            }
            columns={[
              {
                key: "account",
                header: "Account",
                className: "break-all",
                cell: (match) => (
                  <>
                    {match.email}
                    {match.username ? <span className="block text-gray-700">username {match.username}</span> : null}
                  </>
                ),
              },
              {
                key: "matchedBy",
                header: "Matched by",
                cell: (match) => (match.match ? `${match.match.kind} (${match.match.identifier})` : "—"),
              },
              {
                key: "age",
                header: "Age answer on record",
                cell: (match) =>
                  match.ageConfirmedAt
                    ? `“13 or older” on ${formatDate(match.ageConfirmedAt, "dateTime")}`
                    : "none (account predates the question)",
              },
              {
                key: "created",
                header: "Created",
                className: "whitespace-nowrap",
                cell: (match) => <DateTime value={match.createdAt} format="dateTime" />,
              },
              { key: "records", header: "Records", cell: (match) => formatNumber(match.records) },
              {
                key: "processing",
                header: "Processing",
                cell: (match) => (match.restrictedAt ? "stopped" : "running"),
              },
            ]}
          />
        )}
      </Card>
      {request.status === "UNDER_REVIEW" ? (
        <Card>
          <h2 className="mb-3 text-lg font-semibold text-gray-900">Decide</h2>
          <DecisionForm
            requestId={request.id}
            methods={Object.entries(VERIFICATION_METHODS)}
            matches={request.matches.length}
            action={decideParentRequestAction}
          />
        </Card>
      ) : null}
    </div>
  );
}
