import type { Metadata } from "next";
import Link from "next/link";
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
      <Card className="overflow-x-auto p-0">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Retention periods</caption>
          <thead className="bg-gray-50">
            <tr>
              <th scope="col" className="px-4 py-2">
                Data
              </th>
              <th scope="col" className="hidden px-4 py-2 sm:table-cell">
                What is deleted
              </th>
              <th scope="col" className="px-4 py-2">
                Keep for (days)
              </th>
            </tr>
          </thead>
          <tbody>
            {rules.map((rule) => (
              <tr key={rule.key} className="border-t border-gray-100 align-top" data-target={rule.key}>
                <th scope="row" className="px-4 py-3 font-medium">
                  {rule.title}
                  <p className="mt-1 text-xs font-normal text-gray-700 sm:hidden">{rule.description}</p>
                  {rule.category ? (
                    <div className="text-xs font-normal text-gray-700">
                      <Link className="underline" href={`/account/data/${rule.category}`}>
                        shown on people&apos;s data page
                      </Link>
                    </div>
                  ) : null}
                </th>
                <td className="hidden px-4 py-3 text-gray-700 sm:table-cell">{rule.description}</td>
                <td className="px-4 py-3">
                  <RuleForm target={rule.key} title={rule.title} days={rule.days} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
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
        {runs.length === 0 ? (
          <Card>
            <p className="text-gray-700">No retention run yet.</p>
          </Card>
        ) : null}
        {runs.map((run) => (
          <Card key={run.id} className="overflow-x-auto p-0">
            <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1 px-4 py-3" data-run={run.id}>
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
            {run.items.length ? (
              <table className="w-full border-t border-gray-100 text-left text-sm">
                <caption className="sr-only">Per kind of data</caption>
                <thead className="bg-gray-50">
                  <tr>
                    <th scope="col" className="px-4 py-2">
                      Data
                    </th>
                    <th scope="col" className="px-4 py-2">
                      Period
                    </th>
                    <th scope="col" className="px-4 py-2">
                      Rows {run.dryRun ? "that would go" : "deleted"}
                    </th>
                    <th scope="col" className="px-4 py-2">
                      Oldest kept
                    </th>
                    <th scope="col" className="px-4 py-2">
                      Duration
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {run.items.map((item) => (
                    <tr key={item.id} className="border-t border-gray-100" data-item={item.target}>
                      <td className="px-4 py-2">{titles.get(item.target) ?? item.target}</td>
                      <td className="px-4 py-2">
                        {item.days} day{item.days === 1 ? "" : "s"} (before{" "}
                        <DateTime value={item.cutoff} format="date" />)
                      </td>
                      <td className="px-4 py-2" data-rows={item.rows}>
                        {item.rows}
                        {item.files ? ` (${item.files} files)` : ""}
                      </td>
                      <td className="px-4 py-2">
                        {item.oldestKept ? formatDate(item.oldestKept, "date") : "none left"}
                      </td>
                      <td className="px-4 py-2">{item.durationMs} ms</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </Card>
        ))}
      </section>
    </div>
  );
}
