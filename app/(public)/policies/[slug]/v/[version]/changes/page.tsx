import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { findVersionChanges } from "@/lib/policies/public";
import { formatPolicyDate, PolicyDiff, VersionStateBadge } from "@/components/policy-body";
import { parseParams, positiveIntParam, slugParam, type RouteParams } from "@/lib/core/params";

// The same for everyone: rendered on the first request, then served from cache (proxy.ts,
// lib/core/public-pages.ts). Publishing revalidates it at once in the instance that took the
// admin's action; other instances (and a version coming into force) within 2 s.
export const revalidate = 2;
export function generateStaticParams() {
  return [];
}
export const metadata: Metadata = { title: "Policy changes" };

const paramsSchema = z.object({ slug: slugParam(), version: positiveIntParam() });

export default async function PolicyChangesPage(props: { params: Promise<RouteParams> }) {
  const { slug, version: number } = parseParams(paramsSchema, await props.params);
  const changes = await findVersionChanges(slug, number);
  if (!changes) notFound();
  const { target, previous, diff } = changes;
  const base = `/policies/${target.document.slug}`;
  return (
    <article className="mx-auto max-w-4xl">
      <p className="text-sm font-semibold text-gray-800" data-testid="effective-date">
        Effective date: {formatPolicyDate(target.effectiveAt)} · Version {target.version}{" "}
        <VersionStateBadge state={target.state} />
      </p>
      <h1 className="mt-2 text-3xl font-bold text-gray-900">
        {target.document.title}: changes in version {target.version}
      </h1>
      <p className="mt-2 text-gray-800">
        {previous
          ? `Compared with version ${previous.version} (effective ${formatPolicyDate(previous.effectiveAt)}): ${diff.added} words added, ${diff.removed} removed.`
          : "This is the first version; everything is new."}
      </p>
      {target.summary ? (
        <section aria-labelledby="summary-heading" className="mt-6 rounded-lg border border-gray-200 bg-white p-4">
          <h2 id="summary-heading" className="font-semibold text-gray-900">
            Summary of changes
          </h2>
          <p className="mt-1 whitespace-pre-line text-gray-800">{target.summary}</p>
        </section>
      ) : null}
      <p className="mt-4 flex flex-wrap gap-4 text-sm">
        <Link className="text-brand-700 underline" href={`${base}/v/${target.version}`}>
          Read version {target.version}
        </Link>
        {previous ? (
          <Link className="text-brand-700 underline" href={`${base}/v/${previous.version}`}>
            Read version {previous.version}
          </Link>
        ) : null}
        <Link className="text-brand-700 underline" href={`${base}/archive`}>
          All versions
        </Link>
      </p>
      <div className="mt-6">
        <PolicyDiff parts={diff.parts} />
      </div>
    </article>
  );
}
