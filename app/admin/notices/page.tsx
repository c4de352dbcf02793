import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageHeader } from "@/components/ui";
import { requireAdmin } from "@/lib/dal";
import { listNoticeCampaigns } from "@/lib/notices/campaign";
import { AutoRefresh } from "@/components/auto-refresh";
import { formatEta } from "./progress";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Change notices" };

export default async function AdminNoticesPage() {
  const viewer = await requireAdmin();
  const campaigns = await listNoticeCampaigns({ admin: viewer });
  const anyLive = campaigns.some((c) => c.status === "RUNNING");
  return (
    <div className="space-y-6">
      <PageHeader
        title="Change notices"
        description="Emails sent when a policy version is published: every user for substantive changes, opted-in users for minor ones."
      />
      <AutoRefresh seconds={3} active={anyLive} />
      <Card>
        {campaigns.length === 0 ? (
          <p className="text-gray-800">No notices yet. Publishing a policy version creates one.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Notice campaigns</caption>
              <thead className="border-b border-gray-200 text-gray-800">
                <tr>
                  <th className="py-2 pr-4">Policy</th>
                  <th className="py-2 pr-4">Audience</th>
                  <th className="py-2 pr-4">Status</th>
                  <th className="py-2 pr-4">Sent</th>
                  <th className="py-2 pr-4">Failed</th>
                  <th className="py-2 pr-4">Remaining</th>
                  <th className="py-2 pr-4">ETA</th>
                </tr>
              </thead>
              <tbody>
                {campaigns.map((c) => (
                  <tr key={c.id} className="border-b border-gray-100 last:border-0">
                    <td className="py-2 pr-4">
                      <Link className="font-medium text-brand-700 underline" href={`/admin/notices/${c.id}`}>
                        {c.version?.document.title} v{c.version?.version}
                      </Link>
                    </td>
                    <td className="py-2 pr-4 text-gray-800">
                      {c.audience === "ALL" ? "Every user" : "Opted in to minor changes"}
                    </td>
                    <td className="py-2 pr-4 text-gray-800">{c.status.toLowerCase()}</td>
                    <td className="py-2 pr-4 text-gray-800">
                      {c.sent} / {c.total}
                    </td>
                    <td className="py-2 pr-4 text-gray-800">{c.failed}</td>
                    <td className="py-2 pr-4 text-gray-800">{c.remaining}</td>
                    <td className="py-2 pr-4 text-gray-800">{formatEta(c.etaSeconds)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
