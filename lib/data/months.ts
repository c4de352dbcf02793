// Calendar months in UTC for the "records per month" timeline on Your data, and the
// `?month=YYYY-MM` filter a bar of that timeline opens on a category page. Pure: the
// caller hands in the time (lib/core/clock.ts now()), so tests can move it.
import { z } from "zod";
import type { SearchParams } from "../core/params";

/** How far back the timeline looks: this month and the 23 before it. */
export const TIMELINE_MONTHS = 24;

export type Month = {
  /** "2026-03" */
  key: string;
  /** First instant of the month (UTC). */
  start: Date;
  /** First instant of the next month (UTC): the month is [start, end). */
  end: Date;
};

const pad = (value: number) => String(value).padStart(2, "0");

/** "YYYY-MM" of an instant, in UTC. */
export function monthKeyOf(at: Date): string {
  return `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}`;
}

function monthAt(year: number, monthIndex: number): Month {
  const start = new Date(Date.UTC(year, monthIndex, 1));
  const end = new Date(Date.UTC(year, monthIndex + 1, 1));
  return { key: monthKeyOf(start), start, end };
}

/** The `count` months up to and including the one `at` falls in, oldest first. */
export function lastMonths(at: Date, count: number = TIMELINE_MONTHS): Month[] {
  if (!Number.isInteger(count) || count < 1) throw new Error("count must be a whole number from 1");
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth();
  return Array.from({ length: count }, (_, index) => monthAt(year, month - (count - 1 - index)));
}

/** A month "YYYY-MM" between 1900 and 9999, as a URL gives it. */
export const monthParam = () =>
  z
    .string()
    .trim()
    .regex(/^(19|[2-9]\d)\d{2}-(0[1-9]|1[0-2])$/);

/** The first and last calendar day ("YYYY-MM-DD") of a month key. */
export function monthDays(key: string): { from: string; to: string } {
  const [year, month] = key.split("-").map(Number);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${key}-01`, to: `${key}-${pad(last)}` };
}

const monthFilterSchema = z.object({ month: monthParam() });

/**
 * A category page's `?month=YYYY-MM` as the from/to day filters the page already applies
 * (empty when missing or not a month, so a bad value is simply ignored). Explicit `from`
 * and `to` params win over it.
 */
export function monthFilter(search: SearchParams): Record<string, string> {
  const raw = Array.isArray(search.month) ? search.month[0] : search.month;
  const parsed = monthFilterSchema.safeParse({ month: raw });
  return parsed.success ? monthDays(parsed.data.month) : {};
}

/** Counts per month and series, with a zero for every month and series that has none. */
export type MonthlyCounts<S extends string = string> = {
  months: Month[];
  series: S[];
  /** counts[monthIndex][seriesKey] */
  counts: Record<S, number>[];
  /** Sum over all series, per month. */
  totals: number[];
};

/**
 * Buckets `(series, month key, count)` rows into the given months: months without rows
 * get zeros, rows outside the months or of unknown series are left out, and rows of the
 * same month and series add up.
 */
export function bucketByMonth<S extends string>(
  rows: Iterable<{ series: string; month: string; count: number }>,
  months: Month[],
  series: readonly S[],
): MonthlyCounts<S> {
  const index = new Map(months.map((month, position) => [month.key, position]));
  const known = new Set<string>(series);
  const counts = months.map(() => Object.fromEntries(series.map((key) => [key, 0])) as Record<S, number>);
  for (const row of rows) {
    const position = index.get(row.month);
    if (position === undefined || !known.has(row.series)) continue;
    counts[position][row.series as S] += row.count;
  }
  const totals = counts.map((month) => series.reduce((sum, key) => sum + month[key], 0));
  return { months, series: [...series], counts, totals };
}
