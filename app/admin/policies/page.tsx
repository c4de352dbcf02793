import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { Table } from "@/components/table";
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
      <Table
        caption="Policy documents"
        rows={documents}
        rowKey={(d) => d.id}
        empty={<EmptyState title="No policy documents yet." description="Create one below." />}
        columns={[
          {
            key: "document",
            header: "Document",
            cell: (d) => (
              <Link className="font-medium text-brand-700 underline" href={`/admin/policies/${d.slug}`}>
                {d.title}
              </Link>
            ),
          },
          {
            key: "current",
            header: "Current",
            cell: (d) =>
              d.current ? `v${d.current.version} since ${formatPolicyDate(d.current.effectiveAt)}` : "None",
          },
          {
            key: "upcoming",
            header: "Upcoming",
            cell: (d) =>
              d.upcoming ? `v${d.upcoming.version} on ${formatPolicyDate(d.upcoming.effectiveAt)}` : "None",
          },
          {
            key: "draft",
            header: "Draft",
            cell: (d) =>
              d.draft ? (
                <Link className="text-brand-700 underline" href={`/admin/policies/${d.slug}/v/${d.draft.version}`}>
                  Edit v{d.draft.version}
                </Link>
              ) : (
                "None"
              ),
          },
        ]}
      />
      <Card>
        <h2 className="mb-4 text-lg font-semibold text-gray-900">New policy document</h2>
        <NewDocumentForm />
      </Card>
    </div>
  );
}
