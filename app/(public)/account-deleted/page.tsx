import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { AutoRefresh } from "@/components/auto-refresh";
import { Table } from "@/components/table";
import { Alert, Card, PageHeader } from "@/components/ui";
import { KEPT_FOR_PEOPLE } from "@/lib/erasure/plan";
import { getErasureStatus, readReceiptToken } from "@/lib/erasure/request";
import { parseSearchParams, textParam, type SearchParams } from "@/lib/core/params";
import { formatDate, formatNumber } from "@/lib/core/format";

export const metadata: Metadata = { title: "Account deleted", robots: { index: false } };
export const dynamic = "force-dynamic";

// The person has no session any more: the signed link from the delete form is what opens this page.
export default async function AccountDeletedPage(props: { searchParams: Promise<SearchParams> }) {
  const { receipt } = parseSearchParams(
    z.object({ receipt: textParam(1000).optional() }),
    await props.searchParams,
  ).data;
  const erasureId = readReceiptToken(receipt ?? null);
  const erasure = erasureId ? await getErasureStatus(erasureId) : null;
  if (!erasure) notFound();
  if (!erasure.isDone) {
    return (
      <div className="mx-auto max-w-2xl space-y-6">
        <AutoRefresh seconds={2} />
        <PageHeader
          title="Deleting your data…"
          description="You are signed out everywhere, and we have stopped using your data. This page updates by itself; it usually takes less than a minute."
        />
        <Card>
          <div role="status" aria-live="polite" className="flex items-center gap-3 text-gray-900">
            <span
              aria-hidden="true"
              className="inline-block h-4 w-4 animate-spin rounded-full border-2 border-brand-600 border-t-transparent"
            />
            {erasure.status === "QUEUED" ? "Waiting to start…" : "Deleting…"}
          </div>
        </Card>
      </div>
    );
  }
  const counts = erasure.counts;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageHeader
        title="Your account has been deleted"
        description={`On ${formatDate(erasure.erasedAt ?? erasure.createdAt, "longDateTime")} UTC we deleted your account and everything we held about you. A receipt is on its way to your former address.`}
      />
      <Alert tone="success" title="Deletion receipt">
        {counts ? `${formatNumber(counts.total)} records deleted.` : "All records deleted."}
      </Alert>
      {counts ? (
        <Card>
          <Table
            caption="What we deleted"
            captionVisible
            variant="plain"
            density="compact"
            phone="scroll"
            rows={[
              ...counts.categories.map((category) => ({ ...category, key: category.slug })),
              { key: "archives", title: "Download archives of your data", note: null, count: counts.exportArchives },
            ]}
            rowKey={(row) => row.key}
            columns={[
              {
                key: "category",
                header: "Category",
                cell: (row) => (
                  <>
                    {row.title}
                    {row.note ? <span className="block text-xs text-gray-700">{row.note}</span> : null}
                  </>
                ),
              },
              {
                key: "records",
                header: "Records",
                align: "right",
                className: "tabular-nums",
                cell: (row) => formatNumber(row.count),
              },
            ]}
          />
        </Card>
      ) : null}
      <Card>
        <h2 className="text-lg font-semibold text-gray-900">What we keep, and why</h2>
        <ul className="mt-3 space-y-3 text-sm text-gray-800">
          {KEPT_FOR_PEOPLE.map((item) => (
            <li key={item.what}>
              <p className="font-medium text-gray-900">{item.what}.</p>
              <p>
                {item.why}. Kept: {item.howLong.toLowerCase()}.
              </p>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
