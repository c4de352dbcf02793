import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { Table } from "@/components/table";
import { Card, PageHeader } from "@/components/ui";
import { requireAdmin } from "@/lib/dal";
import { listSharingRegister } from "@/lib/sharing/register";
import { SharingForm } from "./sharing-form";

export const metadata: Metadata = { title: "Sharing register" };

export default async function SharingRegisterPage() {
  await requireAdmin();
  const entries = await listSharingRegister();
  return (
    <div className="space-y-8">
      <PageHeader
        title="Sharing register"
        description="Every affiliate, agent, processor and third party we share personal data with. It drives the public disclosure page and Shine-the-Light answers."
      />
      <Table
        caption="Parties we share personal data with"
        rows={entries}
        rowKey={(entry) => entry.id}
        empty={<EmptyState title="Nobody is in the register yet." />}
        columns={[
          {
            key: "name",
            header: "Name",
            className: "font-medium",
            cell: (entry) => (
              <>
                {entry.name}
                <div className="text-xs font-normal text-gray-700">{entry.address}</div>
              </>
            ),
          },
          { key: "kind", header: "Kind", cell: (entry) => entry.kind.replace("_", " ").toLowerCase() },
          { key: "data", header: "Data", cell: (entry) => entry.dataCategories.join(", ") },
          { key: "purpose", header: "Purpose", cell: (entry) => entry.purpose },
          { key: "marketing", header: "Marketing", cell: (entry) => (entry.isMarketing ? "Yes" : "No") },
        ]}
      />
      <Card>
        <h2 className="mb-4 text-lg font-semibold">Add a party</h2>
        <SharingForm />
      </Card>
    </div>
  );
}
