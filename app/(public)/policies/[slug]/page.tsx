import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui";
import { renderPolicyMarkdown } from "@/lib/policies/markdown";
import { findCurrentPolicy } from "@/lib/policies/public";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Policy" };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

export default async function PolicyPage(props: { params: Promise<{ slug: string }> }) {
  const { slug } = await props.params;
  const policy = await findCurrentPolicy(slug);
  if (!policy?.current) notFound();
  const { document, current, upcoming } = policy;
  return (
    <article className="mx-auto max-w-3xl">
      <p className="text-sm font-semibold text-gray-800">
        Effective date: {current.effectiveAt ? dateFormat.format(current.effectiveAt) : "not set"} · Version {current.version}
      </p>
      <h1 className="mt-2 text-3xl font-bold text-gray-900">{document.title}</h1>
      {upcoming?.effectiveAt ? (
        <div className="mt-6">
          <Alert tone="warning" title={`An updated version takes effect on ${dateFormat.format(upcoming.effectiveAt)}`}>
            {upcoming.summary || "We are updating this policy."}{" "}
            <Link className="font-medium underline" href={`/policies/${document.slug}/v/${upcoming.version}`}>Read version {upcoming.version}</Link>
          </Alert>
        </div>
      ) : null}
      <div
        className="prose-policy mt-8 space-y-4 leading-7 text-gray-800 [&_a]:text-brand-700 [&_a]:underline [&_h1]:text-2xl [&_h1]:font-bold [&_h2]:mt-8 [&_h2]:text-xl [&_h2]:font-semibold [&_h3]:mt-6 [&_h3]:font-semibold [&_li]:ml-6 [&_ul]:list-disc"
        dangerouslySetInnerHTML={{ __html: renderPolicyMarkdown(current.markdown) }}
      />
    </article>
  );
}
