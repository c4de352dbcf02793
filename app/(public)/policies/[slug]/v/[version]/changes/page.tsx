import type { Metadata } from "next";
import { z } from "zod";
import { parseParams, positiveIntParam, slugParam, type RouteParams } from "@/lib/core/params";
import { PolicyChanges } from "../../../../_components/policy-changes";

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
  const { slug, version } = parseParams(paramsSchema, await props.params);
  return <PolicyChanges slug={slug} version={version} onlyChanges={false} />;
}
