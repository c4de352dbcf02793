import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { EmptyState } from "@/components/empty-state";
import { Table } from "@/components/table";
import { PageHeader } from "@/components/ui";
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
      <Table
        caption="Parents' requests"
        rows={requests}
        rowKey={(request) => request.id}
        empty={<EmptyState title="No requests here." />}
        columns={[
          {
            key: "received",
            header: "Received",
            className: "whitespace-nowrap",
            cell: (request) => <DateTime value={request.createdAt} format="date" />,
          },
          {
            key: "parent",
            header: "Parent",
            cell: (request) => (
              <Link className="font-medium text-brand-700 underline" href={`/admin/parents/${request.id}`}>
                {request.parentName}
              </Link>
            ),
          },
          { key: "status", header: "Status", cell: (request) => STATUS[request.status] },
          {
            key: "matches",
            header: "Matched accounts",
            cell: (request) => (request.matchedAt ? request.matches : "searching…"),
          },
          { key: "review", header: "Review first", cell: (request) => (request.reviewFirst ? "yes" : "no") },
        ]}
      />
    </div>
  );
}
