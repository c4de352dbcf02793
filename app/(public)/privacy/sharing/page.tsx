import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui";
import { getPublicSharing } from "@/lib/sharing/public";
import { DateTime } from "@/components/date-time";

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
            <ul className="space-y-3">
              {section.entries.map((entry) => (
                <li key={entry.id} data-entry={entry.id}>
                  <Card>
                    <h3 className="text-lg font-semibold text-gray-900" data-field="name">
                      {entry.name}
                    </h3>
                    <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
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
                  </Card>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
