import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui";
import { REQUEST_TYPE_INFO, type RequestTypeName } from "@/lib/requests/catalog";
import { getRequestMetrics } from "@/lib/requests/metrics";

export const metadata: Metadata = { title: "Privacy request metrics" };
export const dynamic = "force-dynamic";

export default async function RequestMetricsPage() {
  const rows = await getRequestMetrics();
  const years = [...new Set(rows.map((row) => row.year))];
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageHeader
        title="Privacy request metrics"
        description="How many privacy requests we received each year, how many we complied with (in whole or in part), how many we denied, and how long we took: the figures California's regulations (11 CCR 7102) ask businesses to publish. Requests from people who later deleted their account are still counted."
      />
      {years.length === 0 ? <Card><p className="text-gray-800">No requests yet.</p></Card> : null}
      {years.map((year) => (
        <Card key={year} className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="mb-2 text-left text-lg font-semibold text-gray-900">{year}</caption>
            <thead className="text-gray-800">
              <tr><th scope="col" className="py-1 pr-4">Request</th><th scope="col" className="py-1 pr-4 text-right">Received</th><th scope="col" className="py-1 pr-4 text-right">Complied with</th><th scope="col" className="py-1 pr-4 text-right">Denied</th><th scope="col" className="py-1 pr-4 text-right">Withdrawn</th><th scope="col" className="py-1 pr-4 text-right">Still open</th><th scope="col" className="py-1 text-right">Median days to respond</th></tr>
            </thead>
            <tbody>
              {rows.filter((row) => row.year === year).map((row) => (
                <tr key={row.type} className="border-t border-gray-100" data-metric={`${year}-${row.type}`}>
                  <th scope="row" className="py-1 pr-4 font-normal">{REQUEST_TYPE_INFO[row.type as RequestTypeName]?.label ?? row.type}</th>
                  <td className="py-1 pr-4 text-right tabular-nums">{row.received}</td>
                  <td className="py-1 pr-4 text-right tabular-nums">{row.complied}</td>
                  <td className="py-1 pr-4 text-right tabular-nums">{row.denied}</td>
                  <td className="py-1 pr-4 text-right tabular-nums">{row.withdrawn}</td>
                  <td className="py-1 pr-4 text-right tabular-nums">{row.open}</td>
                  <td className="py-1 text-right tabular-nums">{row.medianDays ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      ))}
    </div>
  );
}
