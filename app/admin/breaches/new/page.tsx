import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageHeader } from "@/components/ui";
import { categories } from "@/lib/data/registry";
import { requireAdmin } from "@/lib/dal";
import { BreachForm, EMPTY_BREACH } from "../breach-form";

export const metadata: Metadata = { title: "New breach notice" };

export default async function NewBreachPage() {
  await requireAdmin();
  return (
    <div className="space-y-6">
      <Link className="text-sm text-brand-700 underline" href="/admin/breaches">
        ← Breach notices
      </Link>
      <PageHeader
        title="New breach notice"
        description="Write what people need to know. Saving keeps a draft; you see the email, the portal banner and the number of recipients before anything is sent."
      />
      <Card>
        <BreachForm
          values={EMPTY_BREACH}
          categories={categories.map((c) => ({ slug: c.slug, title: c.title }))}
          submitLabel="Save draft and preview"
        />
      </Card>
    </div>
  );
}
