import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { Card, PageHeader } from "@/components/ui";
import { OTHER_LABEL } from "@/lib/statistics/k-anon";
import { getWeeklyStatistics } from "@/lib/statistics/weekly";
import { WeeklyChart, WeeklySmallMultiples } from "@/components/charts/weekly-statistics";
import { formatDate } from "@/lib/core/format";

export const metadata: Metadata = { title: "Community statistics" };
export const dynamic = "force-dynamic";

export default async function StatisticsPage() {
  const { k, weeks } = await getWeeklyStatistics();
  const published = weeks.filter((week) => !week.versions.suppressed || !week.features.suppressed);
  const empty = weeks.filter((week) => week.versions.suppressed && week.features.suppressed);
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
      ) : (
        <>
          {empty.length > 0 ? (
            <p className="text-sm text-gray-800" data-testid="empty-weeks">
              {empty.length === 1 ? "One week has" : `${empty.length} weeks have`} nothing to show, because fewer than{" "}
              {k} installs reported: the week{empty.length === 1 ? "" : "s"} of{" "}
              {empty.map((week) => formatDate(week.start, "date")).join(", ")}.
            </p>
          ) : null}
          <div className="grid gap-6 md:grid-cols-2">
            <Card>
              <WeeklyChart
                id="installs"
                title="Installs that reported"
                k={k}
                weeks={weeks.map((week) => ({ start: week.start, table: week.versions }))}
                mode="total"
              />
            </Card>
            <Card>
              <WeeklyChart
                id="versions"
                title="Product versions"
                k={k}
                weeks={weeks.map((week) => ({ start: week.start, table: week.versions }))}
                mode="stacked"
              />
            </Card>
          </div>
          <Card>
            <h2 className="text-lg font-semibold text-gray-900">Features used</h2>
            <p className="mt-1 text-sm text-gray-700">
              Installs that used each feature, week by week (an install may use several).
            </p>
            <WeeklySmallMultiples k={k} weeks={weeks.map((week) => ({ start: week.start, table: week.features }))} />
          </Card>
        </>
      )}
    </div>
  );
}
