import type { Metadata } from "next";
import Link from "next/link";
import { listPublicPolicyDocuments } from "@/lib/policies/public";
import { EmptyState } from "@/components/empty-state";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Policies" };

export default async function PoliciesIndexPage() {
  const documents = await listPublicPolicyDocuments();
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-3xl font-bold text-gray-900">Our policies</h1>
      {documents.length === 0 ? (
        <div className="mt-4">
          <EmptyState title="No policies are published yet." />
        </div>
      ) : (
        <ul className="mt-6 space-y-2">
          {documents.map((d) => (
            <li key={d.slug}>
              <Link className="text-brand-700 underline" href={`/policies/${d.slug}`}>
                {d.title}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-8 text-gray-800">
        Anyone can{" "}
        <Link className="font-medium text-brand-700 underline" href="/requests/new">
          make a privacy request
        </Link>{" "}
        (a copy, a deletion, a correction, an objection, or “do not sell or share”), without an account.
      </p>
      <p className="mt-4 text-gray-800">
        A parent whose child under 13 gave us information can{" "}
        <Link className="font-medium text-brand-700 underline" href="/parents">
          ask us to remove it
        </Link>
        , without an account.
      </p>
    </div>
  );
}
