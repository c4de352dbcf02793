import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { Table } from "@/components/table";
import { PageHeader } from "@/components/ui";
import { requireAdmin } from "@/lib/dal";
import { listNoticeCampaigns } from "@/lib/notices/campaign";
import { AutoRefresh } from "@/components/auto-refresh";
import { formatEta } from "./progress";
import { CampaignProgressBar } from "@/components/charts/campaign-progress";

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
      <Table
        caption="Notice campaigns"
        rows={campaigns}
        rowKey={(c) => c.id}
        empty={<EmptyState title="No notices yet." description="Publishing a policy version creates one." />}
        columns={[
          {
            key: "policy",
            header: "Policy",
            cell: (c) => (
              <Link className="font-medium text-brand-700 underline" href={`/admin/notices/${c.id}`}>
                {c.version?.document.title} v{c.version?.version}
              </Link>
            ),
          },
          {
            key: "audience",
            header: "Audience",
            cell: (c) => (c.audience === "ALL" ? "Every user" : "Opted in to minor changes"),
          },
          { key: "status", header: "Status", cell: (c) => c.status.toLowerCase() },
          {
            key: "progress",
            header: "Progress",
            className: "min-w-32",
            cell: (c) => <CampaignProgressBar progress={c} compact figures={false} />,
          },
          { key: "recipients", header: "Recipients", align: "right", cell: (c) => (c.materialized ? c.total : "…") },
          { key: "sent", header: "Sent", align: "right", cell: (c) => c.sent },
          { key: "failed", header: "Failed", align: "right", cell: (c) => c.failed },
          {
            key: "remaining",
            header: "Remaining",
            align: "right",
            cell: (c) => (c.cancelled ? `${c.remaining} (${c.cancelled} cancelled)` : c.remaining),
          },
          { key: "eta", header: "ETA", cell: (c) => formatEta(c.etaSeconds) },
        ]}
      />
    </div>
  );
}
