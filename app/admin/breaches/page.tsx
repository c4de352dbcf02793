import type { Metadata } from "next";
import Link from "next/link";
import { AutoRefresh } from "@/components/auto-refresh";
import { ButtonLink, Card, PageHeader } from "@/components/ui";
import { listBreaches } from "@/lib/breaches/admin";
import { formatBreachDate } from "@/lib/breaches/content";
import { NOTIFY_WITHIN_DAYS } from "@/lib/breaches/schema";
import { requireAdmin } from "@/lib/dal";
import { ScrollRegion } from "@/components/scroll-region";
import { TimeToNotify } from "./time-to-notify";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Breach notices" };

export default async function BreachesPage() {
  const viewer = await requireAdmin();
  const breaches = await listBreaches({ admin: viewer });
  return (
    <div className="space-y-6">
      <PageHeader
        title="Breach notices"
        description={`Tell the people affected by a personal-data breach, by email and in their privacy center, and prove when each was told. California requires notice within ${NOTIFY_WITHIN_DAYS} days of discovery; notices later than that are flagged.`}
        actions={<ButtonLink href="/admin/breaches/new">New breach notice</ButtonLink>}
      />
      <AutoRefresh seconds={3} active={breaches.some((b) => b.status === "SENT" && !b.complete)} />
      <Card>
        {breaches.length === 0 ? (
          <p className="text-gray-800">No breaches recorded. We hope it stays that way.</p>
        ) : (
          <ScrollRegion label="Breaches and their notices">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Breaches and their notices</caption>
              <thead className="border-b border-gray-200 text-gray-800">
                <tr>
                  <th className="py-2 pr-4">Breach</th>
                  <th className="py-2 pr-4">Discovered</th>
                  <th className="py-2 pr-4">Status</th>
                  <th className="py-2 pr-4">Notified</th>
                  <th className="py-2 pr-4">Acknowledged</th>
                  <th className="py-2 pr-4">Time to notify</th>
                </tr>
              </thead>
              <tbody>
                {breaches.map((b) => (
                  <tr key={b.id} className="border-b border-gray-100 last:border-0" data-breach={b.id}>
                    <td className="py-2 pr-4">
                      <Link className="font-medium text-brand-700 underline" href={`/admin/breaches/${b.id}`}>
                        {b.title}
                      </Link>
                    </td>
                    <td className="py-2 pr-4 text-gray-800">{formatBreachDate(b.discoveredAt)}</td>
                    <td className="py-2 pr-4 text-gray-800">
                      {b.status === "DRAFT" ? "draft" : b.complete ? "sent" : "sending"}
                    </td>
                    <td className="py-2 pr-4 text-gray-800">
                      {b.status === "DRAFT" ? "—" : `${b.notified} / ${b.recipients}`}
                    </td>
                    <td className="py-2 pr-4 text-gray-800">{b.status === "DRAFT" ? "—" : b.acknowledged}</td>
                    <td className="py-2 pr-4">
                      <TimeToNotify days={b.daysToNotify} complete={b.complete} overLimit={b.overLimit} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </Card>
    </div>
  );
}
