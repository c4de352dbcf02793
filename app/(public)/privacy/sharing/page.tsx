import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui";
import { getPublicSharing } from "@/lib/sharing/public";
import { DateTime } from "@/components/date-time";
import { PublicDataFlow } from "@/components/charts/data-flow";

export const metadata: Metadata = { title: "Who we share with" };
export const dynamic = "force-dynamic";

export default async function SharingPage() {
  const sections = await getPublicSharing();
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageHeader
        title="Who we share with"
        description="Every company that receives personal data from us, what it receives and why, taken straight from our sharing register. When the register changes, this page changes with it."
      />
      <Card>
        <PublicDataFlow />
      </Card>
      {sections.map((section) => (
        <section
          key={section.key}
          aria-labelledby={`section-${section.key}`}
          data-section={section.key}
          className="space-y-3"
        >
          <h2 id={`section-${section.key}`} className="text-xl font-semibold text-gray-900">
            {section.title}
          </h2>
          <p className="text-sm text-gray-700">{section.description}</p>
          {section.entries.length === 0 ? (
            <Card>
              <p className="text-gray-800">Nobody at the moment.</p>
            </Card>
          ) : (
            <ul className="divide-y divide-gray-200 rounded-xl border border-gray-200 bg-white shadow-sm">
              {section.entries.map((entry) => (
                <li key={entry.id} data-entry={entry.id} className="px-4 py-4 sm:px-6">
                  <div>
                    <h3 className="text-base font-semibold text-gray-900 sm:text-lg" data-field="name">
                      {entry.name}
                    </h3>
                    <dl className="mt-2 grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1 text-sm sm:grid-cols-[10rem_1fr] sm:gap-x-4">
                      <dt className="font-medium text-gray-900">What they receive</dt>
                      <dd className="text-gray-800" data-field="data">
                        {entry.dataCategories.join(", ")}
                      </dd>
                      <dt className="font-medium text-gray-900">Why</dt>
                      <dd className="text-gray-800" data-field="purpose">
                        {entry.purpose}
                      </dd>
                      <dt className="font-medium text-gray-900">Since</dt>
                      <dd className="text-gray-800">
                        <DateTime value={entry.startsOn} format="month" />
                      </dd>
                      {entry.isMarketing ? (
                        <>
                          <dt className="font-medium text-gray-900">Marketing</dt>
                          <dd className="text-gray-800">
                            They may use it for their own marketing. You can opt out in your{" "}
                            <a className="text-brand-700 underline" href="/account/preferences">
                              preferences
                            </a>
                            .
                          </dd>
                        </>
                      ) : null}
                    </dl>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
