import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { Table } from "@/components/table";
import { Card, PageHeader } from "@/components/ui";
import { requireAdmin } from "@/lib/dal";
import { listRetentionRules, listRetentionRuns } from "@/lib/retention/rules";
import { RuleForm, RunForm } from "./forms";
import { DateTime } from "@/components/date-time";
import { formatDate } from "@/lib/core/format";

export const metadata: Metadata = { title: "Retention" };

export default async function RetentionPage() {
  const viewer = await requireAdmin();
  const [rules, runs] = await Promise.all([
    listRetentionRules({ admin: viewer }),
    listRetentionRuns({ admin: viewer }),
  ]);
  const titles = new Map(rules.map((rule) => [rule.key, rule.title]));
  return (
    <div className="space-y-8">
      <PageHeader
        title="Retention"
        description="How long each kind of data is kept. Every night a job deletes what is older; each run is recorded below. People see these periods on their data pages."
      />
      <Table
        caption="Retention periods"
        rows={rules}
        rowKey={(rule) => rule.key}
        rowData={(rule) => ({ "data-target": rule.key })}
        columns={[
          {
            key: "data",
            header: "Data",
            rowHeader: true,
            className: "min-w-[12rem]",
            cell: (rule) => (
              <>
                {rule.title}
                <div className="mt-0.5 text-sm font-normal text-gray-700">{rule.description}</div>
                {rule.category ? (
                  <div className="text-xs font-normal text-gray-700">
                    <Link className="underline" href={`/account/data/${rule.category}`}>
                      shown on people&apos;s data page
                    </Link>
                  </div>
                ) : null}
              </>
            ),
          },
          {
            key: "days",
            header: "Keep for (days)",
            cell: (rule) => <RuleForm target={rule.key} title={rule.title} days={rule.days} />,
          },
        ]}
      />
      <Card>
        <h2 className="mb-2 text-lg font-semibold">Run now</h2>
        <p className="mb-4 text-sm text-gray-700">
          A dry run counts what would be deleted and deletes nothing. A purge runs in the background; refresh this page
          to follow it.
        </p>
        <RunForm />
      </Card>
      <section aria-labelledby="runs-heading" className="space-y-3">
        <h2 id="runs-heading" className="text-lg font-semibold">
          Run history
        </h2>
        {runs.length === 0 ? <EmptyState title="No retention run yet." /> : null}
        {runs.map((run, index) => {
          const summary = (
            <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1" data-run={run.id}>
              <span className="font-medium">
                <DateTime value={run.startedAt} format="dateTime" /> UTC
              </span>
              <span className="rounded bg-gray-100 px-2 py-0.5 text-xs font-medium text-gray-900">
                {run.dryRun ? "Dry run" : "Purge"}
              </span>
              <span className="text-sm text-gray-700">
                {run.trigger === "schedule" ? "scheduled" : "started by an admin"}
              </span>
              <span className="text-sm" data-status={run.status}>
                {run.status.toLowerCase()}
              </span>
              <span className="text-sm text-gray-700">
                {run.items.reduce((sum, item) => sum + item.rows, 0)} rows {run.dryRun ? "would go" : "deleted"}
              </span>
              {run.error ? <span className="text-sm text-red-700">{run.error}</span> : null}
            </div>
          );
          if (!run.items.length)
            return (
              <Card key={run.id} className="px-4 py-3">
                {summary}
              </Card>
            );
          // The newest run is open; older ones show their summary line and open on demand.
          return (
            <details
              key={run.id}
              open={index === 0}
              className="group rounded-xl border border-gray-200 bg-white shadow-sm"
            >
              <summary className="cursor-pointer list-none px-4 py-3 marker:hidden [&::-webkit-details-marker]:hidden">
                <span className="flex items-start gap-2">
                  <span aria-hidden="true" className="mt-0.5 text-gray-600 transition-transform group-open:rotate-90">
                    ▸
                  </span>
                  <span className="min-w-0 flex-1">{summary}</span>
                </span>
              </summary>
              <RunItems run={run} titles={titles} />
            </details>
          );
        })}
      </section>
    </div>
  );
}

function RunItems({
  run,
  titles,
}: {
  run: Awaited<ReturnType<typeof listRetentionRuns>>[number];
  titles: Map<string, string>;
}) {
  return (
    <Table
      variant="plain"
      className="border-t border-gray-100 px-4 pb-2"
      caption="Per kind of data"
      label={`Run of ${formatDate(run.startedAt, "dateTime")} UTC, per kind of data`}
      rows={run.items}
      rowKey={(item) => item.id}
      rowData={(item) => ({ "data-item": item.target })}
      columns={[
        { key: "data", header: "Data", cell: (item) => titles.get(item.target) ?? item.target },
        {
          key: "period",
          header: "Period",
          cell: (item) => (
            <>
              {item.days} day{item.days === 1 ? "" : "s"} (before <DateTime value={item.cutoff} format="date" />)
            </>
          ),
        },
        {
          key: "rows",
          header: `Rows ${run.dryRun ? "that would go" : "deleted"}`,
          cell: (item) => (
            <span data-rows={item.rows}>
              {item.rows}
              {item.files ? ` (${item.files} files)` : ""}
            </span>
          ),
        },
        {
          key: "oldest",
          header: "Oldest kept",
          cell: (item) => (item.oldestKept ? formatDate(item.oldestKept, "date") : "none left"),
        },
        { key: "duration", header: "Duration", cell: (item) => `${item.durationMs} ms` },
      ]}
    />
  );
}
