import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { Table } from "@/components/table";
import { Card, PageHeader } from "@/components/ui";
import { REQUEST_TYPE_INFO, type RequestTypeName } from "@/lib/requests/catalog";
import { getPublicRequestMetrics } from "@/lib/metrics/public";

export const metadata: Metadata = { title: "Privacy request metrics" };
export const dynamic = "force-dynamic";

export default async function RequestMetricsPage() {
  // Cached for a minute (lib/metrics/public.ts); the page itself is public (proxy.ts).
  const { requests: rows, legal } = await getPublicRequestMetrics();
  const years = [...new Set(rows.map((row) => row.year))];
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageHeader
        title="Privacy request metrics"
        description="How many privacy requests we received each year, how many we complied with (in whole or in part), how many we denied, and how long we took: the figures California's regulations (11 CCR 7102) ask businesses to publish. Requests from people who later deleted their account are still counted; one left open when its person deleted the account counts as withdrawn. Requests filed without an account, or by an authorized agent, count once the address is confirmed."
      />
      {years.length === 0 ? <EmptyState title="No requests yet." /> : null}
      {years.map((year) => (
        <Card key={year}>
          <Table
            caption={String(year)}
            captionVisible
            label={`Privacy requests in ${year}`}
            variant="plain"
            density="compact"
            rows={rows.filter((row) => row.year === year)}
            rowKey={(row) => row.type}
            rowData={(row) => ({ "data-metric": `${year}-${row.type}` })}
            columns={[
              {
                key: "type",
                header: "Request",
                rowHeader: true,
                cell: (row) => REQUEST_TYPE_INFO[row.type as RequestTypeName]?.label ?? row.type,
              },
              ...(
                [
                  ["received", "Received"],
                  ["complied", "Complied with"],
                  ["denied", "Denied"],
                  ["withdrawn", "Withdrawn"],
                  ["open", "Still open"],
                ] as const
              ).map(([key, header]) => ({
                key,
                header,
                align: "right" as const,
                className: "tabular-nums",
                cell: (row: (typeof rows)[number]) => row[key],
              })),
              {
                key: "median",
                header: "Median days to respond",
                align: "right",
                className: "tabular-nums",
                cell: (row) => row.medianDays ?? "—",
              },
            ]}
          />
        </Card>
      ))}
      <section aria-labelledby="legal-requests" className="space-y-4 pt-4">
        <h2 id="legal-requests" className="text-2xl font-bold tracking-tight text-gray-900">
          Legal requests (transparency report)
        </h2>
        <p className="max-w-2xl text-gray-700">
          Demands for personal data from law enforcement, courts and other authorities, counted by the year we received
          them and by what we did: disclosed what was asked, disclosed part of it, or refused. We tell each person
          concerned unless the law forbids it for a time.
        </p>
        <Card>
          <Table
            caption="Legal requests per year by outcome"
            variant="plain"
            density="compact"
            rows={legal}
            rowKey={(row) => String(row.year)}
            rowData={(row) => ({ "data-legal-metric": row.year })}
            empty={<EmptyState variant="plain" title="No legal requests received." />}
            columns={[
              { key: "year", header: "Year", rowHeader: true, cell: (row) => row.year },
              ...(
                [
                  ["received", "Received"],
                  ["disclosed", "Disclosed"],
                  ["partial", "Partially disclosed"],
                  ["refused", "Refused"],
                ] as const
              ).map(([key, header]) => ({
                key,
                header,
                align: "right" as const,
                className: "tabular-nums",
                cell: (row: (typeof legal)[number]) => row[key],
              })),
            ]}
          />
        </Card>
      </section>
    </div>
  );
}
