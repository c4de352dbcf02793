import type { Metadata } from "next";
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
      <Card className="overflow-x-auto p-0">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Parties we share personal data with</caption>
          <thead className="bg-gray-50">
            <tr>
              <th className="px-4 py-2">Name</th>
              <th className="px-4 py-2">Kind</th>
              <th className="px-4 py-2">Data</th>
              <th className="px-4 py-2">Purpose</th>
              <th className="px-4 py-2">Marketing</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} className="border-t border-gray-100 align-top">
                <td className="px-4 py-2 font-medium">
                  {entry.name}
                  <div className="text-xs text-gray-700">{entry.address}</div>
                </td>
                <td className="px-4 py-2">{entry.kind.replace("_", " ").toLowerCase()}</td>
                <td className="px-4 py-2">{entry.dataCategories.join(", ")}</td>
                <td className="px-4 py-2">{entry.purpose}</td>
                <td className="px-4 py-2">{entry.isMarketing ? "Yes" : "No"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {entries.length === 0 ? <p className="p-4 text-gray-700">Nobody is in the register yet.</p> : null}
      </Card>
      <Card>
        <h2 className="mb-4 text-lg font-semibold">Add a party</h2>
        <SharingForm />
      </Card>
    </div>
  );
}
