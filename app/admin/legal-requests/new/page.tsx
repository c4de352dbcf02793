import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageHeader } from "@/components/ui";
import { requireAdmin } from "@/lib/dal";
import { LegalRequestForm } from "../legal-request-form";

export const metadata: Metadata = { title: "Register a legal request" };

export default async function NewLegalRequestPage() {
  await requireAdmin();
  return (
    <div className="space-y-6">
      <Link className="text-sm text-brand-700 underline" href="/admin/legal-requests">
        ← Legal requests
      </Link>
      <PageHeader
        title="Register a legal request"
        description="Without a recorded prohibition, the people concerned are emailed and see the request in their privacy center as soon as you register it."
      />
      <Card>
        <LegalRequestForm />
      </Card>
    </div>
  );
}
