import type { Metadata } from "next";
import Link from "next/link";
import { DueDate, statusLabel } from "@/components/requests/status";
import { ButtonLink, Card, PageHeader } from "@/components/ui";
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
      {requests.length === 0 ? (
        <Card>
          <p className="text-gray-800">
            You have not made any requests yet.{" "}
            <Link className="font-medium text-brand-700 underline" href="/account/requests/new">
              Make one
            </Link>
            : it takes under a minute.
          </p>
        </Card>
      ) : (
        <Card className="overflow-x-auto p-0">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Your privacy requests</caption>
            <thead className="bg-gray-50 text-gray-800">
              <tr>
                <th className="px-4 py-2">Request</th>
                <th className="px-4 py-2">Filed</th>
                <th className="px-4 py-2">Law</th>
                <th className="px-4 py-2">Status</th>
                <th className="px-4 py-2">Due</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((request) => (
                <tr key={request.id} className="border-t border-gray-100">
                  <td className="px-4 py-2">
                    <Link className="font-medium text-brand-700 underline" href={`/account/requests/${request.id}`}>
                      {REQUEST_TYPE_INFO[request.type].label}
                    </Link>
                  </td>
                  <td className="px-4 py-2 whitespace-nowrap">
                    <DateTime value={request.createdAt} format="date" />
                  </td>
                  <td className="px-4 py-2">{LAW_RULES[request.jurisdiction].label}</td>
                  <td className="px-4 py-2">{statusLabel(request.status)}</td>
                  <td className="px-4 py-2">
                    {request.isOpen ? (
                      <DueDate dueAt={request.dueAt} state={request.dueState} />
                    ) : (
                      `closed ${request.closedAt ? formatDate(request.closedAt, "date") : ""}`
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </div>
  );
}
