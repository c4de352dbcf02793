import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { listPolicyArchive } from "@/lib/policies/public";
import { formatPolicyDate, VersionStateBadge } from "@/components/policy-body";
import { parseParams, slugParam, type RouteParams } from "@/lib/core/params";

// The same for everyone: rendered on the first request, then served from cache (proxy.ts,
// lib/core/public-pages.ts). Publishing revalidates it at once in the instance that took the
// admin's action; other instances (and a version coming into force) within 2 s.
export const revalidate = 2;
export function generateStaticParams() {
  return [];
}
export const metadata: Metadata = { title: "Policy archive" };

const paramsSchema = z.object({ slug: slugParam() });

export default async function PolicyArchivePage(props: { params: Promise<RouteParams> }) {
  const { slug } = parseParams(paramsSchema, await props.params);
  const archive = await listPolicyArchive(slug);
  if (!archive || archive.versions.length === 0) notFound();
  const base = `/policies/${archive.document.slug}`;
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-3xl font-bold text-gray-900">{archive.document.title}: all versions</h1>
      <p className="mt-2 text-gray-800">
        Information is governed by the version in effect when it was collected. Each version keeps its address for good.
      </p>
      <ol className="mt-8 space-y-4">
        {archive.versions.map((v) => (
          <li key={v.version} className="rounded-lg border border-gray-200 bg-white p-4">
            <div className="flex flex-wrap items-center gap-2">
              <h2 className="text-lg font-semibold text-gray-900">Version {v.version}</h2>
              <VersionStateBadge state={v.state} />
              <span className="text-sm text-gray-700">{v.isSubstantive ? "Substantive change" : "Minor change"}</span>
            </div>
            <p className="mt-1 text-sm text-gray-800">Effective date: {formatPolicyDate(v.effectiveAt)}</p>
            {v.summary ? <p className="mt-2 whitespace-pre-line text-gray-800">{v.summary}</p> : null}
            <p className="mt-2 flex flex-wrap gap-4 text-sm">
              <Link className="text-brand-700 underline" href={`${base}/v/${v.version}`}>
                Read version {v.version}
              </Link>
              {v.hasPrevious ? (
                <Link className="text-brand-700 underline" href={`${base}/v/${v.version}/changes`}>
                  Changes from the previous version
                </Link>
              ) : null}
            </p>
          </li>
        ))}
      </ol>
    </div>
  );
}
