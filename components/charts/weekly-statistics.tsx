// The community statistics as small charts, weeks on the x axis: installs that reported,
// product versions (stacked: each install reports one version a week) and one small
// chart per feature (an install may use several). A week with fewer than k installs is
// not drawn as a zero: the chart and the table say it was not shown.
import { Table } from "@/components/table";
import { formatDate, formatNumber, monthNames } from "@/lib/core/format";
import type { PublishedTable } from "@/lib/statistics/k-anon";
import { toWeeklySeries, type WeeklySeries } from "@/lib/statistics/series";
import { BarChart, type BarColumn } from "./bar-chart";
import { ChartFigure, chartIds, Legend, weekColumn, weekRows } from "./chart-figure";

type Week = { start: Date; table: PublishedTable };

const installs = (n: number) => `${formatNumber(n)} install${n === 1 ? "" : "s"}`;
const NOT_SHOWN = "not shown";

function weekColumns(series: WeeklySeries): BarColumn[] {
  const names = monthNames();
  return series.weeks.map((week) => ({
    key: week.start.toISOString().slice(0, 10),
    label: `week of ${formatDate(week.start, "date")}`,
    tick: `${week.start.getUTCDate()} ${names[week.start.getUTCMonth()].slice(0, 3)}`,
    note: week.suppressed ? NOT_SHOWN : undefined,
  }));
}

/** A short summary: the range of weeks, the latest shown week's figure, the lowest and highest, and the weeks not shown. */
function describeWeeks(series: WeeklySeries, k: number, value: (week: WeeklySeries["weeks"][number]) => number) {
  const shown = series.weeks.filter((week) => !week.suppressed);
  const hidden = series.weeks.length - shown.length;
  const first = series.weeks[0]?.start;
  const last = series.weeks.at(-1)?.start;
  const range = first && last ? `Weeks of ${formatDate(first, "date")} to ${formatDate(last, "date")}.` : "";
  const latest = shown.at(-1);
  const values = shown.map(value);
  const spread = latest
    ? ` Latest shown (week of ${formatDate(latest.start, "date")}): ${installs(value(latest))}; lowest ${formatNumber(Math.min(...values))}, highest ${formatNumber(Math.max(...values))}.`
    : "";
  return `${range}${spread}${hidden ? ` ${hidden} week${hidden === 1 ? "" : "s"} not shown: fewer than ${k} installs reported.` : ""}`;
}

/** Oldest week first: time runs left to right. */
const chronological = (weeks: Week[]) => [...weeks].sort((a, b) => a.start.getTime() - b.start.getTime());

const countCell = (value: number | null, label?: string) =>
  value === null ? (
    "—"
  ) : value === 0 ? (
    "0"
  ) : (
    <span data-cell={value} data-answer={label}>
      {formatNumber(value)}
    </span>
  );

export function WeeklyChart(props: { id: string; title: string; k: number; weeks: Week[]; mode: "total" | "stacked" }) {
  const series = toWeeklySeries(chronological(props.weeks));
  const ids = chartIds(props.id);
  const columns = weekColumns(series);
  const isTotal = props.mode === "total";
  const labels = isTotal ? ["Installs"] : series.labels;
  const values = series.weeks.map((week) => (isTotal ? [week.total ?? 0] : week.values));
  const description = isTotal
    ? `Installs that reported each week, rounded down to a multiple of ${props.k}. ${describeWeeks(series, props.k, (week) => week.total ?? 0)}`
    : `Installs by the version they reported last each week${series.labels.length ? ` (${series.labels.join(", ")})` : ""}; the table has each week's numbers. ${describeWeeks(series, props.k, (week) => week.total ?? 0)}`;
  return (
    <ChartFigure
      id={props.id}
      title={props.title}
      description={description}
      testId={props.id}
      table={
        <Table
          caption={`${props.title}, by week`}
          variant="plain"
          density="compact"
          testId={props.id}
          {...weekRows(series.weeks)}
          columns={[
            weekColumn(),
            ...(isTotal
              ? []
              : series.labels.map((label, index) => ({
                  key: `label-${label}`,
                  header: label,
                  align: "right" as const,
                  className: "tabular-nums",
                  cell: (week: WeeklySeries["weeks"][number]) =>
                    week.suppressed ? "—" : countCell(week.values[index], label),
                }))),
            {
              key: "total",
              header: "All installs that reported",
              align: "right" as const,
              className: "tabular-nums",
              cell: (week) => (week.suppressed ? `Not shown: fewer than ${props.k} installs` : countCell(week.total)),
            },
          ]}
        />
      }
    >
      <BarChart
        labelledBy={ids.title}
        describedBy={ids.description}
        columns={columns}
        series={labels.map((label) => ({ key: label, label }))}
        values={values}
        unit={installs}
        width={340}
        height={190}
      />
      {isTotal ? null : <Legend items={series.labels.map((label) => ({ label }))} />}
    </ChartFigure>
  );
}

/** One small chart per feature, weeks on the x axis. */
export function WeeklySmallMultiples(props: { k: number; weeks: Week[] }) {
  const series = toWeeklySeries(chronological(props.weeks));
  const columns = weekColumns(series).map((column, index, all) => ({
    ...column,
    // Small charts: label the first, middle and last weeks only.
    tick: index === 0 || index === all.length - 1 || index === Math.floor(all.length / 2) ? column.tick : "",
  }));
  if (series.labels.length === 0)
    return (
      <p className="mt-3 text-sm text-gray-800">No feature was used by {props.k} or more installs in these weeks.</p>
    );
  return (
    <div className="mt-4 grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
      {series.labels.map((label, index) => {
        const id = `feature-${index}`;
        const ids = chartIds(id);
        const title = `Feature: ${label}`;
        return (
          <ChartFigure
            key={label}
            id={id}
            title={title}
            heading="h3"
            testId="features"
            description={`Installs that used ${label === "Other" ? `features used by fewer than ${props.k} installs each` : label}. ${describeWeeks(series, props.k, (week) => week.values[index])}`}
            table={
              <Table
                caption={`${title}, by week`}
                variant="plain"
                density="compact"
                phone="scroll"
                {...weekRows(series.weeks)}
                columns={[
                  weekColumn(),
                  {
                    key: "installs",
                    header: "Installs (at least)",
                    align: "right",
                    className: "tabular-nums",
                    cell: (week) =>
                      week.suppressed ? `Not shown: fewer than ${props.k}` : countCell(week.values[index], label),
                  },
                ]}
              />
            }
          >
            <BarChart
              labelledBy={ids.title}
              describedBy={ids.description}
              columns={columns}
              series={[{ key: label, label }]}
              values={series.weeks.map((week) => [week.values[index]])}
              unit={installs}
              width={300}
              height={150}
            />
          </ChartFigure>
        );
      })}
    </div>
  );
}
