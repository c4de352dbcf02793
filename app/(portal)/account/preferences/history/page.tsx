import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { EmptyState } from "@/components/empty-state";
import { Table } from "@/components/table";
import { PageHeader } from "@/components/ui";
import { verifySession } from "@/lib/dal";
import { listPreferenceHistory } from "@/lib/preferences/history";
import { describeSubject, sourceLabels } from "@/lib/preferences/labels";
import { parseSearchParams, positiveIntParam, type SearchParams } from "@/lib/core/params";
import { DateTime } from "@/components/date-time";

export const metadata: Metadata = { title: "Preference history" };

const searchSchema = z.object({ page: positiveIntParam(10_000).default(1) });

export default async function PreferenceHistoryPage(props: { searchParams: Promise<SearchParams> }) {
  const viewer = await verifySession();
  const { page } = parseSearchParams(searchSchema, await props.searchParams).data;
  const history = await listPreferenceHistory({ userId: viewer.userId, page });
  return (
    <div className="space-y-6">
      <PageHeader
        title="Preference history"
        description="Every change to your email, telemetry and cookie choices: when, what it was before and after, and where the change came from."
      />
      <Table
        caption={`Preference changes, newest first (${history.total} in total)`}
        rows={history.events}
        rowKey={(event) => event.id}
        rowData={(event) => ({ "data-subject": event.subject })}
        empty={
          history.total === 0 ? (
            <EmptyState
              title="No changes yet."
              description="When you change a preference, here or from an email, it appears here."
            />
          ) : undefined
        }
        columns={[
          {
            key: "when",
            header: "When (UTC)",
            className: "whitespace-nowrap",
            cell: (event) => <DateTime value={event.occurredAt} format="dateTime" />,
          },
          { key: "subject", header: "Preference", cell: (event) => describeSubject(event.subject) },
          { key: "before", header: "Before", cell: (event) => event.oldValue ?? "—" },
          { key: "after", header: "After", className: "font-medium", cell: (event) => event.newValue },
          { key: "source", header: "Source", cell: (event) => sourceLabels[event.source] ?? event.source },
        ]}
      />
      {history.pageCount > 1 ? (
        <nav aria-label="History pages" className="flex items-center gap-4 text-sm">
          {history.page > 1 ? (
            <Link className="font-medium text-brand-700 underline" href={`?page=${history.page - 1}`}>
              Newer
            </Link>
          ) : null}
          <span className="text-gray-700">
            Page {history.page} of {history.pageCount}
          </span>
          {history.page < history.pageCount ? (
            <Link className="font-medium text-brand-700 underline" href={`?page=${history.page + 1}`}>
              Older
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
