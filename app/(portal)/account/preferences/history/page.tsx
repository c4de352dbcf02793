import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { Card, PageHeader } from "@/components/ui";
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
      {history.total === 0 ? (
        <Card>
          <p className="text-gray-700">
            No changes yet. When you change a preference, here or from an email, it appears here.
          </p>
        </Card>
      ) : (
        <Card className="overflow-x-auto p-0">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Preference changes, newest first ({history.total} in total)</caption>
            <thead className="border-b border-gray-200 bg-gray-50 text-gray-900">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">
                  When (UTC)
                </th>
                <th scope="col" className="px-4 py-3 font-semibold">
                  Preference
                </th>
                <th scope="col" className="px-4 py-3 font-semibold">
                  Before
                </th>
                <th scope="col" className="px-4 py-3 font-semibold">
                  After
                </th>
                <th scope="col" className="px-4 py-3 font-semibold">
                  Source
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-200">
              {history.events.map((event) => (
                <tr key={event.id} data-subject={event.subject}>
                  <td className="whitespace-nowrap px-4 py-3 text-gray-900">
                    <DateTime value={event.occurredAt} format="dateTime" />
                  </td>
                  <td className="px-4 py-3 text-gray-900">{describeSubject(event.subject)}</td>
                  <td className="px-4 py-3 text-gray-700">{event.oldValue ?? "—"}</td>
                  <td className="px-4 py-3 font-medium text-gray-900">{event.newValue}</td>
                  <td className="px-4 py-3 text-gray-900">{sourceLabels[event.source] ?? event.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
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
