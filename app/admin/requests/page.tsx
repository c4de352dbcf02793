import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { DueDate, statusLabel } from "@/components/requests/status";
import { EmptyState } from "@/components/empty-state";
import { Table } from "@/components/table";
import { Card, inputClass, labelClass, PageHeader } from "@/components/ui";
import { requireAdmin } from "@/lib/dal";
import { REQUEST_TYPE_INFO, REQUEST_TYPES } from "@/lib/requests/catalog";
import { LAW_RULES, type Law } from "@/lib/requests/deadlines";
import { listRequestQueue, QUEUE_PAGE_SIZE, type QueueFilters } from "@/lib/requests/admin";
import { parseSearchParams, positiveIntParam, type SearchParams } from "@/lib/core/params";
import { DateTime } from "@/components/date-time";

export const metadata: Metadata = { title: "Privacy requests" };
export const dynamic = "force-dynamic";

const STATUSES = [
  "OPEN",
  "ALL",
  "RECEIVED",
  "ACKNOWLEDGED",
  "VERIFIED",
  "IN_PROGRESS",
  "COMPLETED",
  "DENIED",
  "WITHDRAWN",
] as const;
type Search = Record<string, string | undefined>;

// A filter that is not one of the choices is ignored (the form only offers valid ones).
const searchSchema = z.object({
  status: z.enum(STATUSES).default("OPEN"),
  type: z.enum(REQUEST_TYPES).optional(),
  law: z.enum(Object.keys(LAW_RULES) as [Law, ...Law[]]).optional(),
  assignee: z.enum(["me", "none"]).optional(),
  within: positiveIntParam(365).optional(),
  overdue: z.literal("1").optional(),
  page: positiveIntParam(10_000).default(1),
});

export default async function RequestQueuePage(props: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireAdmin();
  const { data } = parseSearchParams(searchSchema, await props.searchParams);
  const filters: QueueFilters = {
    status: data.status,
    type: data.type,
    law: data.law,
    assignee: data.assignee,
    dueWithinDays: data.within,
    overdue: data.overdue === "1",
  };
  const page = data.page;
  // The links keep the filters as they were read (never the raw query).
  const search: Search = {
    status: data.status === "OPEN" ? undefined : data.status,
    type: data.type,
    law: data.law,
    assignee: data.assignee,
    within: data.within?.toString(),
    overdue: data.overdue,
  };
  const queue = await listRequestQueue({ admin: viewer, filters, page });
  const query = (changes: Search) =>
    `/admin/requests?${new URLSearchParams(Object.entries({ ...search, ...changes }).filter((entry): entry is [string, string] => Boolean(entry[1])))}`;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Privacy requests"
        description="Every request, soonest deadline first. Amber: due within 7 days. Red: overdue."
      />
      <nav aria-label="Quick filters" className="flex flex-wrap gap-2 text-sm">
        <Link
          className="rounded-md border border-gray-300 px-3 py-1.5 hover:bg-gray-50"
          href="/admin/requests?overdue=1"
        >
          Overdue
        </Link>
        <Link
          className="rounded-md border border-gray-300 px-3 py-1.5 hover:bg-gray-50"
          href="/admin/requests?within=7"
        >
          Due within 7 days
        </Link>
        <Link
          className="rounded-md border border-gray-300 px-3 py-1.5 hover:bg-gray-50"
          href="/admin/requests?assignee=me"
        >
          Mine
        </Link>
        <Link className="rounded-md border border-gray-300 px-3 py-1.5 hover:bg-gray-50" href="/admin/requests">
          All open
        </Link>
      </nav>
      <Card>
        <form method="get" className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label="Filter requests">
          <div>
            <label className={labelClass} htmlFor="f-status">
              Status
            </label>
            <select className={inputClass} id="f-status" name="status" defaultValue={filters.status}>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s === "OPEN" ? "Open" : s === "ALL" ? "All" : statusLabel(s)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label className={labelClass} htmlFor="f-type">
              Type
            </label>
            <select className={inputClass} id="f-type" name="type" defaultValue={filters.type ?? ""}>
              <option value="">Any</option>
              {REQUEST_TYPES.map((t) => (
                <option key={t} value={t}>
                  {REQUEST_TYPE_INFO[t].label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label className={labelClass} htmlFor="f-law">
              Law
            </label>
            <select className={inputClass} id="f-law" name="law" defaultValue={filters.law ?? ""}>
              <option value="">Any</option>
              {(Object.keys(LAW_RULES) as Law[]).map((l) => (
                <option key={l} value={l}>
                  {LAW_RULES[l].label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label className={labelClass} htmlFor="f-assignee">
              Assignee
            </label>
            <select className={inputClass} id="f-assignee" name="assignee" defaultValue={filters.assignee ?? ""}>
              <option value="">Anyone</option>
              <option value="me">Me</option>
              <option value="none">Nobody</option>
            </select>
          </div>
          <div>
            <label className={labelClass} htmlFor="f-within">
              Due within (days)
            </label>
            <input
              className={inputClass}
              id="f-within"
              name="within"
              type="number"
              min={1}
              max={365}
              defaultValue={filters.dueWithinDays ?? ""}
            />
          </div>
          <div className="flex items-end gap-2">
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="overdue" value="1" defaultChecked={filters.overdue} className="h-4 w-4" />{" "}
              Overdue
            </label>
            <button className="rounded-md bg-brand-600 px-3 py-2 text-sm font-semibold text-white" type="submit">
              Filter
            </button>
          </div>
        </form>
      </Card>
      <p className="text-sm text-gray-800" role="status">
        {queue.rows.length === 0
          ? "No requests"
          : `Requests ${(page - 1) * QUEUE_PAGE_SIZE + 1}–${(page - 1) * QUEUE_PAGE_SIZE + queue.rows.length}${queue.hasNext ? " (more on the next page)" : ""}`}
      </p>
      <Table
        caption="Privacy requests"
        rows={queue.rows}
        rowKey={(row) => row.id}
        empty={<EmptyState title="Nothing here." description="Good work." />}
        columns={[
          {
            key: "due",
            header: "Due",
            cell: (row) => (row.isOpen ? <DueDate dueAt={row.dueAt} state={row.dueState} /> : "closed"),
          },
          {
            key: "reference",
            header: "Reference",
            className: "whitespace-nowrap",
            cell: (row) => (
              <Link className="font-medium text-brand-700 underline" href={`/admin/requests/${row.id}`}>
                {row.reference}
              </Link>
            ),
          },
          { key: "type", header: "Type", cell: (row) => REQUEST_TYPE_INFO[row.type].label },
          { key: "law", header: "Law", cell: (row) => row.jurisdiction },
          {
            key: "status",
            header: "Status",
            cell: (row) => `${statusLabel(row.status)}${row.extendedAt ? " (extended)" : ""}`,
          },
          { key: "person", header: "Person", className: "break-all", cell: (row) => row.email ?? "account deleted" },
          {
            key: "received",
            header: "Received",
            className: "whitespace-nowrap",
            cell: (row) => <DateTime value={row.createdAt} format="date" />,
          },
        ]}
      />
      {page > 1 || queue.hasNext ? (
        <nav aria-label="Pages" className="flex gap-3 text-sm">
          {page > 1 ? (
            <Link className="text-brand-700 underline" href={query({ page: String(page - 1) })}>
              Previous
            </Link>
          ) : null}
          <span>Page {page}</span>
          {queue.hasNext ? (
            <Link className="text-brand-700 underline" href={query({ page: String(page + 1) })}>
              Next
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
