import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
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
      <Card className="overflow-x-auto">
        <h2 className="text-lg font-semibold text-gray-900">Matched accounts</h2>
        {!request.matchedAt ? (
          <p className="mt-2 text-sm text-gray-800" role="status">
            Still searching; reload in a moment.
          </p>
        ) : request.matches.length === 0 ? (
          <p className="mt-2 text-sm text-gray-800">
            No account matches these identifiers. Approving completes the request with nothing to delete; the parent is
            not told before the decision.
          </p>
        ) : (
          <table className="mt-3 w-full text-left text-sm">
            <thead className="text-gray-800">
              <tr>
                <th className="py-1 pr-4">Account</th>
                <th className="py-1 pr-4">Matched by</th>
                <th className="py-1 pr-4">Age answer on record</th>
                <th className="py-1 pr-4">Created</th>
                <th className="py-1 pr-4">Records</th>
                <th className="py-1">Processing</th>
              </tr>
            </thead>
            <tbody>
              {request.matches.map((match) => (
                <tr key={match.userId} className="border-t border-gray-100">
                  <td className="py-1 pr-4 break-all">
                    {match.email}
                    {match.username ? <span className="block text-gray-700">username {match.username}</span> : null}
                  </td>
                  <td className="py-1 pr-4">{match.match ? `${match.match.kind} (${match.match.identifier})` : "—"}</td>
                  <td className="py-1 pr-4">
                    {match.ageConfirmedAt
                      ? `“13 or older” on ${formatDate(match.ageConfirmedAt, "dateTime")}`
                      : "none (account predates the question)"}
                  </td>
                  <td className="py-1 pr-4 whitespace-nowrap">
                    <DateTime value={match.createdAt} format="dateTime" />
                  </td>
                  <td className="py-1 pr-4">{formatNumber(match.records)}</td>
                  <td className="py-1">{match.restrictedAt ? "stopped" : "running"}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
