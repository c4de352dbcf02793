// Bars over time (months, weeks), stacked or side by side, as SVG rendered on the
// server: d3-scale places the bars, d3-shape's stack() piles the series; React
// draws them. No script runs in the browser. A bar may be a link (the timeline's
// bar opens that month of that category). A column with nothing to show can carry
// a note ("not shown"), drawn where its bar would be.
import { scaleBand, scaleLinear } from "d3-scale";
import { stack } from "d3-shape";
import { seriesColour } from "./chart-figure";

export type BarColumn = {
  key: string;
  /** The column's full name ("March 2026", "week of 2 Nov 2026"), used in each bar's name. */
  label: string;
  /** The label under the axis, or "" to leave this column's tick blank. */
  tick: string;
  /** Said in place of a bar when the column has nothing to show. */
  note?: string;
};

export type BarSeries = { key: string; label: string };

export function BarChart(props: {
  labelledBy: string;
  describedBy: string;
  columns: BarColumn[];
  series: BarSeries[];
  /** values[column][series] */
  values: number[][];
  mode?: "stacked" | "grouped";
  /** The name of a bar segment's value: "12 records". */
  unit: (value: number) => string;
  href?: (column: number, series: number) => string | undefined;
  width?: number;
  height?: number;
  /** Narrow screens scroll a wide chart inside its box (starting at the newest end) instead of shrinking its text. */
  minWidth?: number;
  testId?: string;
}) {
  const width = props.width ?? 720;
  const height = props.height ?? 200;
  const margin = { top: 12, right: 8, bottom: 28, left: 40 };
  const mode = props.mode ?? "stacked";
  const x = scaleBand<number>()
    .domain(props.columns.map((_, index) => index))
    .range([margin.left, width - margin.right])
    .padding(0.2);
  const totals = props.values.map((row) => row.reduce((sum, value) => sum + value, 0));
  const peak = Math.max(1, ...(mode === "stacked" ? totals : props.values.flat()));
  const y = scaleLinear()
    .domain([0, peak])
    .nice(4)
    .range([height - margin.bottom, margin.top]);
  const ticks = y.ticks(4).filter((tick) => Number.isInteger(tick));
  const inner = scaleBand<number>()
    .domain(props.series.map((_, index) => index))
    .range([0, x.bandwidth()])
    .padding(0.1);

  type Bar = { column: number; series: number; x: number; y: number; width: number; height: number; value: number };
  const bars: Bar[] = [];
  if (mode === "stacked") {
    const layers = stack<number[], number>()
      .keys(props.series.map((_, index) => index))
      .value((row, key) => row[key] ?? 0)(props.values);
    layers.forEach((layer, series) => {
      layer.forEach(([low, high], column) => {
        const value = props.values[column][series] ?? 0;
        if (value <= 0) return;
        bars.push({
          column,
          series,
          x: x(column)!,
          y: y(high),
          width: x.bandwidth(),
          height: Math.max(1, y(low) - y(high)),
          value,
        });
      });
    });
  } else {
    props.values.forEach((row, column) =>
      row.forEach((value, series) => {
        if (value <= 0) return;
        bars.push({
          column,
          series,
          x: x(column)! + inner(series)!,
          y: y(value),
          width: inner.bandwidth(),
          height: Math.max(1, y(0) - y(value)),
          value,
        });
      }),
    );
  }

  return (
    // On a narrow screen a wide chart scrolls inside its box, opened at its right end, where the
    // newest period is: a right-to-left scroll box starts there, with no script (the picture
    // itself stays left-to-right, and on a wide screen sits on the left as before).
    <div
      className={props.minWidth ? "overflow-x-auto [direction:rtl]" : undefined}
      tabIndex={props.minWidth ? 0 : undefined}
      role={props.minWidth ? "group" : undefined}
      aria-labelledby={props.minWidth ? props.labelledBy : undefined}
    >
      <svg
        // A picture whose bars are links is a group (an img's children are not reachable).
        role={props.href ? "group" : "img"}
        aria-labelledby={props.labelledBy}
        aria-describedby={props.describedBy}
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        className="mr-auto block h-auto w-full max-w-3xl [direction:ltr]"
        style={props.minWidth ? { minWidth: props.minWidth } : undefined}
        data-testid={props.testId}
      >
        <g className="text-gray-700" fontSize={11}>
          {ticks.map((tick) => (
            <g key={tick}>
              <line
                x1={margin.left}
                x2={width - margin.right}
                y1={y(tick)}
                y2={y(tick)}
                className={tick === 0 ? "stroke-gray-500" : "stroke-gray-200"}
                strokeWidth={1}
              />
              <text x={margin.left - 6} y={y(tick)} dy="0.32em" textAnchor="end" className="fill-gray-700">
                {tick}
              </text>
            </g>
          ))}
          {props.columns.map((column, index) =>
            column.tick ? (
              <text
                key={column.key}
                x={x(index)! + x.bandwidth() / 2}
                y={height - margin.bottom + 16}
                textAnchor="middle"
                className="fill-gray-700"
              >
                {column.tick}
              </text>
            ) : null,
          )}
          {props.columns.map((column, index) =>
            column.note && totals[index] === 0 ? (
              <text
                key={`note-${column.key}`}
                transform={`translate(${x(index)! + x.bandwidth() / 2} ${height - margin.bottom - 6}) rotate(-90)`}
                dy="0.32em"
                className="fill-gray-700"
                fontSize={10}
              >
                {column.note}
              </text>
            ) : null,
          )}
        </g>
        {bars.map((bar) => {
          const name = `${props.columns[bar.column].label}, ${props.series[bar.series].label}: ${props.unit(bar.value)}`;
          const rect = (
            <rect
              x={bar.x}
              y={bar.y}
              width={bar.width}
              height={bar.height}
              className={seriesColour(bar.series).fill}
              data-column={props.columns[bar.column].key}
              data-series={props.series[bar.series].key}
              data-value={bar.value}
            >
              <title>{name}</title>
            </rect>
          );
          const href = props.href?.(bar.column, bar.series);
          return href ? (
            <a
              key={`${bar.column}-${bar.series}`}
              href={href}
              aria-label={name}
              className="outline-offset-1 focus:outline-2 focus:outline-gray-900"
            >
              {rect}
            </a>
          ) : (
            <g key={`${bar.column}-${bar.series}`}>{rect}</g>
          );
        })}
      </svg>
    </div>
  );
}
