import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { Card, PageHeader } from "@/components/ui";
import { requireAdmin } from "@/lib/dal";
import { listParentRequests } from "@/lib/parents/admin";
import { parseSearchParams, type SearchParams } from "@/lib/core/params";
import { DateTime } from "@/components/date-time";

export const metadata: Metadata = { title: "Parents' requests" };
export const dynamic = "force-dynamic";

const FILTERS = [
  { key: "OPEN", label: "Open" },
  { key: "COMPLETED", label: "Completed" },
  { key: "REJECTED", label: "Rejected" },
] as const;
const STATUS = {
  UNDER_REVIEW: "To review",
  AWAITING_PARENT_REVIEW: "Parent reviewing",
  ERASING: "Erasing",
  COMPLETED: "Completed",
  REJECTED: "Rejected",
  AWAITING_EMAIL: "Unconfirmed",
} as const;
const searchSchema = z.object({ status: z.enum(FILTERS.map((entry) => entry.key)).default("OPEN") });

export default async function AdminParentsPage(props: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireAdmin();
  const filter = parseSearchParams(searchSchema, await props.searchParams).data.status;
  const requests = await listParentRequests({ admin: viewer, status: filter });
  return (
    <div className="space-y-6">
      <PageHeader
        title="Parents' requests"
        description="Requests to remove a child's information (COPPA). Verify parenthood before approving; approval erases every matched account."
      />
      <nav aria-label="Filter requests" className="flex gap-2 text-sm">
        {FILTERS.map((entry) => (
          <Link
            key={entry.key}
            aria-current={entry.key === filter ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 ${entry.key === filter ? "bg-brand-600 text-white" : "border border-gray-300 text-gray-900 hover:bg-gray-50"}`}
            href={`/admin/parents?status=${entry.key}`}
          >
            {entry.label}
          </Link>
        ))}
      </nav>
      <Card className="overflow-x-auto p-0">
        {requests.length === 0 ? (
          <p className="p-6 text-gray-800">No requests here.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Parents&apos; requests</caption>
            <thead className="bg-gray-50 text-gray-800">
              <tr>
                <th className="px-4 py-2">Received</th>
                <th className="px-4 py-2">Parent</th>
                <th className="px-4 py-2">Status</th>
                <th className="px-4 py-2">Matched accounts</th>
                <th className="px-4 py-2">Review first</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((request) => (
                <tr key={request.id} className="border-t border-gray-100">
                  <td className="px-4 py-2 whitespace-nowrap">
                    <DateTime value={request.createdAt} format="date" />
                  </td>
                  <td className="px-4 py-2">
                    <Link className="font-medium text-brand-700 underline" href={`/admin/parents/${request.id}`}>
                      {request.parentName}
                    </Link>
                  </td>
                  <td className="px-4 py-2">{STATUS[request.status]}</td>
                  <td className="px-4 py-2">{request.matchedAt ? request.matches : "searching…"}</td>
                  <td className="px-4 py-2">{request.reviewFirst ? "yes" : "no"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
