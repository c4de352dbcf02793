import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ActionForm } from "@/components/action-form";
import { Alert, Card, PageHeader } from "@/components/ui";
import { requireAdmin } from "@/lib/dal";
import { formatLegalDate, getLegalRequest } from "@/lib/legal/admin";
import { DECISION_LABELS } from "@/lib/legal/schema";
import { notifyLegalRequestAction } from "../actions";
import { LegalStateBadge } from "../state";
import {
  idParam,
  parseParams,
  parseSearchParams,
  textParam,
  type RouteParams,
  type SearchParams,
} from "@/lib/core/params";
import { formatDate } from "@/lib/core/format";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Legal request" };

const paramsSchema = z.object({ id: idParam() });
const searchSchema = z.object({ created: textParam(20).optional() });

export default async function LegalRequestPage(props: {
  params: Promise<RouteParams>;
  searchParams: Promise<SearchParams>;
}) {
  const viewer = await requireAdmin();
  const { id } = parseParams(paramsSchema, await props.params);
  const { created } = parseSearchParams(searchSchema, await props.searchParams).data;
  const request = await getLegalRequest({ admin: viewer, id });
  if (!request) notFound();
  const rows: [string, string][] = [
    ["Authority", request.authority],
    ["Legal basis", request.legalBasis],
    ["Received", formatLegalDate(request.receivedAt)],
    ["Data requested", request.dataRequested],
    ["Decision", DECISION_LABELS[request.decision]],
    ...(request.decision !== "REFUSED"
      ? ([
          ["Data disclosed", request.dataDisclosed],
          ["Good-faith reason", request.goodFaithReason ?? ""],
        ] as [string, string][])
      : []),
    ...(request.prohibitedUntil
      ? ([["Prohibition", `Until ${formatLegalDate(request.prohibitedUntil)}: ${request.prohibitionNote ?? ""}`]] as [
          string,
          string,
        ][])
      : []),
    ...(request.lastReminderAt
      ? ([["Last reminder", `${formatDate(request.lastReminderAt, "dateTime")} UTC`]] as [string, string][])
      : []),
  ];
  return (
    <div className="space-y-6">
      <Link className="text-sm text-brand-700 underline" href="/admin/legal-requests">
        ← Legal requests
      </Link>
      <PageHeader
        title={`${request.reference}: ${request.authority}`}
        description={
          <LegalStateBadge
            state={request.state}
            notifiedAt={request.notifiedAt}
            prohibitedUntil={request.prohibitedUntil}
          />
        }
      />
      {created === "notified" ? (
        <Alert tone="success">Registered. The people concerned were told by email and in their privacy center.</Alert>
      ) : null}
      {created === "prohibited" ? (
        <Alert tone="success">
          Registered. Nobody is told until the prohibition ends; then you are reminded every day until you tell them.
        </Alert>
      ) : null}
      <Card>
        <dl className="grid gap-3 text-sm sm:grid-cols-[12rem_1fr]">
          {rows.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="font-medium text-gray-900">{label}</dt>
              <dd className="whitespace-pre-wrap text-gray-800">{value}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-semibold text-gray-900">People concerned</h2>
        <ul className="space-y-1 text-sm">
          {request.subjects.map((subject) => (
            <li key={subject.user.email} className="break-all text-gray-900">
              {subject.user.name ? `${subject.user.name}, ` : ""}
              {subject.user.email}
              <span className="text-gray-700">
                {" "}
                ·{" "}
                {subject.emailedAt
                  ? `emailed ${formatDate(subject.emailedAt, "dateTime")} UTC`
                  : subject.notifiedAt
                    ? "email pending"
                    : "not told"}
              </span>
            </li>
          ))}
          {request.subjects.length === 0 ? (
            <li className="text-gray-700">Their accounts have since been deleted.</li>
          ) : null}
        </ul>
      </Card>
      {request.state === "LAPSED" ? (
        <Card>
          <h2 className="mb-3 text-lg font-semibold text-gray-900">Tell the people concerned</h2>
          <p className="mb-3 text-sm text-gray-800">
            The prohibition has ended. Each person is emailed and sees the request in their privacy center.
          </p>
          <ActionForm
            action={notifyLegalRequestAction}
            submitLabel="Notify now"
            pendingLabel="Sending…"
            confirm="Email the people concerned now?"
          >
            <input type="hidden" name="legalRequestId" value={request.id} />
          </ActionForm>
        </Card>
      ) : null}
      {request.state === "PROHIBITED" ? (
        <Card>
          <h2 className="mb-3 text-lg font-semibold text-gray-900">Tell the people concerned</h2>
          <p className="text-sm text-gray-800">
            Not yet: the prohibition lasts until{" "}
            {request.prohibitedUntil ? formatLegalDate(request.prohibitedUntil) : ""}. From that day the team is
            reminded by email every day until they are told.
          </p>
        </Card>
      ) : null}
    </div>
  );
}
