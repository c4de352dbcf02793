import type { Metadata } from "next";
import { DateTime } from "@/components/date-time";
import { Table } from "@/components/table";
import { Card, PageHeader } from "@/components/ui";
import { getAdminOverview } from "@/lib/admin/overview";
import { requireAdmin } from "@/lib/dal";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminHomePage() {
  const viewer = await requireAdmin();
  const overview = await getAdminOverview({ admin: viewer });
  const stats = [
    { label: "Accounts", value: overview.accounts },
    { label: "Open privacy requests", value: overview.openRequests },
    { label: "Parent requests to review", value: overview.parentRequests },
  ];
  return (
    <div>
      <PageHeader title="Privacy team" description="Requests, policies, notices and the sharing register." />
      <dl className="grid gap-4 sm:grid-cols-3">
        {stats.map((stat) => (
          <Card key={stat.label}>
            <dt className="text-sm text-gray-700">{stat.label}</dt>
            <dd className="mt-1 text-3xl font-bold text-gray-900">{stat.value}</dd>
          </Card>
        ))}
      </dl>
      <h2 className="mt-10 text-xl font-semibold">Recent audit log</h2>
      <Table
        className="mt-4"
        caption="Recent audit log"
        rows={overview.recentAudit}
        rowKey={(entry) => String(entry.id)}
        columns={[
          {
            key: "when",
            header: "When (UTC)",
            className: "whitespace-nowrap",
            cell: (entry) => <DateTime value={entry.at} format="dateTimeSeconds" />,
          },
          { key: "action", header: "Action", className: "font-mono", cell: (entry) => entry.action },
          { key: "actor", header: "Actor", className: "font-mono text-xs", cell: (entry) => entry.actorId ?? "—" },
          { key: "target", header: "Target", cell: (entry) => entry.targetType ?? "—" },
        ]}
      />
    </div>
  );
}
