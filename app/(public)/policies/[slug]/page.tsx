import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Alert } from "@/components/ui";
import { findCurrentPolicy } from "@/lib/policies/public";
import { formatPolicyDate, PolicyBody } from "@/components/policy-body";
import { ChangeNoticeSettings } from "../_components/minor-opt-in";
import { parseParams, slugParam, type RouteParams } from "@/lib/core/params";

// The same for everyone: rendered on the first request, then served from cache (proxy.ts,
// lib/core/public-pages.ts). Publishing revalidates it at once in the instance that took the
// admin's action; other instances (and a version coming into force) within 2 s.
export const revalidate = 2;
export function generateStaticParams() {
  return [];
}
export const metadata: Metadata = { title: "Policy" };

const paramsSchema = z.object({ slug: slugParam() });

export default async function PolicyPage(props: { params: Promise<RouteParams> }) {
  const { slug } = parseParams(paramsSchema, await props.params);
  const policy = await findCurrentPolicy(slug);
  if (!policy?.current) notFound();
  const { document, current, upcoming } = policy;
  return (
    <article className="mx-auto max-w-5xl">
      <p className="text-sm font-semibold text-gray-800" data-testid="effective-date">
        Effective date: {formatPolicyDate(current.effectiveAt)} · Version {current.version}
      </p>
      <h1 className="mt-2 text-3xl font-bold text-gray-900">{document.title}</h1>
      <p className="mt-2 flex flex-wrap gap-4 text-sm">
        <Link className="text-brand-700 underline" href={`/policies/${document.slug}/archive`}>
          All versions and changes
        </Link>
        <Link className="text-brand-700 underline" href={`/policies/${document.slug}/v/${current.version}`}>
          Permanent link to this version
        </Link>
        {current.version > 1 ? (
          <Link className="text-brand-700 underline" href={`/policies/${document.slug}/v/${current.version}/changes`}>
            What changed in this version
          </Link>
        ) : null}
      </p>
      {upcoming?.effectiveAt ? (
        <div className="mt-6">
          <Alert tone="warning" title={`An updated version takes effect on ${formatPolicyDate(upcoming.effectiveAt)}`}>
            {upcoming.summary || "We are updating this policy."}{" "}
            <Link className="font-medium underline" href={`/policies/${document.slug}/v/${upcoming.version}`}>
              Read version {upcoming.version}
            </Link>
            {" · "}
            <Link className="font-medium underline" href={`/policies/${document.slug}/v/${upcoming.version}/changes`}>
              See what changes
            </Link>
          </Alert>
        </div>
      ) : null}
      <div className="mt-8">
        <PolicyBody markdown={current.markdown} />
      </div>
      <p className="mt-8 rounded-lg border border-gray-200 bg-white p-4 text-sm text-gray-800">
        To see, delete or correct what we hold about you, or to tell us not to sell or share it,{" "}
        <Link className="font-medium text-brand-700 underline" href="/requests/new">
          make a privacy request
        </Link>
        . You do not need an account; authorized agents can file for someone else there too.
      </p>
      <p className="mt-4 rounded-lg border border-gray-200 bg-white p-4 text-sm text-gray-800">
        Parents: if your child under 13 gave us personal information,{" "}
        <Link className="font-medium text-brand-700 underline" href="/parents">
          ask us to remove it
        </Link>
        . You do not need an account.
      </p>
      <ChangeNoticeSettings />
    </article>
  );
}
