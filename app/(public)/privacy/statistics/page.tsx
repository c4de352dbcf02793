import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { Table } from "@/components/table";
import { Card, PageHeader } from "@/components/ui";
import { OTHER_LABEL, type PublishedTable } from "@/lib/statistics/k-anon";
import { getWeeklyStatistics } from "@/lib/statistics/weekly";
import { DateTime } from "@/components/date-time";
import { isoDay } from "@/lib/core/format";

export const metadata: Metadata = { title: "Community statistics" };
export const dynamic = "force-dynamic";

type Answer = { label: string; count: number | null; muted?: boolean };

function WeekTable(props: { caption: string; table: PublishedTable; k: number; testId: string }) {
  const { table } = props;
  if (table.suppressed)
    return (
      <p className="text-sm text-gray-700" data-testid={props.testId} data-suppressed="true">
        {props.caption}: fewer than {props.k} installs reported this week, so nothing is shown.
      </p>
    );
  const groups = `${table.mergedAnswers} smaller group${table.mergedAnswers === 1 ? "" : "s"}`;
  const rows: Answer[] = [
    ...table.cells,
    ...(table.other !== null
      ? [{ label: `${OTHER_LABEL} (${groups})`, count: table.other }]
      : table.mergedAnswers > 0
        ? [{ label: `${groups} not shown`, count: null, muted: true }]
        : []),
  ];
  const count = (value: number | null) => (value === null ? "—" : <span data-cell={value}>{value}</span>);
  return (
    <Table
      caption={props.caption}
      captionVisible
      testId={props.testId}
      variant="plain"
      density="compact"
      phone="scroll"
      rows={rows}
      rowKey={(row) => row.label}
      columns={[
        {
          key: "answer",
          header: "Answer",
          rowHeader: true,
          cell: (row) => (row.muted ? <span className="text-gray-700">{row.label}</span> : row.label),
        },
        {
          key: "installs",
          header: "Installs (at least)",
          align: "right",
          className: "tabular-nums",
          cell: (row) => count(row.count),
        },
      ]}
      footer={["All installs that reported", count(table.total)]}
    />
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
        <EmptyState
          title={`Not enough installs have reported in the last ${weeks.length} weeks to publish anything yet.`}
        />
      ) : null}
      {weeks.map((week) => (
        <Card key={week.start.toISOString()}>
          <section aria-labelledby={`week-${week.start.getTime()}`} data-week={isoDay(week.start)}>
            <h2 id={`week-${week.start.getTime()}`} className="mb-3 text-lg font-semibold text-gray-900">
              Week of <DateTime value={week.start} format="date" />
            </h2>
            <div className="grid gap-6 md:grid-cols-2">
              <WeekTable caption="Product versions" table={week.versions} k={k} testId="versions" />
              <WeekTable caption="Features used" table={week.features} k={k} testId="features" />
            </div>
          </section>
        </Card>
      ))}
    </div>
  );
}
