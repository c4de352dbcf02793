import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink, Card, PageHeader } from "@/components/ui";
import { requireAdmin } from "@/lib/dal";
import { ScrollRegion } from "@/components/scroll-region";
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
      <Card>
        {requests.length === 0 ? (
          <p className="text-gray-800">No legal requests registered.</p>
        ) : (
          <ScrollRegion label="Legal requests">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Legal requests</caption>
              <thead className="border-b border-gray-200 text-gray-800">
                <tr>
                  <th className="py-2 pr-4">Reference</th>
                  <th className="py-2 pr-4">Authority</th>
                  <th className="py-2 pr-4">Received</th>
                  <th className="py-2 pr-4">People</th>
                  <th className="py-2 pr-4">Decision</th>
                  <th className="py-2 pr-4">People told</th>
                </tr>
              </thead>
              <tbody>
                {requests.map((r) => (
                  <tr key={r.id} className="border-b border-gray-100 last:border-0">
                    <td className="py-2 pr-4">
                      <Link className="font-medium text-brand-700 underline" href={`/admin/legal-requests/${r.id}`}>
                        {r.reference}
                      </Link>
                    </td>
                    <td className="py-2 pr-4 text-gray-900">{r.authority}</td>
                    <td className="py-2 pr-4 text-gray-800">{formatLegalDate(r.receivedAt)}</td>
                    <td className="py-2 pr-4 text-gray-800">{r.people}</td>
                    <td className="py-2 pr-4 text-gray-800">{DECISION_LABELS[r.decision]}</td>
                    <td className="py-2 pr-4">
                      <LegalStateBadge state={r.state} notifiedAt={r.notifiedAt} prohibitedUntil={r.prohibitedUntil} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </Card>
    </div>
  );
}
