import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Card, PageHeader } from "@/components/ui";
import { getOwnItem } from "@/lib/data/access";
import { outputColumns } from "@/lib/data/queries";
import { verifySession } from "@/lib/dal";
import { parseSearchParams, textParam, type SearchParams } from "@/lib/core/params";
import { CorrectionForm } from "./correction-form";
import { formatDate } from "@/lib/core/format";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Report something wrong" };

const searchSchema = z.object({ dataset: textParam(100).optional(), id: textParam(200).optional() });

export default async function CorrectionPage(props: { searchParams: Promise<SearchParams> }) {
  const viewer = await verifySession();
  const { dataset, id } = parseSearchParams(searchSchema, await props.searchParams).data;
  if (!dataset || !id) notFound();
  // Other people's items (or made-up ids) look exactly like missing ones.
  const item = await getOwnItem({ viewer, datasetKey: dataset, id });
  if (!item || !item.dataset.correctable) notFound();
  const columns = outputColumns(item.dataset).filter((column) => column.key !== "policyVersion");
  return (
    <div>
      <p className="mb-2 text-sm">
        <Link
          className="text-brand-700 underline"
          href={`/account/data/${item.category.slug}${item.category.datasets.length > 1 ? `?dataset=${item.dataset.key}` : ""}`}
        >
          ← Back to {item.category.title.toLowerCase()}
        </Link>
      </p>
      <PageHeader
        title="Report something wrong"
        description="You cannot edit this record yourself. Tell us what is wrong and we will check and correct it, and answer within one month (GDPR Article 16)."
      />
      <Card>
        <h2 className="text-lg font-semibold text-gray-900">
          {item.category.title}: {item.dataset.title}
        </h2>
        <dl className="mt-4 grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[12rem_1fr]" data-testid="item">
          {columns.map((column) => (
            <div key={column.key} className="contents">
              <dt className="font-medium text-gray-900">{column.label}</dt>
              <dd className="break-all text-gray-700">
                {column.kind === "date"
                  ? formatDate(item.values[column.key], "timestamp")
                  : (item.values[column.key] ?? "—")}
              </dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card className="mt-6">
        <CorrectionForm dataset={item.dataset.key} itemId={id} />
      </Card>
    </div>
  );
}
