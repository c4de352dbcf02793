import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { Table } from "@/components/table";
import { ButtonLink, PageHeader } from "@/components/ui";
import { requireAdmin } from "@/lib/dal";
import { formatLegalDate, listLegalRequests } from "@/lib/legal/admin";
import { DECISION_LABELS } from "@/lib/legal/schema";
import { LegalStateBadge } from "./state";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Legal requests" };

export default async function LegalRequestsPage() {
  const viewer = await requireAdmin();
  const requests = await listLegalRequests({ admin: viewer });
  return (
    <div className="space-y-6">
      <PageHeader
        title="Legal requests"
        description="Every law-enforcement or other legal demand for people's data: who asked, on what basis, what we disclosed and why. The people concerned are told unless a prohibition is recorded; when it ends, the team is reminded daily until they are. Yearly counts are published on the request metrics page."
        actions={<ButtonLink href="/admin/legal-requests/new">Register a request</ButtonLink>}
      />
      <Table
        caption="Legal requests"
        rows={requests}
        rowKey={(r) => r.id}
        empty={<EmptyState title="No legal requests registered." />}
        columns={[
          {
            key: "reference",
            header: "Reference",
            cell: (r) => (
              <Link className="font-medium text-brand-700 underline" href={`/admin/legal-requests/${r.id}`}>
                {r.reference}
              </Link>
            ),
          },
          { key: "authority", header: "Authority", cell: (r) => r.authority },
          { key: "received", header: "Received", cell: (r) => formatLegalDate(r.receivedAt) },
          { key: "people", header: "People", cell: (r) => r.people },
          { key: "decision", header: "Decision", cell: (r) => DECISION_LABELS[r.decision] },
          {
            key: "told",
            header: "People told",
            cell: (r) => (
              <LegalStateBadge state={r.state} notifiedAt={r.notifiedAt} prohibitedUntil={r.prohibitedUntil} />
            ),
          },
        ]}
      />
    </div>
  );
}
