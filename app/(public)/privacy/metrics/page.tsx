import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui";
import { REQUEST_TYPE_INFO, type RequestTypeName } from "@/lib/requests/catalog";
import { getRequestMetrics } from "@/lib/requests/metrics";
import { getLegalRequestMetrics } from "@/lib/legal/public";
import { ScrollRegion } from "@/components/scroll-region";

export const metadata: Metadata = { title: "Privacy request metrics" };
export const dynamic = "force-dynamic";

export default async function RequestMetricsPage() {
  const [rows, legal] = await Promise.all([getRequestMetrics(), getLegalRequestMetrics()]);
  const years = [...new Set(rows.map((row) => row.year))];
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageHeader
        title="Privacy request metrics"
        description="How many privacy requests we received each year, how many we complied with (in whole or in part), how many we denied, and how long we took: the figures California's regulations (11 CCR 7102) ask businesses to publish. Requests from people who later deleted their account are still counted."
      />
      {years.length === 0 ? (
        <Card>
          <p className="text-gray-800">No requests yet.</p>
        </Card>
      ) : null}
      {years.map((year) => (
        <Card key={year}>
          <ScrollRegion label={`Privacy requests in ${year}`}>
            <table className="w-full text-left text-sm">
              <caption className="mb-2 text-left text-lg font-semibold text-gray-900">{year}</caption>
              <thead className="text-gray-800">
                <tr>
                  <th scope="col" className="py-1 pr-4">
                    Request
                  </th>
                  <th scope="col" className="py-1 pr-4 text-right">
                    Received
                  </th>
                  <th scope="col" className="py-1 pr-4 text-right">
                    Complied with
                  </th>
                  <th scope="col" className="py-1 pr-4 text-right">
                    Denied
                  </th>
                  <th scope="col" className="py-1 pr-4 text-right">
                    Withdrawn
                  </th>
                  <th scope="col" className="py-1 pr-4 text-right">
                    Still open
                  </th>
                  <th scope="col" className="py-1 text-right">
                    Median days to respond
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows
                  .filter((row) => row.year === year)
                  .map((row) => (
                    <tr key={row.type} className="border-t border-gray-100" data-metric={`${year}-${row.type}`}>
                      <th scope="row" className="py-1 pr-4 font-normal">
                        {REQUEST_TYPE_INFO[row.type as RequestTypeName]?.label ?? row.type}
                      </th>
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
          </ScrollRegion>
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
          {legal.length === 0 ? (
            <p className="text-gray-800">No legal requests received.</p>
          ) : (
            <ScrollRegion label="Legal requests per year by outcome">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Legal requests per year by outcome</caption>
                <thead className="text-gray-800">
                  <tr>
                    <th scope="col" className="py-1 pr-4">
                      Year
                    </th>
                    <th scope="col" className="py-1 pr-4 text-right">
                      Received
                    </th>
                    <th scope="col" className="py-1 pr-4 text-right">
                      Disclosed
                    </th>
                    <th scope="col" className="py-1 pr-4 text-right">
                      Partially disclosed
                    </th>
                    <th scope="col" className="py-1 text-right">
                      Refused
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {legal.map((row) => (
                    <tr key={row.year} className="border-t border-gray-100" data-legal-metric={row.year}>
                      <th scope="row" className="py-1 pr-4 font-normal">
                        {row.year}
                      </th>
                      <td className="py-1 pr-4 text-right tabular-nums">{row.received}</td>
                      <td className="py-1 pr-4 text-right tabular-nums">{row.disclosed}</td>
                      <td className="py-1 pr-4 text-right tabular-nums">{row.partial}</td>
                      <td className="py-1 text-right tabular-nums">{row.refused}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </Card>
      </section>
    </div>
  );
}
