import type { Metadata } from "next";
import Link from "next/link";
import { DateTime } from "@/components/date-time";
import { Table } from "@/components/table";
import { Card, PageHeader } from "@/components/ui";
import { CampaignList } from "@/components/charts/campaign-list";
import { RequestWeeksChart } from "@/components/charts/request-weeks";
import { getAdminOverview } from "@/lib/admin/overview";
import { listAuditLog, parseAuditFilters } from "@/lib/audit/browse";
import { describeAuditRow } from "./audit/describe";
import { getCampaignOverview, getRequestWorkload } from "@/lib/admin/dashboard";
import { formatNumber } from "@/lib/core/format";
import { requireAdmin } from "@/lib/dal";

export const metadata: Metadata = { title: "Admin" };

type Tile = { key: string; label: string; value: number; href?: string; tone?: "alert" };

export default async function AdminHomePage() {
  const viewer = await requireAdmin();
  const [overview, workload, campaigns, recentAudit] = await Promise.all([
    getAdminOverview({ admin: viewer }),
    getRequestWorkload({ admin: viewer }),
    getCampaignOverview({ admin: viewer }),
    listAuditLog({ admin: viewer, filters: parseAuditFilters({}), limit: 10 }),
  ]);
  const tiles: Tile[] = [
    { key: "open", label: "Open privacy requests", value: workload.open, href: "/admin/requests" },
    {
      key: "overdue",
      label: "Overdue",
      value: workload.overdue,
      href: "/admin/requests?overdue=1",
      tone: workload.overdue > 0 ? "alert" : undefined,
    },
    { key: "due-soon", label: "Due within 7 days", value: workload.dueSoon, href: "/admin/requests?within=7" },
    { key: "parents", label: "Parent requests to review", value: overview.parentRequests, href: "/admin/parents" },
    { key: "accounts", label: "Accounts", value: overview.accounts },
  ];
  return (
    <div>
      <PageHeader title="Privacy team" description="Requests, policies, notices and the sharing register." />
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" aria-label="Workload">
        {tiles.map((tile) => {
          const body = (
            <>
              <span className="block text-sm text-gray-700">{tile.label}</span>
              <span
                className={`mt-1 block text-3xl font-bold tabular-nums ${tile.tone === "alert" ? "text-red-700" : "text-gray-900"}`}
                data-value={tile.value}
              >
                {formatNumber(tile.value)}
              </span>
            </>
          );
          const box = "block h-full rounded-xl border bg-white p-4 shadow-sm";
          return (
            <li key={tile.key} data-testid={`tile-${tile.key}`}>
              {tile.href ? (
                <Link
                  href={tile.href}
                  className={`${box} ${tile.tone === "alert" ? "border-red-300" : "border-gray-200"} hover:border-brand-600 hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-brand-600`}
                >
                  {body}
                </Link>
              ) : (
                <div className={`${box} border-gray-200`}>{body}</div>
              )}
            </li>
          );
        })}
      </ul>

      <Card className="mt-8">
        <RequestWeeksChart weeks={workload.weeks} overdue={workload.overdue} />
      </Card>

      <div className="mt-8 grid gap-6 lg:grid-cols-2">
        <Card>
          <CampaignList
            title="Change notices"
            campaigns={campaigns.notices}
            href={(campaign) => `/admin/notices/${campaign.id}`}
            name={(campaign) =>
              campaign.version ? `${campaign.version.document.title} v${campaign.version.version}` : "Change notice"
            }
            allHref="/admin/notices"
            empty="No change notices yet. Publishing a policy version creates one."
          />
        </Card>
        <Card>
          <CampaignList
            title="Breach notices"
            campaigns={campaigns.breaches}
            href={(campaign) => `/admin/breaches/${campaign.breachId}`}
            name={(campaign) => campaign.breachTitle ?? "Breach notice"}
            allHref="/admin/breaches"
            empty="No breach notices sent."
          />
        </Card>
      </div>

      <div className="mt-10 flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-xl font-semibold">Recent audit log</h2>
        <Link className="text-sm text-brand-700 underline" href="/admin/audit">
          The whole audit log
        </Link>
      </div>
      <Table
        className="mt-4"
        caption="Recent audit log"
        rows={recentAudit.rows}
        rowKey={(entry) => entry.id}
        empty="Nothing recorded yet."
        columns={[
          {
            key: "when",
            header: "When (UTC)",
            className: "whitespace-nowrap",
            cell: (entry) => <DateTime value={entry.at} format="dateTimeSeconds" />,
          },
          { key: "what", header: "What happened", className: "break-words", cell: (entry) => describeAuditRow(entry) },
        ]}
      />
    </div>
  );
}
