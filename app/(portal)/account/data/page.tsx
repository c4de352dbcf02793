import type { Metadata } from "next";
import Link from "next/link";
import { getCategoryRetentionDays } from "@/lib/retention/rules";
import { retentionText } from "@/lib/retention/targets";
import { Card, PageHeader } from "@/components/ui";
import { getDataOverview } from "@/lib/data/access";
import { verifySession } from "@/lib/dal";
import { listExports } from "@/lib/export/access";
import { env } from "@/lib/core/env";
import { ExportPanel } from "./export-panel";
import { sourceLabel } from "./format";
import { formatDate, formatNumber } from "@/lib/core/format";
import { RecordTimeline } from "@/components/charts/record-timeline";
import { PersonalDataFlow } from "@/components/charts/data-flow";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your data" };

export default async function YourDataPage() {
  const viewer = await verifySession();
  const [overview, exports, retentionDays] = await Promise.all([
    getDataOverview({ viewer }),
    listExports({ viewer }),
    getCategoryRetentionDays(),
  ]);
  return (
    <div>
      <PageHeader
        title="Your data"
        description={
          <>
            Everything we hold about you, grouped by category: what it is, how we got it, why we keep it, who we share
            it with, and for how long. Download all of it, or tell us what is wrong. For anything else,{" "}
            <Link className="font-medium text-brand-700 underline" href="/account/requests/new">
              make a privacy request
            </Link>
            .
          </>
        }
      />
      <section id="export" aria-labelledby="export-heading" className="mb-10 scroll-mt-8">
        <ExportPanel initialExports={exports} ttlDays={env().EXPORT_TTL_DAYS} />
      </section>
      <h2 className="mb-4 text-xl font-semibold text-gray-900">Categories</h2>
      <ul className="grid gap-4 lg:grid-cols-2" aria-label="Data categories">
        {overview.map(({ category, datasets, total, policies, sharedWith }) => (
          <li key={category.slug} data-testid={`category-${category.slug}`}>
            <Card className="flex h-full flex-col">
              <div className="flex items-start justify-between gap-4">
                <h3 className="text-lg font-semibold text-gray-900">{category.title}</h3>
                <span
                  className="shrink-0 rounded-full bg-gray-100 px-3 py-1 text-sm font-semibold text-gray-900"
                  data-testid="category-total"
                >
                  {formatNumber(total)} <span className="sr-only">records</span>
                </span>
              </div>
              <p className="mt-2 text-gray-700">{category.description}</p>
              {datasets.length > 1 ? (
                <ul className="mt-2 text-sm text-gray-800">
                  {datasets.map((dataset) => (
                    <li key={dataset.key} data-testid={`count-${dataset.key}`}>
                      {dataset.title}: <strong>{formatNumber(dataset.count)}</strong>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="sr-only" data-testid={`count-${datasets[0].key}`}>
                  {formatNumber(datasets[0].count)}
                </p>
              )}
              <dl className="mt-4 grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
                <dt className="font-medium text-gray-900">How we got it</dt>
                <dd className="text-gray-700">{sourceLabel(category.source)}</dd>
                <dt className="font-medium text-gray-900">Why</dt>
                <dd className="text-gray-700">{category.purpose}</dd>
                <dt className="font-medium text-gray-900">Shared with</dt>
                <dd className="text-gray-700">
                  {sharedWith.length ? sharedWith.map((party) => party.name).join("; ") : "Nobody outside the company"}
                </dd>
                <dt className="font-medium text-gray-900">Kept for</dt>
                <dd className="text-gray-700">{retentionText(category, retentionDays.get(category.slug))}</dd>
                <dt className="font-medium text-gray-900">Policy when collected</dt>
                <dd className="text-gray-700">
                  {policies.length === 0
                    ? "—"
                    : policies.map(({ policy, count }, index) => (
                        <span key={policy.id}>
                          {index > 0 ? ", " : ""}
                          <Link
                            className="font-medium text-brand-700 underline"
                            href={`/policies/${policy.slug}/v/${policy.version}`}
                          >
                            {policy.title} v{policy.version}
                          </Link>
                          {policy.effectiveAt ? ` (effective ${formatDate(policy.effectiveAt, "date")})` : ""}
                          {policies.length > 1 ? `: ${formatNumber(count)}` : ""}
                        </span>
                      ))}
                </dd>
              </dl>
              <div className="mt-auto flex flex-wrap gap-4 pt-4 text-sm">
                <Link className="font-semibold text-brand-700 underline" href={`/account/data/${category.slug}`}>
                  View {category.title.toLowerCase()}
                </Link>
                {category.editHref ? (
                  <Link className="font-semibold text-brand-700 underline" href={category.editHref}>
                    Edit
                  </Link>
                ) : null}
              </div>
            </Card>
          </li>
        ))}
      </ul>
      <RecordTimeline viewer={viewer} />
      <PersonalDataFlow viewer={viewer} />
    </div>
  );
}
