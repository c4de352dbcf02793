import type { Metadata } from "next";
import Link from "next/link";
import { AutoRefresh } from "@/components/auto-refresh";
import { EmptyState } from "@/components/empty-state";
import { Table } from "@/components/table";
import { ButtonLink, PageHeader } from "@/components/ui";
import { listBreaches } from "@/lib/breaches/admin";
import { formatBreachDate } from "@/lib/breaches/content";
import { NOTIFY_WITHIN_DAYS } from "@/lib/breaches/schema";
import { requireAdmin } from "@/lib/dal";
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
      <Table
        caption="Breaches and their notices"
        rows={breaches}
        rowKey={(b) => b.id}
        rowData={(b) => ({ "data-breach": b.id })}
        empty={<EmptyState title="No breaches recorded." description="We hope it stays that way." />}
        columns={[
          {
            key: "breach",
            header: "Breach",
            cell: (b) => (
              <Link className="font-medium text-brand-700 underline" href={`/admin/breaches/${b.id}`}>
                {b.title}
              </Link>
            ),
          },
          { key: "discovered", header: "Discovered", cell: (b) => formatBreachDate(b.discoveredAt) },
          {
            key: "status",
            header: "Status",
            cell: (b) => (b.status === "DRAFT" ? "draft" : b.complete ? "sent" : "sending"),
          },
          {
            key: "notified",
            header: "Notified",
            cell: (b) => (b.status === "DRAFT" ? "—" : `${b.notified} / ${b.recipients}`),
          },
          { key: "acknowledged", header: "Acknowledged", cell: (b) => (b.status === "DRAFT" ? "—" : b.acknowledged) },
          {
            key: "time",
            header: "Time to notify",
            cell: (b) => <TimeToNotify days={b.daysToNotify} complete={b.complete} overLimit={b.overLimit} />,
          },
        ]}
      />
    </div>
  );
}
