// "Records collected per month" on Your data: the last 24 months as stacked bars, one
// colour per category; a bar opens that month of that category. The same numbers sit
// in a table behind "Show as table".
import Link from "next/link";
import { Table } from "@/components/table";
import { formatDate, formatNumber, monthNames } from "@/lib/core/format";
import type { Viewer } from "@/lib/core/viewer";
import { getRecordTimeline, type RecordTimeline } from "@/lib/data/timeline";
import { BarChart } from "./bar-chart";
import { ChartFigure, chartIds, Legend, seriesColour } from "./chart-figure";

const records = (n: number) => `${formatNumber(n)} record${n === 1 ? "" : "s"}`;
const monthHref = (slug: string, month: string) => `/account/data/${slug}?month=${month}`;

export function RecordTimelineFigure(props: { timeline: RecordTimeline; id?: string }) {
  const { timeline } = props;
  const id = props.id ?? "timeline";
  const ids = chartIds(id);
  // Only categories with records in these months get a colour, a legend entry and a column.
  const shown = timeline.categories
    .map((category, index) => ({ ...category, index }))
    .filter((category) => timeline.counts.some((month) => month[category.slug] > 0));
  const names = monthNames();
  const columns = timeline.months.map((month, index) => ({
    key: month.key,
    label: formatDate(month.start, "month"),
    // Every third month, counted back from this one, so the newest month is always labelled.
    tick:
      (timeline.months.length - 1 - index) % 3 === 0
        ? `${names[month.start.getUTCMonth()].slice(0, 3)} ${String(month.start.getUTCFullYear()).slice(2)}`
        : "",
  }));
  const total = timeline.totals.reduce((sum, value) => sum + value, 0);
  const empty = timeline.totals.filter((value) => value === 0).length;
  const busiest = timeline.totals.indexOf(Math.max(...timeline.totals));
  const first = timeline.months[0];
  const last = timeline.months.at(-1)!;
  const description =
    total === 0
      ? `We collected no records about you between ${formatDate(first.start, "month")} and ${formatDate(last.start, "month")}.`
      : `${records(total)} collected between ${formatDate(first.start, "month")} and ${formatDate(last.start, "month")}, by category. The busiest month was ${columns[busiest].label} (${records(timeline.totals[busiest])}).${empty ? ` ${empty} of the ${timeline.months.length} months had none.` : ""} Choose a bar to see that month's records.`;
  const rows = timeline.months.map((month, index) => ({ month, index })).reverse();
  return (
    <ChartFigure
      id={id}
      title="Records collected per month"
      description={description}
      testId="timeline"
      table={
        <Table
          caption={`Records collected per month, ${formatDate(first.start, "month")} to ${formatDate(last.start, "month")}`}
          variant="plain"
          density="compact"
          testId="timeline-table"
          rows={rows}
          rowKey={(row) => row.month.key}
          rowData={(row) => ({ "data-month": row.month.key, "data-total": timeline.totals[row.index] })}
          columns={[
            {
              key: "month",
              header: "Month",
              rowHeader: true,
              className: "whitespace-nowrap",
              cell: (row) => columns[row.index].label,
            },
            ...shown.map((category) => ({
              key: category.slug,
              header: category.title,
              align: "right" as const,
              className: "tabular-nums",
              cell: (row: (typeof rows)[number]) => {
                const value = timeline.counts[row.index][category.slug];
                return value > 0 ? (
                  <Link
                    className="text-brand-700 underline"
                    href={monthHref(category.slug, row.month.key)}
                    data-category={category.slug}
                    data-count={value}
                  >
                    {formatNumber(value)}
                  </Link>
                ) : (
                  <span data-category={category.slug} data-count={0}>
                    0
                  </span>
                );
              },
            })),
            {
              key: "total",
              header: "All",
              align: "right" as const,
              className: "tabular-nums font-semibold",
              cell: (row: (typeof rows)[number]) =>
                timeline.totals[row.index] > 0 ? formatNumber(timeline.totals[row.index]) : "No records",
            },
          ]}
        />
      }
    >
      <BarChart
        labelledBy={ids.title}
        describedBy={ids.description}
        columns={columns}
        series={shown.map((category) => ({ key: category.slug, label: category.title }))}
        values={timeline.counts.map((month) => shown.map((category) => month[category.slug]))}
        unit={records}
        href={(column, series) => monthHref(shown[series].slug, timeline.months[column].key)}
        minWidth={560}
        testId="timeline-chart"
      />
      <Legend items={shown.map((category, index) => ({ label: category.title, colour: seriesColour(index) }))} />
    </ChartFigure>
  );
}

/** The signed-in person's timeline (its own data, read through lib/). */
export async function RecordTimeline(props: { viewer: Viewer }) {
  const timeline = await getRecordTimeline({ viewer: props.viewer });
  return (
    <section className="mt-10 rounded-xl border border-gray-200 bg-white p-6 shadow-sm">
      <RecordTimelineFigure timeline={timeline} />
    </section>
  );
}
