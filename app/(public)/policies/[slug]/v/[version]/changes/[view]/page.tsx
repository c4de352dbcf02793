import type { Metadata } from "next";
import { z } from "zod";
import { parseParams, positiveIntParam, slugParam, type RouteParams } from "@/lib/core/params";
import { PolicyChanges } from "../../../../../_components/policy-changes";

// …/changes/only: the sections that changed, without the rest. A path rather than a query
// parameter, so this view is cached like the others (a query would make the page dynamic).
export const revalidate = 2;
export function generateStaticParams() {
  return [];
}
export const metadata: Metadata = { title: "Policy changes" };

const paramsSchema = z.object({ slug: slugParam(), version: positiveIntParam(), view: z.enum(["only"]) });

export default async function PolicyChangesViewPage(props: { params: Promise<RouteParams> }) {
  const { slug, version } = parseParams(paramsSchema, await props.params);
  return <PolicyChanges slug={slug} version={version} onlyChanges />;
}
