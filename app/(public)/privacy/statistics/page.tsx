import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui";
import { OTHER_LABEL, type PublishedTable } from "@/lib/statistics/k-anon";
import { getWeeklyStatistics } from "@/lib/statistics/weekly";
import { DateTime } from "@/components/date-time";
import { isoDay } from "@/lib/core/format";

export const metadata: Metadata = { title: "Community statistics" };
export const dynamic = "force-dynamic";

function Table(props: { caption: string; table: PublishedTable; k: number; testId: string }) {
  const { table } = props;
  if (table.suppressed)
    return (
      <p className="text-sm text-gray-700" data-testid={props.testId} data-suppressed="true">
        {props.caption}: fewer than {props.k} installs reported this week, so nothing is shown.
      </p>
    );
  return (
    <table className="w-full text-left text-sm" data-testid={props.testId}>
      <caption className="mb-1 text-left font-medium text-gray-900">{props.caption}</caption>
      <thead className="text-gray-800">
        <tr>
          <th scope="col" className="py-1 pr-4">
            Answer
          </th>
          <th scope="col" className="py-1 text-right">
            Installs (at least)
          </th>
        </tr>
      </thead>
      <tbody>
        {table.cells.map((cell) => (
          <tr key={cell.label} className="border-t border-gray-100">
            <th scope="row" className="py-1 pr-4 font-normal">
              {cell.label}
            </th>
            <td className="py-1 text-right tabular-nums" data-cell={cell.count}>
              {cell.count}
            </td>
          </tr>
        ))}
        {table.other !== null ? (
          <tr className="border-t border-gray-100">
            <th scope="row" className="py-1 pr-4 font-normal">
              {OTHER_LABEL} ({table.mergedAnswers} smaller group{table.mergedAnswers === 1 ? "" : "s"})
            </th>
            <td className="py-1 text-right tabular-nums" data-cell={table.other}>
              {table.other}
            </td>
          </tr>
        ) : table.mergedAnswers > 0 ? (
          <tr className="border-t border-gray-100">
            <th scope="row" className="py-1 pr-4 font-normal text-gray-700">
              {table.mergedAnswers} smaller group{table.mergedAnswers === 1 ? "" : "s"} not shown
            </th>
            <td className="py-1 text-right text-gray-700">—</td>
          </tr>
        ) : null}
        <tr className="border-t border-gray-300 font-medium">
          <th scope="row" className="py-1 pr-4">
            All installs that reported
          </th>
          <td className="py-1 text-right tabular-nums" data-cell={table.total}>
            {table.total}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

export default async function StatisticsPage() {
  const { k, weeks } = await getWeeklyStatistics();
  const published = weeks.filter((week) => !week.versions.suppressed || !week.features.suppressed);
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageHeader
        title="Community statistics"
        description="Which product versions are in use and which features installs use, week by week, from the telemetry installs send us (only installs whose owners left telemetry on)."
      />
      <Card>
        <h2 className="mb-2 text-lg font-semibold text-gray-900">How these numbers protect you</h2>
        <ul className="list-disc space-y-1 pl-5 text-sm text-gray-800" data-testid="k-rule">
          <li>
            No number on this page is based on fewer than <strong>{k}</strong> different installs.
          </li>
          <li>
            Answers given by fewer than {k} installs are merged into “{OTHER_LABEL}”; when even that group is smaller
            than {k}, it is left out, and a week with fewer than {k} installs is not shown at all.
          </li>
          <li>
            Every number is rounded down to a multiple of {k}, so that comparing two numbers (two weeks, or two rows of
            a week) can never single out a small group.
          </li>
          <li>Only weeks that have ended are shown (Monday to Sunday, UTC).</li>
        </ul>
      </Card>
      {published.length === 0 ? (
        <Card>
          <p className="text-gray-800">
            Not enough installs have reported in the last {weeks.length} weeks to publish anything yet.
          </p>
        </Card>
      ) : null}
      {weeks.map((week) => (
        <Card key={week.start.toISOString()}>
          <section aria-labelledby={`week-${week.start.getTime()}`} data-week={isoDay(week.start)}>
            <h2 id={`week-${week.start.getTime()}`} className="mb-3 text-lg font-semibold text-gray-900">
              Week of <DateTime value={week.start} format="date" />
            </h2>
            <div className="grid gap-6 md:grid-cols-2">
              <Table caption="Product versions" table={week.versions} k={k} testId="versions" />
              <Table caption="Features used" table={week.features} k={k} testId="features" />
            </div>
          </section>
        </Card>
      ))}
    </div>
  );
}
