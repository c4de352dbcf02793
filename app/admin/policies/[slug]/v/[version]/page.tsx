import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Alert, Card, PageHeader } from "@/components/ui";
import { requireAdmin } from "@/lib/dal";
import { env } from "@/lib/core/env";
import { getDraftForEditing } from "@/lib/policies/admin";
import { diffPolicyText } from "@/lib/policies/diff";
import { formatPolicyDate, PolicyBody, PolicyDiff } from "@/components/policy-body";
import { DiscardDraftForm, DraftForm, PublishForm } from "../../../forms";
import { parseParams, positiveIntParam, slugParam, type RouteParams } from "@/lib/core/params";
import { isoDay } from "@/lib/core/format";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Policy version" };

const paramsSchema = z.object({ slug: slugParam(), version: positiveIntParam() });

export default async function AdminPolicyVersionPage(props: { params: Promise<RouteParams> }) {
  const viewer = await requireAdmin();
  const { slug, version: number } = parseParams(paramsSchema, await props.params);
  const data = await getDraftForEditing({ admin: viewer, slug, versionNumber: number });
  if (!data) notFound();
  const { version: v, live, at } = data;
  const isDraft = v.status === "DRAFT";
  const diff = diffPolicyText(live?.markdown ?? "", v.markdown);
  const minDays = env().POLICY_MIN_NOTICE_DAYS;
  const earliest = new Date(at.getTime() + minDays * 86_400_000);
  const earliestSubstantive = isoDay(earliest);
  return (
    <div className="space-y-6">
      <PageHeader
        title={`${v.document.title}: version ${v.version}${isDraft ? " (draft)" : ""}`}
        description={
          <Link className="text-brand-700 underline" href={`/admin/policies/${v.document.slug}`}>
            Back to all versions
          </Link>
        }
      />
      {isDraft ? (
        <Card>
          <h2 className="mb-4 text-lg font-semibold text-gray-900">Edit draft</h2>
          <DraftForm
            draft={{
              versionId: v.id,
              markdown: v.markdown,
              summary: v.summary,
              isSubstantive: v.isSubstantive,
              effectiveOn: v.effectiveAt ? isoDay(v.effectiveAt) : "",
              overrideReason: v.overrideReason ?? "",
            }}
            minNoticeDays={minDays}
            earliestSubstantive={earliestSubstantive}
          />
        </Card>
      ) : (
        <Alert tone="info" title="Published: this version can no longer be changed">
          Effective {formatPolicyDate(v.effectiveAt)}.{" "}
          <Link className="font-medium underline" href={`/policies/${v.document.slug}/v/${v.version}`}>
            Public page
          </Link>
        </Alert>
      )}
      <Card>
        <h2 className="mb-1 text-lg font-semibold text-gray-900">Changes against the live version</h2>
        <p className="mb-4 text-sm text-gray-700">
          {live
            ? `Compared with version ${live.version} (in effect since ${formatPolicyDate(live.effectiveAt)}): ${diff.added} words added, ${diff.removed} removed.`
            : "Nothing is live yet: everything is new."}
        </p>
        <PolicyDiff parts={diff.parts} label="Changes against the live version" />
      </Card>
      <Card>
        <h2 className="mb-1 text-lg font-semibold text-gray-900">Preview</h2>
        <p className="mb-4 text-sm text-gray-700">Exactly as the public page will show it.</p>
        <section aria-label="Preview" className="rounded-lg border border-dashed border-gray-300 p-4">
          <p className="text-sm font-semibold text-gray-800">
            Effective date: {formatPolicyDate(v.effectiveAt)} · Version {v.version}
          </p>
          <h1 className="mt-2 mb-6 text-3xl font-bold text-gray-900">{v.document.title}</h1>
          <PolicyBody markdown={v.markdown} />
        </section>
      </Card>
      {isDraft ? (
        <Card>
          <h2 className="mb-4 text-lg font-semibold text-gray-900">Publish</h2>
          <PublishForm
            versionId={v.id}
            description={
              v.isSubstantive
                ? `Substantive change effective ${formatPolicyDate(v.effectiveAt)}: every user gets a banner and an email notice with the summary and a link to the changes.`
                : `Minor change effective ${formatPolicyDate(v.effectiveAt)}: no mass email; only users who opted in to minor-change notices are emailed.`
            }
          />
          <div className="mt-6 border-t border-gray-200 pt-4">
            <DiscardDraftForm versionId={v.id} slug={v.document.slug} />
          </div>
        </Card>
      ) : null}
    </div>
  );
}
