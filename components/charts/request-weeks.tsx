// Requests received and closed per week on the team's front page (the last 12 weeks,
// this one last), side by side, with the overdue count said beside them.
import { Table } from "@/components/table";
import { formatDate, formatNumber, monthNames } from "@/lib/core/format";
import type { WeeklyFlow } from "@/lib/admin/dashboard";
import { BarChart } from "./bar-chart";
import { ChartFigure, chartIds, Legend, weekColumn, weekRows } from "./chart-figure";

const requests = (n: number) => `${formatNumber(n)} request${n === 1 ? "" : "s"}`;

export function RequestWeeksChart(props: { weeks: WeeklyFlow[]; overdue: number }) {
  const id = "request-weeks";
  const ids = chartIds(id);
  const names = monthNames();
  const received = props.weeks.reduce((sum, week) => sum + week.received, 0);
  const closed = props.weeks.reduce((sum, week) => sum + week.closed, 0);
  const quiet = props.weeks.filter((week) => week.received === 0 && week.closed === 0).length;
  const description = `Over the last ${props.weeks.length} weeks (Monday to Sunday, UTC, this week last): ${requests(received)} received and ${formatNumber(closed)} closed (completed, denied or withdrawn).${quiet ? ` ${quiet} week${quiet === 1 ? "" : "s"} had none of either.` : ""} ${props.overdue === 0 ? "No open request is overdue." : `${requests(props.overdue)} now overdue.`}`;
  return (
    <ChartFigure
      id={id}
      title="Requests received and closed per week"
      description={description}
      table={
        <Table
          caption="Requests received and closed per week"
          variant="plain"
          density="compact"
          {...weekRows(props.weeks)}
          columns={[
            weekColumn(),
            {
              key: "received",
              header: "Received",
              align: "right",
              className: "tabular-nums",
              cell: (week) => formatNumber(week.received),
            },
            {
              key: "closed",
              header: "Closed",
              align: "right",
              className: "tabular-nums",
              cell: (week) => formatNumber(week.closed),
            },
          ]}
        />
      }
    >
      <BarChart
        labelledBy={ids.title}
        describedBy={ids.description}
        mode="grouped"
        columns={props.weeks.map((week, index) => ({
          key: week.start.toISOString().slice(0, 10),
          label: `Week of ${formatDate(week.start, "date")}`,
          tick:
            (props.weeks.length - 1 - index) % 2 === 0
              ? `${week.start.getUTCDate()} ${names[week.start.getUTCMonth()].slice(0, 3)}`
              : "",
        }))}
        series={[
          { key: "received", label: "Received" },
          { key: "closed", label: "Closed" },
        ]}
        values={props.weeks.map((week) => [week.received, week.closed])}
        unit={requests}
        minWidth={560}
      />
      <Legend items={[{ label: "Received" }, { label: "Closed" }]} />
    </ChartFigure>
  );
}
