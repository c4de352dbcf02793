// "Records collected per month": the timeline on Your data. One statement counts the
// owner's rows of every dataset by calendar month (UTC) over the last 24 months; the
// months come from the clock (lib/core/clock.ts), and a month without records is a zero.
import "server-only";
import { now } from "../core/clock";
import type { Viewer } from "../core/viewer";
import { assertViewer } from "../core/viewer";
import { assertOwner, type Queryable } from "./queries";
import { categories, type Category } from "./registry";
import { bucketByMonth, lastMonths, TIMELINE_MONTHS, type MonthlyCounts } from "./months";
import { getDataSummary } from "./summary";

export type RecordTimeline = MonthlyCounts & {
  categories: Pick<Category, "slug" | "title">[];
};

/** The owner's records per category and month, for the `count` months up to the one `at` falls in. */
export async function countRecordsByMonth(
  db: Queryable,
  userId: string,
  at: Date,
  count: number = TIMELINE_MONTHS,
): Promise<RecordTimeline> {
  assertOwner(userId);
  const months = lastMonths(at, count);
  const parts: string[] = [];
  categories.forEach((category, categoryIndex) => {
    for (const dataset of category.datasets)
      parts.push(
        `SELECT ${categoryIndex} AS c, to_char(date_trunc('month', ${dataset.time}), 'YYYY-MM') AS m, count(*)::bigint AS n
           FROM ${dataset.from}
          WHERE ${dataset.owner} = $1 AND ${dataset.time} >= $2::timestamp AND ${dataset.time} < $3::timestamp
          GROUP BY 2`,
      );
  });
  const { rows } = await db.query<{ c: number; m: string; n: string }>(parts.join("\nUNION ALL\n"), [
    userId,
    months[0].start.toISOString(),
    months.at(-1)!.end.toISOString(),
  ]);
  const bucketed = bucketByMonth(
    rows.map((row) => ({ series: categories[row.c].slug, month: row.m, count: Number(row.n) })),
    months,
    categories.map((category) => category.slug),
  );
  return { ...bucketed, categories: categories.map(({ slug, title }) => ({ slug, title })) };
}

/** The signed-in person's own timeline, up to now: from the page's one scan (summary.ts). */
export async function getRecordTimeline({ viewer }: { viewer: Viewer }): Promise<RecordTimeline> {
  assertViewer(viewer);
  const { months, byMonth } = await getDataSummary(viewer.userId, await now());
  const rows = categories.flatMap((category) =>
    category.datasets.flatMap((dataset) =>
      [...(byMonth.get(dataset.key) ?? [])].map(([month, count]) => ({ series: category.slug, month, count })),
    ),
  );
  const bucketed = bucketByMonth(
    rows,
    months,
    categories.map((category) => category.slug),
  );
  return { ...bucketed, categories: categories.map(({ slug, title }) => ({ slug, title })) };
}
