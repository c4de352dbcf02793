import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { EmptyState } from "@/components/empty-state";
import { Table } from "@/components/table";
import { Card, PageHeader } from "@/components/ui";
import { requireAdmin } from "@/lib/dal";
import { getCampaignProgress, listFailedDeliveries } from "@/lib/notices/campaign";
import { formatPolicyDate } from "@/components/policy-body";
import { AutoRefresh } from "@/components/auto-refresh";
import { CampaignControls } from "../controls";
import { ProgressBar, ProgressFigures } from "../progress";
import { idParam, parseParams, type RouteParams } from "@/lib/core/params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Change notice" };

const statusText = { RUNNING: "Sending", PAUSED: "Paused", CANCELLED: "Cancelled", COMPLETED: "Completed" } as const;

const paramsSchema = z.object({ id: idParam() });

export default async function AdminNoticePage(props: { params: Promise<RouteParams> }) {
  const viewer = await requireAdmin();
  const { id } = parseParams(paramsSchema, await props.params);
  const progress = await getCampaignProgress({ admin: viewer, campaignId: id });
  if (!progress) notFound();
  // Breach notices have their own page (the same progress and controls).
  if (!progress.version) redirect(`/admin/breaches/${progress.breachId}`);
  const failures = await listFailedDeliveries({ admin: viewer, campaignId: id });
  const { version } = progress;
  return (
    <div className="space-y-6">
      <PageHeader
        title={`${version.document.title} v${version.version}: change notices`}
        description={
          <>
            {version.isSubstantive
              ? "Substantive change: every user is emailed."
              : "Minor change: only users who opted in are emailed."}{" "}
            Effective {formatPolicyDate(version.effectiveAt)}.{" "}
            <Link
              className="text-brand-700 underline"
              href={`/policies/${version.document.slug}/v/${version.version}/changes`}
            >
              Public changes page
            </Link>
          </>
        }
      />
      <AutoRefresh seconds={2} active={progress.status === "RUNNING"} />
      <Card>
        <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-lg font-semibold text-gray-900">Progress</h2>
          <p className="text-sm font-semibold text-gray-900" role="status" data-testid="campaign-status">
            {statusText[progress.status]}
          </p>
        </div>
        <ProgressBar progress={progress} />
        <div className="mt-4">
          <ProgressFigures progress={progress} />
        </div>
      </Card>
      <Card>
        <h2 className="mb-4 text-lg font-semibold text-gray-900">Controls</h2>
        {progress.status === "RUNNING" || progress.status === "PAUSED" ? (
          <CampaignControls campaignId={progress.id} status={progress.status} ratePerSecond={progress.ratePerSecond} />
        ) : (
          <p className="text-gray-800">This campaign is {progress.status.toLowerCase()}; nothing left to control.</p>
        )}
      </Card>
      <Card>
        <h2 className="mb-4 text-lg font-semibold text-gray-900">Permanent failures</h2>
        <Table
          caption="Deliveries that failed permanently"
          variant="plain"
          rows={failures}
          rowKey={(f) => f.id}
          empty={
            <EmptyState
              variant="plain"
              title="None."
              description="Temporary failures are retried automatically with increasing delays."
            />
          }
          columns={[
            { key: "recipient", header: "Recipient", className: "break-all", cell: (f) => f.email },
            { key: "attempts", header: "Attempts", cell: (f) => f.attempts },
            {
              key: "reply",
              header: "Reply",
              cell: (f) => `${f.lastCode ? `${f.lastCode} ` : ""}${f.lastError ?? ""}`,
            },
          ]}
        />
      </Card>
    </div>
  );
}
