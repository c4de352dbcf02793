import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Alert } from "@/components/ui";
import { findPublishedVersion } from "@/lib/policies/public";
import { formatPolicyDate, PolicyBody, VersionStateBadge } from "@/components/policy-body";
import { parseParams, positiveIntParam, slugParam, type RouteParams } from "@/lib/core/params";

// The same for everyone: rendered on the first request, then served from cache (proxy.ts,
// lib/core/public-pages.ts). Publishing revalidates it at once in the instance that took the
// admin's action; other instances (and a version coming into force) within 2 s.
export const revalidate = 2;
export function generateStaticParams() {
  return [];
}
export const metadata: Metadata = { title: "Policy version" };

const paramsSchema = z.object({ slug: slugParam(), version: positiveIntParam() });

export default async function PolicyVersionPage(props: { params: Promise<RouteParams> }) {
  const { slug, version: number } = parseParams(paramsSchema, await props.params);
  const policy = await findPublishedVersion(slug, number);
  if (!policy) notFound();
  const base = `/policies/${policy.document.slug}`;
  return (
    <article className="mx-auto max-w-5xl">
      <p className="text-sm font-semibold text-gray-800" data-testid="effective-date">
        Effective date: {formatPolicyDate(policy.effectiveAt)} · Version {policy.version}{" "}
        <VersionStateBadge state={policy.state} />
      </p>
      <h1 className="mt-2 text-3xl font-bold text-gray-900">{policy.document.title}</h1>
      <p className="mt-2 flex flex-wrap gap-4 text-sm">
        <Link className="text-brand-700 underline" href={base}>
          See the current version
        </Link>
        <Link className="text-brand-700 underline" href={`${base}/archive`}>
          All versions
        </Link>
        {policy.version > 1 ? (
          <Link className="text-brand-700 underline" href={`${base}/v/${policy.version}/changes`}>
            What changed in this version
          </Link>
        ) : null}
      </p>
      {policy.state === "upcoming" ? (
        <div className="mt-6">
          <Alert tone="warning" title={`This version takes effect on ${formatPolicyDate(policy.effectiveAt)}`}>
            Until then, the{" "}
            <Link className="font-medium underline" href={base}>
              current version
            </Link>{" "}
            applies. {policy.summary}
          </Alert>
        </div>
      ) : policy.state === "superseded" ? (
        <div className="mt-6">
          <Alert tone="info" title="This version has been replaced">
            It applies to information collected while it was in effect.{" "}
            <Link className="font-medium underline" href={base}>
              Read the current version
            </Link>
            .
          </Alert>
        </div>
      ) : null}
      <div className="mt-8">
        <PolicyBody markdown={policy.markdown} />
      </div>
    </article>
  );
}
