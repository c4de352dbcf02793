import type { Metadata } from "next";
import Link from "next/link";
import { DueDate, statusLabel } from "@/components/requests/status";
import { EmptyState } from "@/components/empty-state";
import { Table } from "@/components/table";
import { ButtonLink, PageHeader } from "@/components/ui";
import { verifySession } from "@/lib/dal";
import { REQUEST_TYPE_INFO } from "@/lib/requests/catalog";
import { LAW_RULES } from "@/lib/requests/deadlines";
import { listMyRequests } from "@/lib/requests/person";
import { DateTime } from "@/components/date-time";
import { formatDate } from "@/lib/core/format";

export const metadata: Metadata = { title: "Privacy requests" };
export const dynamic = "force-dynamic";

export default async function MyRequestsPage() {
  const viewer = await verifySession();
  const requests = await listMyRequests({ viewer });
  return (
    <div className="space-y-6">
      <PageHeader
        title="Privacy requests"
        description="Ask for a copy, a correction, a deletion, a restriction or an objection, a California disclosure, or ask a question. Each request runs on its legal clock, shown here."
        actions={<ButtonLink href="/account/requests/new">New request</ButtonLink>}
      />
      <Table
        caption="Your privacy requests"
        rows={requests}
        rowKey={(request) => request.id}
        empty={
          <EmptyState
            title="You have not made any requests yet."
            description="Making one takes under a minute."
            action={<ButtonLink href="/account/requests/new">Make one</ButtonLink>}
          />
        }
        columns={[
          {
            key: "type",
            header: "Request",
            cell: (request) => (
              <Link className="font-medium text-brand-700 underline" href={`/account/requests/${request.id}`}>
                {REQUEST_TYPE_INFO[request.type].label}
              </Link>
            ),
          },
          {
            key: "filed",
            header: "Filed",
            className: "whitespace-nowrap",
            cell: (request) => <DateTime value={request.createdAt} />,
          },
          { key: "law", header: "Law", cell: (request) => LAW_RULES[request.jurisdiction].label },
          { key: "status", header: "Status", cell: (request) => statusLabel(request.status) },
          {
            key: "due",
            header: "Due",
            cell: (request) =>
              request.isOpen ? (
                <DueDate dueAt={request.dueAt} state={request.dueState} />
              ) : (
                `closed ${request.closedAt ? formatDate(request.closedAt, "date") : ""}`
              ),
          },
        ]}
      />
    </div>
  );
}
