import type { Metadata } from "next";
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
      <Card className="mt-4 overflow-x-auto p-0">
        <table className="w-full text-left text-sm">
          <thead className="bg-gray-50 text-gray-800">
            <tr>
              <th className="px-4 py-2">When (UTC)</th>
              <th className="px-4 py-2">Action</th>
              <th className="px-4 py-2">Actor</th>
              <th className="px-4 py-2">Target</th>
            </tr>
          </thead>
          <tbody>
            {overview.recentAudit.map((entry) => (
              <tr key={entry.id} className="border-t border-gray-100">
                <td className="px-4 py-2 whitespace-nowrap">{entry.at.toISOString().replace("T", " ").slice(0, 19)}</td>
                <td className="px-4 py-2 font-mono">{entry.action}</td>
                <td className="px-4 py-2 font-mono text-xs">{entry.actorId ?? "—"}</td>
                <td className="px-4 py-2">{entry.targetType ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
