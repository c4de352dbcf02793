// The frame of every chart: a <figure> named by its heading and described by a
// sentence that says what the picture shows, the picture itself (server-rendered
// SVG, role="img" with the same name and description), and the same numbers as a
// table behind "Show as table" (<details>: works without JavaScript).
import type { ReactNode } from "react";
import { formatDate } from "@/lib/core/format";

export type ChartHeading = "h2" | "h3";

export function ChartFigure(props: {
  /** Unique on the page: ids of the name and description derive from it. */
  id: string;
  title: string;
  /** What the picture shows, in a sentence or two (the text alternative). */
  description: ReactNode;
  /** The picture: give its <svg> `aria-labelledby={chartIds(id).title}` and `aria-describedby={chartIds(id).description}`. */
  children: ReactNode;
  /** The same numbers as a table. */
  table: ReactNode;
  heading?: ChartHeading;
  /** Heading hidden (when the page's own heading already names the chart). */
  className?: string;
  testId?: string;
  /** Open the table by default. */
  tableOpen?: boolean;
}) {
  const ids = chartIds(props.id);
  const Heading = props.heading ?? "h2";
  return (
    <figure
      aria-labelledby={ids.title}
      aria-describedby={ids.description}
      data-chart={props.testId ?? props.id}
      className={props.className}
    >
      <figcaption className="mb-3">
        <Heading id={ids.title} className="text-lg font-semibold text-gray-900">
          {props.title}
        </Heading>
        <p id={ids.description} className="mt-1 text-sm text-gray-700">
          {props.description}
        </p>
      </figcaption>
      {props.children}
      <details className="mt-3 group" open={props.tableOpen}>
        <summary className="cursor-pointer text-sm font-medium text-brand-700 underline">
          Show as table<span className="sr-only">: {props.title}</span>
        </summary>
        <div className="mt-3">{props.table}</div>
      </details>
    </figure>
  );
}

export function chartIds(id: string) {
  return { title: `${id}-title`, description: `${id}-description` };
}

/**
 * Fill colours for series, darkest first: each has at least 3:1 contrast with white
 * (WCAG 1.4.11), and the table says the same without colour. Literal class names so
 * Tailwind generates them.
 */
export const SERIES_COLOURS = [
  { fill: "fill-sky-700", bg: "bg-sky-700", stroke: "stroke-sky-700" },
  { fill: "fill-amber-600", bg: "bg-amber-600", stroke: "stroke-amber-600" },
  { fill: "fill-emerald-700", bg: "bg-emerald-700", stroke: "stroke-emerald-700" },
  { fill: "fill-rose-700", bg: "bg-rose-700", stroke: "stroke-rose-700" },
  { fill: "fill-violet-700", bg: "bg-violet-700", stroke: "stroke-violet-700" },
  { fill: "fill-teal-700", bg: "bg-teal-700", stroke: "stroke-teal-700" },
  { fill: "fill-orange-700", bg: "bg-orange-700", stroke: "stroke-orange-700" },
  { fill: "fill-indigo-500", bg: "bg-indigo-500", stroke: "stroke-indigo-500" },
  { fill: "fill-lime-700", bg: "bg-lime-700", stroke: "stroke-lime-700" },
  { fill: "fill-fuchsia-700", bg: "bg-fuchsia-700", stroke: "stroke-fuchsia-700" },
  { fill: "fill-slate-500", bg: "bg-slate-500", stroke: "stroke-slate-500" },
  { fill: "fill-cyan-800", bg: "bg-cyan-800", stroke: "stroke-cyan-800" },
] as const;

export const seriesColour = (index: number) => SERIES_COLOURS[index % SERIES_COLOURS.length];

/** A colour key: a swatch and the series' name for each series. */
export function Legend(props: { items: { label: string; colour?: (typeof SERIES_COLOURS)[number] }[] }) {
  return (
    <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-gray-800" aria-hidden="true">
      {props.items.map((item, index) => (
        <li key={item.label} className="flex items-center gap-1.5">
          <span className={`inline-block h-3 w-3 rounded-sm ${(item.colour ?? seriesColour(index)).bg}`} />
          {item.label}
        </li>
      ))}
    </ul>
  );
}

/** The rows of a chart's table by week: the newest week first, each keyed and marked by its week. */
export function weekRows<Week extends { start: Date }>(weeks: Week[]) {
  return {
    rows: [...weeks].reverse(),
    rowKey: (week: Week) => week.start.toISOString(),
    rowData: (week: Week) => ({ "data-week": week.start.toISOString().slice(0, 10) }),
  };
}

/** The first column of a chart's table by week. */
export function weekColumn<Week extends { start: Date }>() {
  return {
    key: "week",
    header: "Week of",
    rowHeader: true,
    className: "whitespace-nowrap",
    cell: (week: Week) => formatDate(week.start, "date"),
  };
}
