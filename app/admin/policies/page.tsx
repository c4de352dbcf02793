import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageHeader } from "@/components/ui";
import { requireAdmin } from "@/lib/dal";
import { listPolicyDocuments } from "@/lib/policies/admin";
import { formatPolicyDate } from "@/components/policy-body";
import { NewDocumentForm } from "./forms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Policies" };

export default async function AdminPoliciesPage() {
  const viewer = await requireAdmin();
  const documents = await listPolicyDocuments({ admin: viewer });
  return (
    <div className="space-y-8">
      <PageHeader
        title="Policies"
        description="Draft, preview and publish versions of each policy. Published versions never change."
      />
      <Card>
        {documents.length === 0 ? (
          <p className="text-gray-800">No policy documents yet. Create one below.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Policy documents</caption>
              <thead className="border-b border-gray-200 text-gray-800">
                <tr>
                  <th className="py-2 pr-4">Document</th>
                  <th className="py-2 pr-4">Current</th>
                  <th className="py-2 pr-4">Upcoming</th>
                  <th className="py-2 pr-4">Draft</th>
                </tr>
              </thead>
              <tbody>
                {documents.map((d) => (
                  <tr key={d.id} className="border-b border-gray-100 last:border-0">
                    <td className="py-2 pr-4">
                      <Link className="font-medium text-brand-700 underline" href={`/admin/policies/${d.slug}`}>
                        {d.title}
                      </Link>
                    </td>
                    <td className="py-2 pr-4 text-gray-800">
                      {d.current ? `v${d.current.version} since ${formatPolicyDate(d.current.effectiveAt)}` : "None"}
                    </td>
                    <td className="py-2 pr-4 text-gray-800">
                      {d.upcoming ? `v${d.upcoming.version} on ${formatPolicyDate(d.upcoming.effectiveAt)}` : "None"}
                    </td>
                    <td className="py-2 pr-4 text-gray-800">
                      {d.draft ? (
                        <Link
                          className="text-brand-700 underline"
                          href={`/admin/policies/${d.slug}/v/${d.draft.version}`}
                        >
                          Edit v{d.draft.version}
                        </Link>
                      ) : (
                        "None"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Card>
        <h2 className="mb-4 text-lg font-semibold text-gray-900">New policy document</h2>
        <NewDocumentForm />
      </Card>
    </div>
  );
}
