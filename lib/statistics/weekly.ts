// Weekly community statistics from telemetry (/privacy/statistics): product
// versions and feature use across installs, made k-anonymous by k-anon.ts.
// Only whole weeks (Monday to Sunday, UTC) that have ended are published.
import "server-only";
import { now } from "../core/clock";
import { prisma } from "../core/db";
import { env } from "../core/env";
import { publishTable, type PublishedTable } from "./k-anon";

export const STATS_WEEKS = 8;

export type WeeklyStatistics = {
  k: number;
  weeks: { start: Date; versions: PublishedTable; features: PublishedTable }[];
};

type Row = { week: Date; install: string; label: string };

function groupsByWeek(rows: Row[]) {
  const weeks = new Map<number, Map<string, Set<string>>>();
  for (const row of rows) {
    const key = row.week.getTime();
    if (!weeks.has(key)) weeks.set(key, new Map());
    const groups = weeks.get(key)!;
    if (!groups.has(row.label)) groups.set(row.label, new Set());
    groups.get(row.label)!.add(row.install);
  }
  return weeks;
}

export async function getWeeklyStatistics(): Promise<WeeklyStatistics> {
  const k = env().STATS_K;
  const at = await now();
  // The current (unfinished) week is left out: its numbers would still move.
  const [{ end }] = await prisma.$queryRaw<
    { end: Date }[]
  >`SELECT date_trunc('week', ${at}::timestamptz AT TIME ZONE 'UTC') AS end`;
  const start = new Date(end.getTime() - STATS_WEEKS * 7 * 86_400_000);
  // One answer per install and week for versions: the version it reported last that week.
  const versions = await prisma.$queryRaw<Row[]>`
    SELECT DISTINCT ON (week, "clusterId") date_trunc('week', "receivedAt") AS week, "clusterId" AS install, payload->>'version' AS label
      FROM "TelemetryReport"
     WHERE "receivedAt" >= ${start} AND "receivedAt" < ${end} AND payload ? 'version'
     ORDER BY week, "clusterId", "receivedAt" DESC`;
  // Features: every feature an install reported using that week.
  const features = await prisma.$queryRaw<Row[]>`
    SELECT DISTINCT date_trunc('week', "receivedAt") AS week, "clusterId" AS install, feature AS label
      FROM "TelemetryReport", jsonb_array_elements_text(CASE WHEN jsonb_typeof(payload->'features') = 'array' THEN payload->'features' ELSE '[]'::jsonb END) AS feature
     WHERE "receivedAt" >= ${start} AND "receivedAt" < ${end}`;
  const versionWeeks = groupsByWeek(versions);
  const featureWeeks = groupsByWeek(features);
  const weeks: WeeklyStatistics["weeks"] = [];
  for (let index = STATS_WEEKS - 1; index >= 0; index--) {
    const weekStart = new Date(start.getTime() + index * 7 * 86_400_000);
    const key = weekStart.getTime();
    weeks.push({
      start: weekStart,
      versions: publishTable(versionWeeks.get(key) ?? new Map(), k),
      features: publishTable(featureWeeks.get(key) ?? new Map(), k),
    });
  }
  return { k, weeks };
}
