import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { renderPolicyMarkdown } from "@/lib/policies/markdown";
import { findPublishedVersion } from "@/lib/policies/public";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Policy version" };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

export default async function PolicyVersionPage(props: { params: Promise<{ slug: string; version: string }> }) {
  const { slug, version } = await props.params;
  const number = Number(version);
  if (!Number.isInteger(number) || number < 1) notFound();
  const policy = await findPublishedVersion(slug, number);
  if (!policy) notFound();
  return (
    <article className="mx-auto max-w-3xl">
      <p className="text-sm font-semibold text-gray-800">
        Effective date: {policy.effectiveAt ? dateFormat.format(policy.effectiveAt) : "not set"} · Version {policy.version}
      </p>
      <h1 className="mt-2 text-3xl font-bold text-gray-900">{policy.document.title}</h1>
      <p className="mt-2 text-sm"><Link className="text-brand-700 underline" href={`/policies/${policy.document.slug}`}>See the current version</Link></p>
      <div
        className="mt-8 space-y-4 leading-7 text-gray-800 [&_a]:text-brand-700 [&_a]:underline [&_h2]:mt-8 [&_h2]:text-xl [&_h2]:font-semibold [&_h3]:mt-6 [&_h3]:font-semibold [&_li]:ml-6 [&_ul]:list-disc"
        dangerouslySetInnerHTML={{ __html: renderPolicyMarkdown(policy.markdown) }}
      />
    </article>
  );
}
