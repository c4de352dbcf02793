import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui";
import { DateTime } from "@/components/date-time";
import { getDataOverview } from "@/lib/data/access";
import { verifySession } from "@/lib/dal";
import { listExports } from "@/lib/export/access";
import { env } from "@/lib/core/env";
import { formatNumber } from "@/lib/core/format";
import { ExportPanel } from "./export-panel";
import { CategoryIcon } from "./category-icon";
import { RecordTimeline } from "@/components/charts/record-timeline";
import { PersonalDataFlow } from "@/components/charts/data-flow";
import { WideOpenDetails } from "@/components/wide-open-details";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your data" };

// At a glance: one line per category (what it is, how many records, when we last
// collected one); how we got it, why, who we share it with and how long we keep it
// are on each category's page.
export default async function YourDataPage() {
  const viewer = await verifySession();
  const [overview, exports] = await Promise.all([getDataOverview({ viewer }), listExports({ viewer })]);
  return (
    <div>
      <PageHeader
        title="Your data"
        description={
          <>
            Everything we hold about you, by category: open one to see its records, where they come from, who we share
            them with and how long we keep them. For anything else,{" "}
            <Link className="font-medium text-brand-700 underline" href="/account/requests/new">
              make a privacy request
            </Link>
            .
          </>
        }
      />
      <section id="export" aria-labelledby="export-heading" className="mb-8 scroll-mt-8">
        <ExportPanel initialExports={exports} ttlDays={env().EXPORT_TTL_DAYS} />
      </section>
      <h2 className="mb-3 text-xl font-semibold text-gray-900">Categories</h2>
      <ul
        className="divide-y divide-gray-100 rounded-xl border border-gray-200 bg-white shadow-sm"
        aria-label="Data categories"
      >
        {overview.map(({ category, total, latest }) => (
          <li
            key={category.slug}
            data-testid={`category-${category.slug}`}
            className="relative flex items-start gap-3 px-4 py-2.5 focus-within:bg-gray-50 hover:bg-gray-50"
          >
            <CategoryIcon slug={category.slug} />
            <div className="min-w-0 flex-1">
              <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                <h3 className="font-semibold text-gray-900">
                  <Link
                    className="text-brand-700 underline-offset-4 after:absolute after:inset-0 hover:underline"
                    href={`/account/data/${category.slug}`}
                  >
                    {category.title}
                  </Link>
                </h3>
                <span className="text-sm font-semibold whitespace-nowrap text-gray-900" data-testid="category-total">
                  {formatNumber(total)} record{total === 1 ? "" : "s"}
                </span>
              </div>
              <p className="text-sm text-gray-700">{category.summary}</p>
              <p className="mt-0.5 text-xs text-gray-600">
                {latest ? (
                  <>
                    Last collected <DateTime value={latest} />
                  </>
                ) : (
                  "Nothing collected"
                )}
              </p>
            </div>
          </li>
        ))}
      </ul>
      {/* The pictures start closed on a phone, where the list above is what fits on a screen or two. */}
      <WideOpenDetails
        className="mt-10"
        summary="Pictures of your data: records per month, and where they go"
        testId="data-pictures"
      >
        <RecordTimeline viewer={viewer} />
        <PersonalDataFlow viewer={viewer} />
      </WideOpenDetails>
    </div>
  );
}
